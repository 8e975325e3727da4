package report_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edged/edged/report"
)

// chartPage renders velocity (bars + stock lines), dead stock and
// accuracy charts to one HTML file.
func chartPage(t *testing.T) string {
	e, d := shop(t)
	var rs []*report.Report
	for _, name := range []string{"velocity", "dead-stock"} {
		rs = append(rs, build(t, e, d, name))
	}
	l := counted(t)
	ea, _ := report.New(l, report.Config{}, nil, nil)
	p, _ := report.NewPeriod(at(1, 0), at(11, 0))
	acc, err := ea.Run("accuracy", p)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, append(rs, acc...), "html"); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if strings.Contains(page, "http://") && !strings.Contains(page, `xmlns="http://www.w3.org/2000/svg"`) ||
		strings.Contains(page, "<script") || strings.Contains(page, "src=") {
		t.Fatal("the page must not load external assets or scripts")
	}
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestHTMLChartsRenderInChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed (make test installs it)")
	}
	page := chartPage(t)
	shot := filepath.Join(t.TempDir(), "shot.png")
	cmd := exec.CommandContext(t.Context(), bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--screenshot="+shot, "--window-size=1280,3600", "file://"+page)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	if dst := os.Getenv("REPORT_SCREENSHOT"); dst != "" {
		data, _ := os.ReadFile(shot)
		_ = os.WriteFile(dst, data, 0o644)
	}
	img := decodePNG(t, shot)
	// Each colour is drawn only inside an SVG: velocity bars and the
	// first stock line (blue), the other stock lines (orange, green),
	// the dead-stock bars (vermillion).
	for name, c := range map[string][3]uint8{"blue #0072B2": {0x00, 0x72, 0xB2}, "orange #E69F00": {0xE6, 0x9F, 0x00},
		"green #009E73": {0x00, 0x9E, 0x73}, "vermillion #D55E00": {0xD5, 0x5E, 0x00}} {
		if n := countColour(img, c); n < 300 {
			t.Errorf("%s: %d pixels in the screenshot; the charts did not render", name, n)
		}
	}
}

func decodePNG(t *testing.T, path string) image.Image {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// countColour counts pixels within a small distance of c.
func countColour(img image.Image, c [3]uint8) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, c[0]) && near(g>>8, c[1]) && near(bl>>8, c[2]) {
				n++
			}
		}
	}
	return n
}

func near(v uint32, want uint8) bool { return int(v)-int(want) < 12 && int(want)-int(v) < 12 }
