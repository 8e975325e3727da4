package epc_test

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/edged/edged/device/epc"
)

// field is a value and its width in bits, in TDS order (header first).
type field struct {
	v    uint64
	bits int
}

// layoutHex builds an EPC from its bit layout independently of the
// package's encoder, so vectors follow the standard and not the code.
func layoutHex(total int, fs ...field) string {
	var sb strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&sb, "%0*b", f.bits, f.v)
	}
	for sb.Len() < total {
		sb.WriteByte('0')
	}
	bits := sb.String()
	for len(bits)%8 != 0 {
		bits += "0"
	}
	out := make([]byte, len(bits)/8)
	for i := range out {
		var b byte
		fmt.Sscanf(bits[8*i:8*i+8], "%b", &b)
		out[i] = b
	}
	return strings.ToUpper(hex.EncodeToString(out))
}

// sgtin198Serial packs characters into 20 seven-bit slots.
func sgtin198Serial(s string) []field {
	fs := make([]field, 20)
	for i := range fs {
		fs[i] = field{0, 7}
		if i < len(s) {
			fs[i].v = uint64(s[i])
		}
	}
	return fs
}

type vector struct {
	name, hex, uri, tagURI, gtin string
}

func vectors() []vector {
	v := []vector{
		// TDS worked example (TDS 1.x, "SGTIN-96" example in the encoding annex).
		{"sgtin-96 TDS example", "3074257BF7194E4000001A85",
			"urn:epc:id:sgtin:0614141.812345.6789", "urn:epc:tag:sgtin-96:3.0614141.812345.6789", "80614141123458"},
		// TDS worked example for SSCC-96.
		{"sscc-96 TDS example", "3174257BF4499602D2000000",
			"urn:epc:id:sscc:0614141.1234567890", "urn:epc:tag:sscc-96:3.0614141.1234567890", ""},
		{"sgln-96 p5", layoutHex(96, field{0x32, 8}, field{3, 3}, field{5, 3}, field{614141, 24}, field{12345, 17}, field{400, 41}),
			"urn:epc:id:sgln:0614141.12345.400", "urn:epc:tag:sgln-96:3.0614141.12345.400", ""},
		{"sgln-96 p0 empty location reference", layoutHex(96, field{0x32, 8}, field{1, 3}, field{0, 3}, field{614141123456, 40}, field{0, 1}, field{0, 41}),
			"urn:epc:id:sgln:614141123456..0", "urn:epc:tag:sgln-96:1.614141123456..0", ""},
		{"grai-96 p5", layoutHex(96, field{0x33, 8}, field{3, 3}, field{5, 3}, field{614141, 24}, field{12345, 20}, field{5678, 38}),
			"urn:epc:id:grai:0614141.12345.5678", "urn:epc:tag:grai-96:3.0614141.12345.5678", ""},
		{"giai-96 p5", layoutHex(96, field{0x34, 8}, field{3, 3}, field{5, 3}, field{614141, 24}, field{12345400, 58}),
			"urn:epc:id:giai:0614141.12345400", "urn:epc:tag:giai-96:3.0614141.12345400", ""},
		{"sgtin-96 GTIN 4006381333931 p5", layoutHex(96, field{0x30, 8}, field{1, 3}, field{5, 3}, field{4006381, 24}, field{33393, 20}, field{1, 38}),
			"urn:epc:id:sgtin:4006381.033393.1", "urn:epc:tag:sgtin-96:1.4006381.033393.1", "04006381333931"},
		{"unknown header GID-96 kept raw", "350000000000000000000001",
			"urn:epc:raw:96.x350000000000000000000001", "urn:epc:raw:96.x350000000000000000000001", ""},
	}
	fs := append([]field{{0x36, 8}, {3, 3}, {5, 3}, {614141, 24}, {712345, 20}}, sgtin198Serial("32a/b")...)
	v = append(v, vector{"sgtin-198 escaped serial", layoutHex(198, fs...),
		"urn:epc:id:sgtin:0614141.712345.32a%2Fb", "urn:epc:tag:sgtin-198:3.0614141.712345.32a%2Fb", "70614141123451"})
	return v
}

func TestDecodeVectors(t *testing.T) {
	for _, v := range vectors() {
		t.Run(v.name, func(t *testing.T) {
			b, _ := hex.DecodeString(v.hex)
			id, err := epc.Decode(b)
			if err != nil {
				t.Fatalf("Decode(%s): %v", v.hex, err)
			}
			if got := id.URI(); got != v.uri {
				t.Errorf("URI = %s, want %s", got, v.uri)
			}
			if got := id.TagURI(); got != v.tagURI {
				t.Errorf("TagURI = %s, want %s", got, v.tagURI)
			}
			if got := id.GTIN(); got != v.gtin {
				t.Errorf("GTIN = %q, want %q", got, v.gtin)
			}
		})
	}
}

// TestSGTIN96AllPartitions splits one GTIN at every company prefix length
// the standard allows and checks that encode/decode returns it unchanged.
func TestSGTIN96AllPartitions(t *testing.T) {
	const gtin = "80614141123458"
	for cp := 6; cp <= 12; cp++ {
		b, err := epc.SGTIN96FromGTIN(gtin, cp, 1, 42)
		if err != nil {
			t.Fatalf("cp %d: %v", cp, err)
		}
		id, err := epc.Decode(b)
		if err != nil {
			t.Fatalf("cp %d: Decode: %v", cp, err)
		}
		if id.GTIN() != gtin || len(id.CompanyPrefix) != cp || id.Serial != "42" {
			t.Errorf("cp %d: got %+v GTIN %s", cp, id, id.GTIN())
		}
		want := layoutHex(96, field{0x30, 8}, field{1, 3}, field{uint64(12 - cp), 3},
			field{mustUint(gtin[1 : 1+cp]), []int{40, 37, 34, 30, 27, 24, 20}[12-cp]},
			field{mustUint(gtin[:1] + gtin[1+cp:13]), 44 - []int{40, 37, 34, 30, 27, 24, 20}[12-cp]},
			field{42, 38})
		if id.Hex != want {
			t.Errorf("cp %d: encoded %s, layout says %s", cp, id.Hex, want)
		}
	}
}

func mustUint(s string) uint64 {
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		panic(err)
	}
	return v
}
