package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/status"
)

// `relay status --config FILE` asks the relay at the file's http.listen,
// as the other commands take the same file.
func TestStatusAsksTheConfiguredListener(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(status.Snapshot{Channels: []relay.ChannelStatus{{Channel: relay.Lazada, Pushed: 42}}})
	}))
	defer srv.Close()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "m.csv"), []byte("channel,sku,site,item,variant,location,seller_sku\n"), 0o644)
	cfg := filepath.Join(dir, "relay.yaml")
	os.WriteFile(cfg, []byte("store: s.db\nmapping: m.csv\nhttp: {listen: "+strings.TrimPrefix(srv.URL, "http://")+"}\n"), 0o600)
	var out, errs bytes.Buffer
	if c := run([]string{"status", "--config", cfg}, &out, &errs); c != 0 || !strings.Contains(out.String(), "lazada") || !strings.Contains(out.String(), "42") {
		t.Errorf("exit %d: %s%s", c, out.String(), errs.String())
	}
	out.Reset()
	if c := run([]string{"status", "--config", filepath.Join(dir, "none.yaml")}, &out, &errs); c != 1 || !strings.Contains(errs.String(), "--addr") {
		t.Errorf("a missing configuration: exit %d: %s", c, errs.String())
	}
}
