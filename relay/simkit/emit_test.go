package simkit_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	"github.com/edged/edged/relay/simkit"
)

func TestEmitterDuplicatesReordersAndRetries(t *testing.T) {
	var mu sync.Mutex
	var got []string
	fails := 1
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		if string(b) == "c" && fails > 0 {
			fails--
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		got = append(got, string(b))
	}))
	defer srv.Close()
	e := &simkit.Emitter{Duplicate: true, ReorderEvery: 2, Retries: 1}
	ctx := context.Background()
	for _, body := range []string{"a", "b", "c", "d"} {
		if err := e.Emit(ctx, simkit.Delivery{URL: srv.URL, Body: []byte(body)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	want := []string{"a", "a", "c", "c", "b", "b", "d", "d"}
	if !slices.Equal(got, want) {
		t.Errorf("deliveries %v, want %v", got, want)
	}
	if d, f := e.Stats(); d != 8 || f != 0 {
		t.Errorf("delivered %d failed %d", d, f)
	}
}

func TestFaultsAndWindow(t *testing.T) {
	var f simkit.Faults
	var rec simkit.Recorder
	srv := httptest.NewServer(rec.Wrap(&f, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})))
	defer srv.Close()
	f.Inject("/x", 2, simkit.Fault{Status: 503, RetryAfter: "1"})
	var codes []int
	for range 3 {
		resp, err := http.Get(srv.URL + "/x?q=1")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		codes = append(codes, resp.StatusCode)
	}
	if !slices.Equal(codes, []int{503, 503, 200}) {
		t.Errorf("codes %v", codes)
	}
	if r := rec.Requests(); len(r) != 3 || r[0].RawQuery != "q=1" {
		t.Errorf("recorded %+v", r)
	}
}
