package llrp

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"
)

type decodedTag struct {
	EPC              string
	Bits             uint16
	Has              TagField
	Antenna, Channel uint16
	RSSI             int16
	Count            uint16
	First, Last      uint64
	Reads, Customs   int
}

func decodeAll(t *testing.T, name string) []decodedTag {
	t.Helper()
	f := golden(t, name)
	if f.Type != MsgROAccessReport {
		t.Fatalf("%s: type %s", name, f.Type)
	}
	var out []decodedTag
	var tr TagReport
	err := DecodeROAccessReport(f.Payload, &tr, func(r *TagReport) {
		rssi, _ := r.RSSICentiDBm()
		out = append(out, decodedTag{hex.EncodeToString(r.EPC), r.EPCBits, r.Has, r.AntennaID, r.ChannelIndex,
			rssi, r.TagSeenCount, r.FirstSeen, r.LastSeen, len(r.ReadResults), len(r.Custom)})
	})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out
}

func TestDecodeROAccessReportGolden(t *testing.T) {
	tests := map[string][]decodedTag{
		"ro_access_report_empty.bin": nil,
		"ro_access_report_r420.bin": {{EPC: "3000abcdef00000000000003", Bits: 96, Has: HasAntenna | HasPeakRSSI | HasFirstSeen,
			Antenna: 1, RSSI: -4800, First: 1594174805140192}},
		"ro_access_report_fx9600.bin": {{EPC: "e2005037590701270270edaf", Bits: 96, Has: HasChannel | HasLastSeen | HasSeenCount,
			Channel: 24, Count: 5374, Last: 1567778770704026}},
		"ro_access_report_full.bin": {
			{EPC: "e2801160600002054b7a1c3fdeadbeef", Bits: 128, Has: HasROSpecID | HasSpecIndex | HasInvParamSpecID |
				HasAntenna | HasPeakRSSI | HasChannel | HasFirstSeen | FirstSeenUptime | HasLastSeen | LastSeenUptime |
				HasSeenCount | HasPC | HasAccessSpecID | HasImpinjRSSI,
				Antenna: 2, Channel: 7, RSSI: -1800, Count: 3, First: 200000000, Last: 200000100, Reads: 1, Customs: 1},
			{EPC: "abc0", Bits: 12, Has: HasAntenna, Antenna: 1},
		},
	}
	for name, want := range tests {
		got := decodeAll(t, name)
		if len(got) != len(want) {
			t.Fatalf("%s: %d tags, want %d", name, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s tag %d:\n got %+v\nwant %+v", name, i, got[i], want[i])
			}
		}
	}
}

func TestDecodeReadResult(t *testing.T) {
	f := golden(t, "ro_access_report_full.bin")
	var tr TagReport
	var tid string
	_ = DecodeROAccessReport(f.Payload, &tr, func(r *TagReport) {
		for _, rr := range r.ReadResults {
			if rr.OpSpecID == OpReadTID && rr.Result == 0 {
				tid = hex.EncodeToString(rr.Data)
			}
		}
	})
	if tid != "e2801160" {
		t.Errorf("TID %q, want e2801160", tid)
	}
}

func TestDecodeROAccessReportErrors(t *testing.T) {
	full := golden(t, "ro_access_report_full.bin").Payload
	tests := []struct {
		name    string
		payload []byte
		want    error
	}{
		{"truncated TagReportData", full[:50], ErrShortFrame},
		{"truncated TV", mustHex("00f0 0007 8d 3000ab"), ErrShortFrame},
		{"unknown TV", mustHex("00f0 0011 8d 3000abcdef00000000000003 fe"), ErrUnknownTV},
		{"no EPC", mustHex("00f0 0007 810001"), ErrBadParameter},
		{"TLV length below header", mustHex("00f0 0002"), ErrBadParameter},
		{"EPCData longer than parameter", mustHex("00f0 000a 00f1 0006 0060"), ErrShortFrame},
		{"read result words beyond parameter", mustHex("00f0 001c 8d 3000abcdef00000000000003 015d 000b 00 0001 00ff abcd"), ErrShortFrame},
	}
	for _, tc := range tests {
		var tr TagReport
		err := DecodeROAccessReport(tc.payload, &tr, func(*TagReport) {})
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err %v, want %v", tc.name, err, tc.want)
		}
	}
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(string(bytes.ReplaceAll([]byte(s), []byte(" "), nil)))
	if err != nil {
		panic(err)
	}
	return b
}
