package serialport

import (
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"syscall"

	"github.com/edged/edged/device/scanner"
)

// Port is an open serial scanner. Read returns (0, nil) when the read
// timeout passes without data, scanner.ErrGone (wrapped) when the
// device vanished and scanner.ErrClosed after Close. It is safe to Close
// from another goroutine while Read blocks.
type Port struct {
	path   string
	rw     io.ReadWriteCloser
	closed atomic.Bool
	isEOF  func(error) bool // the library's "port closed" error
}

// Path returns the device path the port was opened with.
func (p *Port) Path() string { return p.path }

// Read reads what arrived, or times out with (0, nil).
func (p *Port) Read(b []byte) (int, error) {
	n, err := p.rw.Read(b)
	if err != nil {
		err = p.readErr(err)
	}
	return n, err
}

// Write sends b to the scanner (feedback commands).
func (p *Port) Write(b []byte) (int, error) {
	n, err := p.rw.Write(b)
	if err != nil {
		err = p.readErr(err)
	}
	return n, err
}

// Close closes the port; a blocked Read returns scanner.ErrClosed.
func (p *Port) Close() error {
	if p.closed.Swap(true) {
		return nil
	}
	return p.rw.Close()
}

func (p *Port) readErr(err error) error {
	switch {
	case p.closed.Load():
		return fmt.Errorf("%s: %w", p.path, scanner.ErrClosed)
	case p.isEOF(err) || errors.Is(err, syscall.EIO) || errors.Is(err, syscall.ENODEV) ||
		errors.Is(err, syscall.ENXIO) || errors.Is(err, io.EOF):
		return fmt.Errorf("%s: %w: %v", p.path, scanner.ErrGone, err)
	}
	return fmt.Errorf("%s: %w", p.path, err)
}
