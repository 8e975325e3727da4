package llrp

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"time"
)

func testCaps(t *testing.T) Capabilities {
	c, err := DecodeCapabilities(golden(t, "get_reader_capabilities_response.bin").Payload)
	if err != nil {
		t.Fatal(err)
	}
	c.Version = Version101
	return c
}

func TestValidateReportsEveryProblem(t *testing.T) {
	mode := uint32(7)
	cfg := Config{
		Antennas: []uint16{1, 0, 9, 1}, TransmitPowerDBm: 3, Session: "S4", RFMode: &mode,
		SearchMode: "fastest", ReportEveryNTags: 10, ReportEvery: time.Second, Keepalive: time.Hour,
		EPCPrefixes: []string{"30", "zz", "e2"}, StartGPI: &GPITrigger{Port: 7},
	}
	err := cfg.Validate(testCaps(t))
	if !errors.Is(err, ErrInvalidConfig) {
		t.Fatalf("err %v", err)
	}
	for _, want := range []string{"antennas[1]", "antennas[2]: antenna 9 does not exist; the reader has 4",
		"antennas[3]: antenna 1 listed twice", "transmit_power_dbm", "session", "rf_mode", "search_mode",
		"report_every: set either", "keepalive", "epc_prefixes: 3 prefixes", "epc_prefixes[1]", "start_gpi.port"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	if err := (Config{}).Validate(testCaps(t)); err != nil {
		t.Errorf("zero config: %v", err)
	}
	if err := (Config{ReportEvery: time.Second}).Validate(testCaps(t)); err == nil || !strings.Contains(err.Error(), "LLRP 1.1") {
		t.Errorf("time reports on 1.0.1: %v", err)
	}
}

// TestEncodeAddROSpec walks the encoded ROSpec back through the decoder
// and checks the values that matter to a reader.
func TestEncodeAddROSpec(t *testing.T) {
	mode := uint32(1000)
	cfg := Config{Antennas: []uint16{2, 3}, TransmitPowerDBm: 25, Session: "S2", TagPopulation: 50, RFMode: &mode,
		SearchMode: "dual_target", ReportEveryNTags: 20, EPCPrefixes: []string{"3014"}}
	var b Builder
	EncodeAddROSpec(&b, 9, cfg, testCaps(t))
	h, err := ParseHeader(b.Bytes())
	if err != nil || h.Type != MsgAddROSpec || int(h.Length) != len(b.Bytes()) || h.ID != 9 {
		t.Fatalf("header %+v %v", h, err)
	}
	ro := mustFind(t, b.Bytes()[HeaderLen:], ParamROSpec)
	if id := binary.BigEndian.Uint32(ro); id != 1 {
		t.Errorf("ROSpecID %d", id)
	}
	ai := mustFind(t, ro[6:], ParamAISpec)
	if string(ai[:6]) != "\x00\x02\x00\x02\x00\x03" {
		t.Errorf("antennas %x", ai[:6])
	}
	ips := mustFind(t, ai[6:], ParamInventoryParameterSpec)
	ac := mustFind(t, ips[3:], ParamAntennaConfiguration)
	tx := mustFind(t, ac[2:], ParamRFTransmitter)
	if idx := binary.BigEndian.Uint16(tx[4:]); idx != 2 {
		t.Errorf("power index %d, want 2 (20 dBm, highest not above 25)", idx)
	}
	inv := mustFind(t, ac[2:], ParamC1G2InventoryCommand)
	sc := mustFind(t, inv[1:], ParamC1G2SingulationControl)
	if sc[0] != 2<<6 || binary.BigEndian.Uint16(sc[1:]) != 50 {
		t.Errorf("singulation %x", sc)
	}
	mask := mustFind(t, mustFind(t, inv[1:], ParamC1G2Filter)[1:], ParamC1G2TagInventoryMask)
	if string(mask) != "\x40\x00\x20\x00\x10\x30\x14" {
		t.Errorf("mask %x", mask)
	}
	rs := mustFind(t, ro[6:], ParamROReportSpec)
	if rs[0] != 2 || binary.BigEndian.Uint16(rs[1:]) != 20 {
		t.Errorf("report spec %x", rs)
	}
	impinj := mustFind(t, rs[3:], ParamCustom)
	if binary.BigEndian.Uint32(impinj) != VendorImpinj || binary.BigEndian.Uint32(impinj[4:]) != ImpinjTagReportContent {
		t.Errorf("Impinj report content selector %x", impinj)
	}
}

func mustFind(t *testing.T, b []byte, typ uint16) []byte {
	t.Helper()
	p, ok, err := FindParam(b, typ)
	if err != nil || !ok {
		t.Fatalf("parameter %d: found %v, %v", typ, ok, err)
	}
	return p.Body
}

func TestBackoff(t *testing.T) {
	bo := backoff{min: 500 * time.Millisecond, max: 30 * time.Second, rand: func() float64 { return 1 }}
	var got []time.Duration
	for range 9 {
		got = append(got, bo.next())
	}
	want := []time.Duration{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000}
	for i := range want {
		if got[i] != want[i]*time.Millisecond {
			t.Fatalf("step %d: %v, want %vms (all %v)", i, got[i], want[i], got)
		}
	}
	bo.rand = func() float64 { return 0 }
	bo.reset()
	if d := bo.next(); d != 250*time.Millisecond {
		t.Errorf("jittered minimum %v, want 250ms", d)
	}
}
