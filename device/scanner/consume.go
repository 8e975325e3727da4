package scanner

import (
	"context"
	"io"
	"time"
)

// Consume drives the framer from r until r fails, then ends the stream
// and returns the error (io.EOF included). now is the clock, injected so
// tests control time.
//
// r should be a port with a read timeout (go.bug.st/serial's
// SetReadTimeout, about 10 ms): such a Read returns (0, nil) when the line
// is quiet, and Consume uses those returns to end frames on the idle
// gap. Never wrap such a port in bufio.Scanner, which gives up with
// io.ErrNoProgress after 100 empty reads.
func (f *Framer) Consume(r io.Reader, now func() time.Time) error {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		t := now()
		f.Feed(buf[:n], t)
		f.Flush(t)
		if err != nil {
			f.End(t)
			return err
		}
	}
}

// ConsumeContext is Consume that also stops, returning ctx's error,
// when ctx ends (checked between reads, so r needs a read timeout or a
// Close from the owner to return).
func (f *Framer) ConsumeContext(ctx context.Context, r io.Reader, now func() time.Time) error {
	return f.Consume(ctxReader{ctx, r}, now)
}

type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
