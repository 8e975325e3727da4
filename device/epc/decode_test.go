package epc_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/edged/edged/device/epc"
)

func TestDecodeErrors(t *testing.T) {
	serial198 := append([]field{{0x36, 8}, {3, 3}, {5, 3}, {614141, 24}, {712345, 20}}, sgtin198Serial("ab")...)
	badChar := append([]field{{0x36, 8}, {3, 3}, {5, 3}, {614141, 24}, {712345, 20}}, sgtin198Serial("a#")...)
	afterEnd := append(serial198[:len(serial198)-1:len(serial198)-1], field{'x', 7})
	cases := []struct {
		name, hex string
		want      error
	}{
		{"empty", "", epc.ErrLength},
		{"sgtin-96 truncated", "3074257BF7194E4000001A", epc.ErrLength},
		{"sgtin-96 non-zero padding", "3074257BF7194E4000001A8500000001", epc.ErrLength},
		{"partition 7", layoutHex(96, field{0x30, 8}, field{3, 3}, field{7, 3}), epc.ErrPartition},
		{"company prefix too large", layoutHex(96, field{0x30, 8}, field{3, 3}, field{5, 3}, field{9999999 + 1, 24}), epc.ErrRange},
		{"item reference too large", layoutHex(96, field{0x30, 8}, field{3, 3}, field{5, 3}, field{614141, 24}, field{1000000, 20}), epc.ErrRange},
		{"sgtin-198 bad character", layoutHex(198, badChar...), epc.ErrCharacter},
		{"sgtin-198 data after terminator", layoutHex(198, afterEnd...), epc.ErrCharacter},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := hex.DecodeString(c.hex)
			if _, err := epc.Decode(b); !errors.Is(err, c.want) {
				t.Errorf("Decode(%s) error = %v, want %v", c.hex, err, c.want)
			}
			if _, err := epc.Classify(b); !errors.Is(err, c.want) {
				t.Errorf("Classify(%s) error = %v, want %v", c.hex, err, c.want)
			}
		})
	}
}

func TestPaddedEPCAccepted(t *testing.T) {
	// A 96-bit EPC read from 128-bit EPC memory arrives zero-padded.
	b, _ := hex.DecodeString("3074257BF7194E4000001A8500000000")
	id, err := epc.Decode(b)
	if err != nil || id.URI() != "urn:epc:id:sgtin:0614141.812345.6789" {
		t.Fatalf("Decode padded = %v, %v", id.URI(), err)
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	b, err := epc.EncodeSGTIN96(3, "0614141", "812345", 6789)
	if err != nil || hex.EncodeToString(b) != "3074257bf7194e4000001a85" {
		t.Fatalf("EncodeSGTIN96 = %x, %v", b, err)
	}
	b, err = epc.EncodeSSCC96(3, "0614141", "1234567890")
	if err != nil || hex.EncodeToString(b) != "3174257bf4499602d2000000" {
		t.Fatalf("EncodeSSCC96 = %x, %v", b, err)
	}
	for cp := 6; cp <= 12; cp++ {
		ref := "12345678901"[:17-cp]
		b, err := epc.EncodeSSCC96(0, "012345678901"[:cp], ref)
		if err != nil {
			t.Fatalf("cp %d: %v", cp, err)
		}
		id, err := epc.Decode(b)
		if err != nil || id.CompanyPrefix != "012345678901"[:cp] || id.Reference != ref {
			t.Errorf("cp %d: %+v, %v", cp, id, err)
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	bad := []func() ([]byte, error){
		func() ([]byte, error) { return epc.EncodeSGTIN96(8, "0614141", "812345", 1) },
		func() ([]byte, error) { return epc.EncodeSGTIN96(1, "06141", "8123456", 1) },
		func() ([]byte, error) { return epc.EncodeSGTIN96(1, "0614141", "81234", 1) },
		func() ([]byte, error) { return epc.EncodeSGTIN96(1, "0614141", "81234x", 1) },
		func() ([]byte, error) { return epc.EncodeSGTIN96(1, "0614141", "812345", 1<<38) },
		func() ([]byte, error) { return epc.SGTIN96FromGTIN("80614141123459", 7, 1, 1) },
		func() ([]byte, error) { return epc.SGTIN96FromGTIN("80614141123458", 13, 1, 1) },
		func() ([]byte, error) { return epc.EncodeSSCC96(1, "0614141", "123") },
	}
	for i, f := range bad {
		if _, err := f(); !errors.Is(err, epc.ErrEncode) {
			t.Errorf("case %d: error = %v, want ErrEncode", i, err)
		}
	}
}

func TestClassifyDoesNotAllocate(t *testing.T) {
	b, _ := hex.DecodeString("3074257BF7194E4000001A85")
	if n := testing.AllocsPerRun(100, func() { _, _ = epc.Classify(b) }); n != 0 {
		t.Errorf("Classify allocates %v times", n)
	}
}

func FuzzDecode(f *testing.F) {
	for _, v := range vectors() {
		b, _ := hex.DecodeString(v.hex)
		f.Add(b)
	}
	f.Add([]byte{})
	f.Add([]byte{0x30})
	f.Fuzz(func(t *testing.T, b []byte) {
		id, err := epc.Decode(b)
		s, cerr := epc.Classify(b)
		if (err == nil) != (cerr == nil) || (err == nil && s != id.Scheme) {
			t.Fatalf("Decode and Classify disagree: %v/%v, %v/%v", id.Scheme, err, s, cerr)
		}
		if err != nil {
			return
		}
		if u := id.URI(); !strings.HasPrefix(u, "urn:epc:") {
			t.Fatalf("URI %q", u)
		}
		_ = id.TagURI() + id.GTIN()
		if id.Scheme != epc.SGTIN96 || len(b) != 12 {
			return
		}
		var serial uint64
		for _, c := range id.Serial {
			serial = serial*10 + uint64(c-'0')
		}
		again, err := epc.EncodeSGTIN96(id.Filter, id.CompanyPrefix, id.Reference, serial)
		if err != nil || !bytes.Equal(again, b) {
			t.Fatalf("round trip %X -> %+v -> %X, %v", b, id, again, err)
		}
	})
}
