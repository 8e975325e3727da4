package llrp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// link is one connection: a framed reader goroutine, serialised single
// writes and request/response correlation by message id.
type link struct {
	conn    net.Conn
	log     *slog.Logger
	timeout time.Duration
	version atomic.Uint32

	// idle is how long the reader may stay silent (3 keepalives).
	idle     atomic.Int64
	onReport func(f Frame) error

	wmu    sync.Mutex
	out    Builder
	nextID atomic.Uint32

	mu      sync.Mutex
	pending map[uint32]chan response

	done chan struct{}
	err  error // why the read loop ended; set before done closes
}

type response struct {
	typ     MsgType
	payload []byte
}

func newLink(conn net.Conn, log *slog.Logger, timeout time.Duration) *link {
	l := &link{conn: conn, log: log, timeout: timeout, pending: map[uint32]chan response{}, done: make(chan struct{})}
	l.version.Store(uint32(Version101))
	l.idle.Store(int64(timeout))
	l.onReport = func(Frame) error { return nil }
	return l
}

func (l *link) ver() uint8 { return uint8(l.version.Load()) }

// send encodes a message with enc and writes it in one Write.
func (l *link) send(enc func(b *Builder)) error {
	l.wmu.Lock()
	defer l.wmu.Unlock()
	enc(&l.out)
	l.conn.SetWriteDeadline(time.Now().Add(l.timeout))
	if _, err := l.conn.Write(l.out.Bytes()); err != nil {
		return fmt.Errorf("llrp: write: %w", err)
	}
	return nil
}

// call sends a request built by enc with a fresh id and waits for the
// response with that id (or an ERROR_MESSAGE), decoding its status.
func (l *link) call(ctx context.Context, req MsgType, timeout time.Duration, enc func(b *Builder, id uint32)) ([]byte, error) {
	id := l.nextID.Add(1)
	ch := make(chan response, 1)
	l.mu.Lock()
	l.pending[id] = ch
	l.mu.Unlock()
	defer l.forget(id)
	if err := l.send(func(b *Builder) { enc(b, id) }); err != nil {
		return nil, err
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case r := <-ch:
		return r.payload, statusOf(req, r)
	case <-t.C:
		return nil, fmt.Errorf("%s after %v: %w", req, timeout, ErrTimeout)
	case <-l.done:
		select {
		case r := <-ch: // answered just before the reader hung up (CLOSE_CONNECTION)
			return r.payload, statusOf(req, r)
		default:
		}
		return nil, l.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (l *link) forget(id uint32) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.pending, id)
}

func statusOf(req MsgType, r response) error {
	st, err := responseStatus(r.typ, r.payload)
	if err != nil {
		return fmt.Errorf("%s: decoding %s: %w", req, r.typ, err)
	}
	return st.Err(req)
}

// deliverResponse hands a response to the caller waiting for its id.
func (l *link) deliverResponse(f Frame) bool {
	l.mu.Lock()
	ch, ok := l.pending[f.ID]
	l.mu.Unlock()
	if ok {
		select { // never block the read loop, even on a duplicate response
		case ch <- response{typ: f.Type, payload: append([]byte(nil), f.Payload...)}:
		default:
		}
	}
	return ok
}

// readLoop reads frames until the connection fails; it records why.
func (l *link) readLoop(events func(Event) error) {
	defer close(l.done)
	fr := NewFrameReader(l.conn)
	var armed time.Time
	for {
		armed = l.arm(armed)
		f, err := fr.Next()
		if err == nil {
			err = l.dispatch(f, events)
		}
		if err != nil {
			l.err = classify(err)
			return
		}
	}
}

// arm pushes the read deadline forward, at most every 1/8 of the idle
// limit so the hot path does not reset a timer per frame.
func (l *link) arm(last time.Time) time.Time {
	idle := time.Duration(l.idle.Load())
	now := time.Now()
	if now.Sub(last) < idle/8 {
		return last
	}
	l.conn.SetReadDeadline(now.Add(idle))
	return now
}

// setIdle changes the silence limit and applies it at once, even to a
// read in progress.
func (l *link) setIdle(d time.Duration) {
	l.idle.Store(int64(d))
	l.conn.SetReadDeadline(time.Now().Add(d))
}

func classify(err error) error {
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("%w (no message for 3 keepalive intervals): %v", ErrLinkDead, err)
	case errors.Is(err, io.EOF), errors.Is(err, net.ErrClosed):
		return fmt.Errorf("%w: %v", ErrReaderClosed, err)
	}
	return err
}
