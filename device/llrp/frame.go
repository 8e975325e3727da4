package llrp

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

const (
	// HeaderLen is the size of every LLRP message header.
	HeaderLen = 10
	// MaxFrameLen caps the length a header may declare, so a corrupt or
	// hostile length cannot make the client allocate without bound.
	MaxFrameLen = 1 << 20
)

// Header is the fixed 10-byte LLRP message header.
type Header struct {
	Version uint8   // 1 = LLRP 1.0.1, 2 = LLRP 1.1
	Type    MsgType // 10-bit message type
	Length  uint32  // whole message, header included
	ID      uint32  // echoed by the reader in the response
}

// ParseHeader decodes and checks a header from the first 10 bytes of b.
func ParseHeader(b []byte) (Header, error) {
	if len(b) < HeaderLen {
		return Header{}, fmt.Errorf("header needs %d bytes, have %d: %w", HeaderLen, len(b), ErrShortFrame)
	}
	first := binary.BigEndian.Uint16(b)
	h := Header{
		Version: uint8(first>>10) & 7,
		Type:    MsgType(first & 0x3ff),
		Length:  binary.BigEndian.Uint32(b[2:]),
		ID:      binary.BigEndian.Uint32(b[6:]),
	}
	if first>>13 != 0 || h.Version < Version101 || h.Version > Version11 {
		return h, fmt.Errorf("first bytes %#04x (version %d): %w", first, h.Version, ErrBadHeader)
	}
	if h.Length < HeaderLen || h.Length > MaxFrameLen {
		return h, fmt.Errorf("%s declares %d bytes (allowed %d..%d): %w", h.Type, h.Length, HeaderLen, MaxFrameLen, ErrFrameLength)
	}
	return h, nil
}

// Frame is one whole message. Payload aliases the FrameReader's buffer
// and is valid until the next call to Next.
type Frame struct {
	Header
	Payload []byte
}

// FrameReader cuts a byte stream into LLRP messages, whatever the TCP
// segmentation: a message may arrive in many reads and one read may
// carry many messages.
type FrameReader struct {
	r          io.Reader
	buf        []byte
	start, end int
}

// NewFrameReader returns a FrameReader over r with a 64 KiB buffer that
// grows, up to MaxFrameLen, only for larger messages.
func NewFrameReader(r io.Reader) *FrameReader {
	return &FrameReader{r: r, buf: make([]byte, 64<<10)}
}

// Next returns the next message. Errors wrap io.EOF when the stream ends
// cleanly between messages, ErrShortFrame when it ends inside one, and
// ErrBadHeader or ErrFrameLength for a corrupt stream, which cannot be
// resynchronised: the caller must drop the connection.
func (fr *FrameReader) Next() (Frame, error) {
	if err := fr.fill(HeaderLen); err != nil {
		return Frame{}, err
	}
	h, err := ParseHeader(fr.buf[fr.start:fr.end])
	if err != nil {
		return Frame{}, err
	}
	if err := fr.fill(int(h.Length)); err != nil {
		return Frame{}, fmt.Errorf("reading %s of %d bytes: %w", h.Type, h.Length, err)
	}
	f := Frame{Header: h, Payload: fr.buf[fr.start+HeaderLen : fr.start+int(h.Length)]}
	fr.start += int(h.Length)
	return f, nil
}

// fill makes at least n unread bytes available.
func (fr *FrameReader) fill(n int) error {
	if fr.end-fr.start >= n {
		return nil
	}
	fr.makeRoom(n)
	for fr.end-fr.start < n {
		m, err := fr.r.Read(fr.buf[fr.end:])
		fr.end += m
		if fr.end-fr.start >= n {
			return nil
		}
		if err != nil {
			if errors.Is(err, io.EOF) && fr.end > fr.start {
				return fmt.Errorf("stream ended %d bytes into a message: %w", fr.end-fr.start, ErrShortFrame)
			}
			return err
		}
	}
	return nil
}

// makeRoom moves unread bytes to the front and grows the buffer so that
// n bytes fit.
func (fr *FrameReader) makeRoom(n int) {
	if fr.start+n <= len(fr.buf) {
		return
	}
	if n > len(fr.buf) {
		grown := make([]byte, n)
		fr.end = copy(grown, fr.buf[fr.start:fr.end])
		fr.buf, fr.start = grown, 0
		return
	}
	fr.end = copy(fr.buf, fr.buf[fr.start:fr.end])
	fr.start = 0
}
