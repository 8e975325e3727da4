package status_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/edged/edged/relay/flashsale"
	"github.com/edged/edged/relay/status"
	"github.com/edged/edged/relay/stock"
)

func TestSnapshotPageJSONAndText(t *testing.T) {
	r, err := flashsale.NewRig(context.Background(), flashsale.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ctx := context.Background()
	// A first batch after seq 1 is held once, then taken when sent again.
	d := stock.Delta{SKU: "NOPE", Kind: stock.Receive, Qty: 1}
	if err := r.Engine.ApplyDelta(ctx, "gw-7", 41, d); !errors.Is(err, stock.ErrSeqGap) {
		t.Fatal(err)
	}
	if err := r.Engine.ApplyDelta(ctx, "gw-7", 41, d); err != nil {
		t.Fatal(err)
	}
	if err := r.Engine.SetLock(ctx, "shopee", "TEE", 3); err != nil {
		t.Fatal(err)
	}
	src := status.Source{Engine: r.Engine, Dispatchers: r.Dispatchers, Gaps: func() map[string]uint64 { return map[string]uint64{"gw-7": 2} }}
	srv := httptest.NewServer(status.Handler(src.Snapshot))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "?format=json")
	if err != nil {
		t.Fatal(err)
	}
	var s status.Snapshot
	err = json.NewDecoder(resp.Body).Decode(&s)
	resp.Body.Close()
	if err != nil || len(s.Channels) != 4 || len(s.Gateways) != 1 || s.Gateways[0].LastSeq != 41 || s.Gateways[0].Gaps != 2 || s.Counters.UnknownSKUs != 1 ||
		len(s.Locks) != 1 || s.Locks[0] != (stock.Lock{Channel: "shopee", SKU: "TEE", Qty: 3}) {
		t.Errorf("json snapshot %+v, err %v", s, err)
	}
	resp, err = http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(html, []byte("<td>tiktok")) || !bytes.Contains(html, []byte("<td>gw-7<td>41")) ||
		!bytes.Contains(html, []byte("<td>shopee<td>TEE<td>3")) {
		t.Errorf("page lacks channels or gateways:\n%s", html)
	}
	if bytes.Contains(html, []byte("{")) || !bytes.Contains(html, []byte(`<th scope="row">deltas for unmapped SKUs<td>1`)) {
		t.Errorf("counters must be named rows, not a Go struct dump:\n%s", html)
	}
	var b strings.Builder
	if err := status.WriteText(&b, src.Snapshot()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"shopify", "never", "gw-7", "deltas for unmapped SKUs       1", "LOCKED BY", "order edits                    0"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
}
