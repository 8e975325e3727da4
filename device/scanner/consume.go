package scanner

import (
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
