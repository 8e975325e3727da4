package llrp

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// chunkReader returns data in reads whose sizes come from sizes, cycled,
// to imitate TCP splitting and coalescing segments.
type chunkReader struct {
	data  []byte
	sizes []byte
	i     int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := 1
	if len(c.sizes) > 0 {
		n = int(c.sizes[c.i%len(c.sizes)]) + 1
		c.i++
	}
	n = min(n, len(p), len(c.data))
	copy(p, c.data[:n])
	c.data = c.data[n:]
	return n, nil
}

func goldenStream(t *testing.T) ([]byte, int) {
	var all []byte
	for name := range fixtures {
		all = append(all, fixtureBytes(t, fixtures[name])...)
	}
	return all, len(fixtures)
}

func TestFrameReaderSplitAndCoalesced(t *testing.T) {
	stream, n := goldenStream(t)
	readers := map[string]io.Reader{
		"coalesced":  bytes.NewReader(stream),
		"one byte":   iotest.OneByteReader(bytes.NewReader(stream)),
		"odd chunks": &chunkReader{data: stream, sizes: []byte{2, 10, 0, 33, 7}},
		"half":       iotest.HalfReader(bytes.NewReader(stream)),
	}
	for name, r := range readers {
		fr := NewFrameReader(r)
		got := 0
		for {
			f, err := fr.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: frame %d: %v", name, got, err)
			}
			if int(f.Length) != HeaderLen+len(f.Payload) {
				t.Fatalf("%s: frame %d length %d, payload %d", name, got, f.Length, len(f.Payload))
			}
			got++
		}
		if got != n {
			t.Errorf("%s: %d frames, want %d", name, got, n)
		}
	}
}

func TestFrameReaderErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"clean end", nil, io.EOF},
		{"ends in header", mustHex("043d0000"), ErrShortFrame},
		{"ends in body", mustHex("043d 00000029 00000000 00f0001f8d"), ErrShortFrame},
		{"length below header", mustHex("043d 00000009 00000000"), ErrFrameLength},
		{"length above cap", mustHex("043d 7fffffff 00000000"), ErrFrameLength},
		{"reserved bits", mustHex("243d 0000000a 00000000"), ErrBadHeader},
		{"version 0", mustHex("003d 0000000a 00000000"), ErrBadHeader},
		{"ascii garbage", []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), ErrBadHeader},
	}
	for _, tc := range tests {
		_, err := NewFrameReader(bytes.NewReader(tc.in)).Next()
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestFrameReaderLargeFrame(t *testing.T) {
	var b Builder
	b.Reset(Version101, MsgCustomMessage, 9)
	b.Raw(make([]byte, 200<<10))
	msg := append([]byte(nil), b.Bytes()...)
	fr := NewFrameReader(iotest.HalfReader(bytes.NewReader(append(msg, msg...))))
	for i := range 2 {
		f, err := fr.Next()
		if err != nil || len(f.Payload) != 200<<10 || f.ID != 9 {
			t.Fatalf("frame %d: %v, %d bytes", i, err, len(f.Payload))
		}
	}
}
