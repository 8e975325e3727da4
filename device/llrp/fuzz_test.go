package llrp

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func seedGolden(f *testing.F, add func(b []byte)) {
	files, _ := filepath.Glob(filepath.Join(goldenDir, "*.bin"))
	if len(files) == 0 {
		f.Fatal("no golden fixtures in testdata/llrp")
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		add(b)
	}
}

// decodeAny runs the decoder matching the frame type; it must never
// panic, whatever the bytes.
func decodeAny(fr Frame) {
	switch fr.Type {
	case MsgROAccessReport:
		var tr TagReport
		_ = DecodeROAccessReport(fr.Payload, &tr, func(r *TagReport) { _, _ = r.RSSICentiDBm() })
	case MsgReaderEventNotification:
		_, _ = DecodeReaderEvent(fr.Payload)
	case MsgGetReaderCapabilitiesResponse:
		_, _ = DecodeCapabilities(fr.Payload)
	case MsgGetReaderConfigResponse:
		_, _ = DecodeReaderConfig(fr.Payload)
	default:
		if st, err := responseStatus(fr.Type, fr.Payload); err == nil {
			_ = st.Err(fr.Type)
		}
	}
}

// FuzzFrames feeds a byte stream in chunks whose sizes come from the
// input and checks the frames match those of the same stream read at
// once, and that every decoder survives them.
func FuzzFrames(f *testing.F) {
	seedGolden(f, func(b []byte) { f.Add(b, []byte{3, 0, 17}) })
	f.Add(append(fixtureBytes(f, fixtures["keepalive.bin"]), "garbage"...), []byte{1})
	f.Fuzz(func(t *testing.T, stream, sizes []byte) {
		whole := collectFrames(t, bytes.NewReader(stream))
		split := collectFrames(t, &chunkReader{data: stream, sizes: sizes})
		if len(whole) != len(split) {
			t.Fatalf("%d frames whole, %d split", len(whole), len(split))
		}
		for i := range whole {
			if !bytes.Equal(whole[i], split[i]) {
				t.Fatalf("frame %d differs", i)
			}
		}
	})
}

func collectFrames(t *testing.T, r io.Reader) [][]byte {
	fr := NewFrameReader(r)
	var out [][]byte
	for {
		f, err := fr.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, ErrShortFrame) &&
				!errors.Is(err, ErrBadHeader) && !errors.Is(err, ErrFrameLength) {
				t.Fatalf("unexpected error class: %v", err)
			}
			return out
		}
		decodeAny(f)
		out = append(out, append([]byte(nil), f.Payload...))
	}
}

// FuzzDecodeROAccessReport checks the report decoder on raw payloads:
// no panic, every delivered EPC lies inside the payload, and each
// decoded tag survives an encode/decode round trip unchanged.
func FuzzDecodeROAccessReport(f *testing.F) {
	seedGolden(f, func(b []byte) {
		if len(b) > HeaderLen {
			f.Add(b[HeaderLen:])
		}
	})
	f.Fuzz(func(t *testing.T, payload []byte) {
		var tr TagReport
		_ = DecodeROAccessReport(payload, &tr, func(r *TagReport) {
			if len(r.EPC) > len(payload) || (r.EPCBits+7)/8 != uint16(len(r.EPC)) {
				t.Fatalf("EPC of %d bytes, %d bits from %d-byte payload", len(r.EPC), r.EPCBits, len(payload))
			}
			var b Builder
			b.Reset(Version101, MsgROAccessReport, 0)
			AppendTagReportData(&b, r)
			var again TagReport
			err := DecodeROAccessReport(b.Bytes()[HeaderLen:], &again, func(a *TagReport) {
				if !equalTags(a, r) {
					t.Fatalf("round trip:\n got %+v\nwant %+v", *a, *r)
				}
			})
			if err != nil {
				t.Fatalf("re-encoded tag does not decode: %v", err)
			}
		})
	})
}

// FuzzDecodeMessages runs every message decoder on a payload.
func FuzzDecodeMessages(f *testing.F) {
	seedGolden(f, func(b []byte) {
		if h, err := ParseHeader(b); err == nil {
			f.Add(uint16(h.Type), b[HeaderLen:])
		}
	})
	f.Fuzz(func(t *testing.T, typ uint16, payload []byte) {
		decodeAny(Frame{Header: Header{Type: MsgType(typ & 0x3ff)}, Payload: payload})
		_, _ = DecodeReaderEvent(payload)
		_, _ = DecodeCapabilities(payload)
		_, _ = DecodeReaderConfig(payload)
	})
}
