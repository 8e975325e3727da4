package sheet

import (
	"bytes"
	"encoding/binary"
	"errors"
	"regexp"
	"testing"

	"github.com/edged/edged/workflow"
)

var pageObj = regexp.MustCompile(`/Type /Page[^s]`)

// pngIDAT returns the compressed image data of a PNG, which fpdf embeds
// unchanged as the image stream.
func pngIDAT(t *testing.T, png []byte) []byte {
	t.Helper()
	var out []byte
	for p := png[8:]; len(p) >= 12; {
		n := binary.BigEndian.Uint32(p)
		if string(p[4:8]) == "IDAT" {
			out = append(out, p[8:8+n]...)
		}
		p = p[12+n:]
	}
	if len(out) == 0 {
		t.Fatal("PNG without IDAT")
	}
	return out
}

// TestSheetEmbedsEveryBarcode renders a sheet and checks the PDF: one
// page per 12 labels, one image per label, and each label's own
// barcode image (the same encoder's PNG data) inside it.
func TestSheetEmbedsEveryBarcode(t *testing.T) {
	for _, sym := range []Symbology{Code128, QR} {
		labels, err := workflow.Sheet(workflow.Config{}, workflow.SheetOptions{Locations: []string{"A-01-01", "B-02-03"}})
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := Write(&out, labels, Options{Symbology: sym, Title: "dock-1", Uncompressed: true}); err != nil {
			t.Fatal(err)
		}
		pdf := out.Bytes()
		pages := len(pageObj.FindAll(pdf, -1))
		if want := (len(labels) + 11) / 12; !bytes.HasPrefix(pdf, []byte("%PDF-")) || pages != want {
			t.Fatalf("%s: %d pages, want %d", sym, pages, want)
		}
		if n := bytes.Count(pdf, []byte("/Subtype /Image")); n != len(labels) {
			t.Fatalf("%s: %d images, want %d", sym, n, len(labels))
		}
		for _, l := range labels {
			img, _, _, err := encode(l.Data, sym)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(pdf, pngIDAT(t, img)) || !bytes.Contains(pdf, []byte(l.Data)) {
				t.Fatalf("%s: barcode or caption of %q missing", sym, l.Data)
			}
		}
	}
}

func TestUnknownSymbology(t *testing.T) {
	if err := Write(&bytes.Buffer{}, nil, Options{Symbology: "ean13"}); !errors.Is(err, ErrSymbology) {
		t.Fatalf("err %v", err)
	}
}
