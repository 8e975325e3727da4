package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edged/edged/device/llrp/llrptest"
)

func runLLRP(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := newLLRPCmd()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

func TestLLRPProbe(t *testing.T) {
	_, addr := llrptest.Start(t, llrptest.Options{Antennas: 2, Disconnected: []uint16{2}})
	out, err := runLLRP(t, "probe", addr)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"25882 (Impinj)", "model 2001002", "LLRP      1.1", "antennas  2",
		"transmit power table (81 entries", "30.00", "RF mode table (2 entries)", "640000",
		"1: connected, gain 6.00 dBi", "2: NOT CONNECTED", "reader id 001625123456"} {
		if !strings.Contains(out, want) {
			t.Errorf("probe output lacks %q:\n%s", want, out)
		}
	}
}

func TestLLRPInventoryWithConfig(t *testing.T) {
	fake, addr := llrptest.Start(t, llrptest.Options{Tags: 3, Rate: 300})
	cfg := filepath.Join(t.TempDir(), "reader.yaml")
	os.WriteFile(cfg, []byte("antennas: [1, 2]\ntransmit_power_dbm: 27.5\nsession: S0\nkeepalive: 2s\n"), 0o644)
	out, err := runLLRP(t, "inventory", addr, "--duration", "500ms", "--config", cfg)
	if err != nil {
		t.Fatal(err)
	}
	// Tag 3 sits on antenna 3, which is not configured.
	if !strings.Contains(out, "2 tags,") || !strings.Contains(out, "3014ed9e") || !strings.Contains(out, "ant ") {
		t.Errorf("inventory output:\n%s", out)
	}
	if fake.Snapshot().Closed != 1 {
		t.Error("inventory did not close the LLRP connection")
	}
}

func TestLLRPInventoryRejectsBadConfig(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "reader.yaml")
	os.WriteFile(cfg, []byte("antenas: [1]\nsession: S7\n"), 0o644)
	_, err := runLLRP(t, "inventory", "127.0.0.1:1", "--duration", "1s", "--config", cfg)
	if err == nil || !strings.Contains(err.Error(), "antenas") {
		t.Errorf("err %v, want the unknown key named", err)
	}
}
