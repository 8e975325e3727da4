package llrp_test

import (
	"strings"
	"testing"

	"github.com/edged/edged/device/llrp"
)

func TestProfileBoundsAntennas(t *testing.T) {
	p, ok := llrp.LookupProfile("impinj-r700")
	if !ok || p.Antennas != 4 {
		t.Fatalf("impinj-r700: %+v %v", p, ok)
	}
	err := llrp.Config{Antennas: []uint16{1, 5}}.Validate(p.Capabilities())
	if err == nil || !strings.Contains(err.Error(), "antennas[1]: antenna 5 does not exist; the reader has 4") {
		t.Fatalf("antenna 5 on a 4-port reader: %v", err)
	}
	if err := (llrp.Config{Antennas: []uint16{4}, SearchMode: "dual_target"}).Validate(p.Capabilities()); err != nil {
		t.Fatalf("a valid Impinj config: %v", err)
	}
	if _, ok := llrp.LookupProfile("impinj-r9000"); ok {
		t.Fatal("an unknown model was found")
	}
}

func TestProfileRefusesImpinjSettingsElsewhere(t *testing.T) {
	zebra, _ := llrp.LookupProfile("zebra-fx9600-8")
	got := zebra.CheckImpinj(llrp.Config{SearchMode: "dual_target", ImpinjExtensions: true})
	if len(got) != 2 || !strings.HasPrefix(got[0], "search_mode: ") || !strings.HasPrefix(got[1], "impinj_extensions: ") {
		t.Fatalf("zebra with Impinj settings: %q", got)
	}
	impinj, _ := llrp.LookupProfile("impinj-r420")
	if got := impinj.CheckImpinj(llrp.Config{SearchMode: "dual_target"}); got != nil {
		t.Fatalf("impinj refused its own extension: %q", got)
	}
	if !strings.Contains(llrp.ProfileNames(), "zebra-fx9600-8") {
		t.Fatal(llrp.ProfileNames())
	}
}

// TestProfileLeavesGPIsToTheReader: a profile knows the antenna ports,
// not the GPIs, so a GPI trigger is checked only against the reader's
// own capabilities (the dock-door example uses GPI 1 on an R700).
func TestProfileLeavesGPIsToTheReader(t *testing.T) {
	p, _ := llrp.LookupProfile("impinj-r700")
	cfg := llrp.Config{Antennas: []uint16{1}, StartGPI: &llrp.GPITrigger{Port: 1, High: true}}
	if err := cfg.Validate(p.Capabilities()); err != nil {
		t.Fatalf("GPI 1 refused from a profile: %v", err)
	}
	reader := llrp.Capabilities{Manufacturer: 25882, Model: 2001, Antennas: 4, GPIs: 0, MaxROSpecs: 1}
	if err := cfg.Validate(reader); err == nil || !strings.Contains(err.Error(), "GPI 1 does not exist") {
		t.Fatalf("a reader reporting no GPIs must refuse GPI 1: %v", err)
	}
}
