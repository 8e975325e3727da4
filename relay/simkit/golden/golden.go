package golden

import (
	"bytes"
	"flag"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/edged/edged/relay/simkit"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the requests Push sends")

// transport headers are the HTTP client's own, not the adapter's.
var transport = map[string]bool{"Accept-Encoding": true, "Content-Length": true, "User-Agent": true}

// Recorder is a test HTTP server that records every request raw (method,
// path, raw query, headers and exact body bytes) before handing it on.
// It is closed when the test ends.
type Recorder struct {
	*httptest.Server
	rec simkit.Recorder
}

// NewRecorder starts a Recorder answering with h.
func NewRecorder(t testing.TB, h http.Handler) *Recorder {
	t.Helper()
	r := &Recorder{}
	r.Server = NewServer(t, r.rec.Wrap(&simkit.Faults{}, h))
	return r
}

// Requests returns a copy of the requests recorded so far.
func (r *Recorder) Requests() []simkit.Request { return r.rec.Requests() }

// NewServer starts an httptest server with h, closed when the test ends.
func NewServer(t testing.TB, h http.Handler) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// Path is the golden file of name: testdata/name.golden.
func Path(name string) string { return filepath.Join("testdata", name+".golden") }

// Render writes requests as the request line with the raw query, the
// adapter's headers sorted, a blank line and the exact body bytes;
// requests are separated by a blank line. The HTTP client's transport
// headers (Accept-Encoding, Content-Length, User-Agent) are left out.
func Render(reqs ...simkit.Request) []byte {
	var b bytes.Buffer
	for i, r := range reqs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(r.Method + " " + r.Path)
		if r.RawQuery != "" {
			b.WriteString("?" + r.RawQuery)
		}
		b.WriteString("\n")
		for _, k := range slices.Sorted(maps.Keys(r.Header)) {
			for _, v := range r.Header[k] {
				if !transport[k] {
					b.WriteString(k + ": " + v + "\n")
				}
			}
		}
		b.WriteString("\n")
		b.Write(r.Body)
	}
	return b.Bytes()
}

// Compare compares got with the file at path byte for byte, or rewrites
// the file (creating its directory) under -update.
func Compare(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to record it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("request differs from %s (if intended, rerun with -update and review the diff)\n--- sent\n%s\n--- golden\n%s", path, got, want)
	}
}

// Send replays a recorded request to srv with its adapter headers (not
// the transport headers) and returns the answer's body.
func Send(t testing.TB, srv *httptest.Server, r simkit.Request) []byte {
	t.Helper()
	u := srv.URL + r.Path
	if r.RawQuery != "" {
		u += "?" + r.RawQuery
	}
	req, err := http.NewRequest(r.Method, u, bytes.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range r.Header {
		if !transport[k] {
			req.Header[k] = v
		}
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
