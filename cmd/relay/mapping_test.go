package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edged/edged/relay/discover/discovertest"
	"github.com/edged/edged/relay/stock"
)

// discoverConfig writes a relay.yaml reaching the rig's simulators, with
// a mapping of two rows (one of them stale).
func discoverConfig(t *testing.T, r *discovertest.Rig, tiktokToken string) (dir, cfg string) {
	dir = t.TempDir()
	os.WriteFile(filepath.Join(dir, "mapping.csv"), []byte("channel,sku,item,variant\nlazada,SKU-00000,400000,500000\nlazada,SKU-00001,400000,599999\n"), 0o644)
	cfg = filepath.Join(dir, "relay.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`store: %s
mapping: mapping.csv
discover_every: 0
channels:
  shopify: {base_url: %q, access_token: %q}
  lazada: {base_url: %q, app_key: %q, app_secret: %q, access_token: %q}
  shopee: {base_url: %q, partner_id: %d, partner_key: %q, shop_id: %d, access_token: %q}
  tiktok: {base_url: %q, app_key: %q, app_secret: %q, access_token: %q, shop_cipher: %q}
`, filepath.Join(dir, "relay.db"), r.ShopifyConfig.BaseURL, r.ShopifyConfig.AccessToken,
		r.LazadaConfig.BaseURL, r.LazadaConfig.AppKey, r.LazadaConfig.AppSecret, r.LazadaConfig.AccessToken,
		r.ShopeeConfig.BaseURL, r.ShopeeConfig.PartnerID, r.ShopeeConfig.PartnerKey, r.ShopeeConfig.ShopID, r.ShopeeConfig.AccessToken,
		r.TikTokConfig.BaseURL, r.TikTokConfig.AppKey, r.TikTokConfig.AppSecret, tiktokToken, r.TikTokConfig.ShopCipher)), 0o644)
	return dir, cfg
}

func TestMappingDiscoverEndToEnd(t *testing.T) {
	const n = 40
	rig := discovertest.Start(t, n)
	dir, cfg := discoverConfig(t, rig, rig.TikTokConfig.AccessToken)
	catalog := filepath.Join(dir, "catalog.csv")
	os.WriteFile(catalog, []byte("sku,name\n"+strings.Join(discovertest.Catalog(n-1), ",x\n")+",x\nNOT-LISTED,x\n"), 0o644)
	out := filepath.Join(dir, "discovered.csv")

	var stdout, stderr bytes.Buffer
	if code := run([]string{"mapping", "discover", "--config", cfg, "--catalog", catalog, "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout.String(), stderr.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	m, err := stock.ParseMapping(f, out)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(m.SKUs()); got != n-1 {
		t.Errorf("%d SKUs mapped, want %d", got, n-1)
	}
	for _, want := range []string{"CHANNEL", "shopee", "1 not in the catalog", "NOT-LISTED", "drift against", "1 removed"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, stdout.String())
		}
	}

	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"mapping", "discover", "--config", cfg, "--catalog", catalog, "--out", out}, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "--force") {
		t.Errorf("existing --out: exit %d: %s", code, stderr.String())
	}
	if code := run([]string{"mapping", "discover", "--config", cfg, "--catalog", catalog, "--out", out, "--force"}, &stdout, &stderr); code != 0 {
		t.Errorf("--force: exit %d: %s", code, stderr.String())
	}
}

// Without --catalog the configured mapping's SKUs are the catalog; without
// --out the mapping goes to stdout and --json's report to stderr.
func TestMappingDiscoverStdoutJSON(t *testing.T) {
	rig := discovertest.Start(t, 10)
	_, cfg := discoverConfig(t, rig, rig.TikTokConfig.AccessToken)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"mapping", "discover", "--config", cfg, "--json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	m, err := stock.ParseMapping(&stdout, "stdout")
	if err != nil || len(m.SKUs()) != 2 {
		t.Fatalf("mapping on stdout: %v, %v", m.SKUs(), err)
	}
	var d struct {
		Report struct {
			Catalog  int `json:"catalog_skus"`
			Channels []struct {
				Matched int      `json:"matched"`
				Unknown []any    `json:"unknown"`
				Missing []string `json:"missing"`
			} `json:"channels"`
		} `json:"report"`
		Drift struct {
			Added, Removed, Changed []any
		} `json:"drift"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &d); err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	if d.Report.Catalog != 2 || len(d.Report.Channels) != 4 || d.Report.Channels[1].Matched != 2 || len(d.Report.Channels[0].Unknown) != 8 {
		t.Errorf("report %+v", d.Report)
	}
	if len(d.Drift.Removed) != 1 || len(d.Drift.Added) != 7 { // the stale lazada row; every other channel's two, and lazada's SKU-00001
		t.Errorf("drift %+v", d.Drift)
	}
}

// A channel that cannot be read fails the command and writes nothing.
func TestMappingDiscoverChannelFails(t *testing.T) {
	rig := discovertest.Start(t, 5)
	dir, cfg := discoverConfig(t, rig, "revoked")
	out := filepath.Join(dir, "discovered.csv")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"mapping", "discover", "--config", cfg, "--out", out}, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "tiktok") {
		t.Errorf("exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a mapping was written without tiktok's listings")
	}
}

func TestDiscoverEveryConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "relay.yaml")
	for yaml, want := range map[string]string{"": "<nil>", "discover_every: 0\n": "0s", "discover_every: 2h\n": "2h0m0s"} {
		os.WriteFile(cfg, []byte("mapping: m.csv\n"+yaml), 0o644)
		c, err := loadConfig(cfg)
		if err != nil {
			t.Fatalf("%q: %v", yaml, err)
		}
		got := "<nil>"
		if c.DiscoverEvery != nil {
			got = c.DiscoverEvery.String()
		}
		if got != want {
			t.Errorf("%q: discover_every %s, want %s", yaml, got, want)
		}
	}
}
