package llrptest

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/edged/edged/device/llrp"
)

// session is one client connection.
type session struct {
	r    *Reader
	conn net.Conn

	wmu      sync.Mutex
	out      llrp.Builder
	version  atomic.Uint32
	setOnce  bool
	halfOpen atomic.Bool
	split    atomic.Bool
	slow     atomic.Bool
	nextID   atomic.Uint32
	ka       chan time.Duration
	closing  chan struct{}
}

func newSession(r *Reader, conn net.Conn) *session {
	s := &session{r: r, conn: conn, ka: make(chan time.Duration, 1), closing: make(chan struct{})}
	s.version.Store(uint32(llrp.Version101))
	return s
}

func (s *session) run(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	stop := context.AfterFunc(ctx, func() { s.conn.Close() })
	defer stop()
	s.send(func(b *llrp.Builder) { encodeConnEvent(b, llrp.ConnSuccess, s.r.timestamp()) })
	wg.Go(func() { s.keepalives(ctx) })
	wg.Go(func() { s.report(ctx) })
	s.readLoop()
}

func (s *session) readLoop() {
	fr := llrp.NewFrameReader(s.conn)
	for {
		f, err := fr.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				s.r.opts.Logger.Info("llrptest: read", "err", err)
			}
			return
		}
		if s.halfOpen.Load() {
			continue
		}
		if !s.dispatch(f) {
			return
		}
	}
}

// send encodes a message with fn and writes it, applying write faults.
func (s *session) send(fn func(b *llrp.Builder)) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.halfOpen.Load() {
		return
	}
	fn(&s.out)
	s.write(s.out.Bytes())
}

func (s *session) write(msg []byte) {
	s.conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if !s.split.Load() && !s.slow.Load() {
		s.conn.Write(msg)
		return
	}
	for i := 0; len(msg) > 0; i++ {
		n := min(1+i%7, len(msg))
		if _, err := s.conn.Write(msg[:n]); err != nil {
			return
		}
		msg = msg[n:]
		if s.slow.Load() {
			time.Sleep(time.Millisecond)
		}
	}
}

func (s *session) inject(f Fault) {
	switch f {
	case HalfOpen:
		s.halfOpen.Store(true)
	case SplitWrites:
		s.split.Store(true)
	case SlowWrites:
		s.slow.Store(true)
	case Garbage:
		s.raw([]byte("\xffgarbage from a confused reader\r\n"))
	case CloseMidFrame:
		var b llrp.Builder
		b.Reset(llrp.Version101, llrp.MsgROAccessReport, 0)
		b.Raw(make([]byte, 40))
		s.raw(b.Bytes()[:25])
		s.conn.Close()
	case Reboot:
		s.conn.Close()
	case CloseEvent, EventBurst:
		s.send(func(b *llrp.Builder) { s.encodeEvents(b, f) })
		if f == CloseEvent {
			s.conn.Close()
		}
	default:
		s.raw(malformed(f))
	}
}

// malformed returns the bytes of the protocol-breaking faults.
func malformed(f Fault) []byte {
	var b llrp.Builder
	switch f {
	case ImpossibleLength:
		b.Reset(llrp.Version101, llrp.MsgROAccessReport, 0)
		msg := b.Bytes()
		msg[2], msg[3] = 0x7f, 0xff
		return msg
	case UnknownMessage:
		b.Reset(llrp.Version101, 900, 0)
	case TruncatedParameter:
		b.Reset(llrp.Version101, llrp.MsgROAccessReport, 0)
		b.U16(llrp.ParamTagReportData).U16(200).TV(llrp.ParamAntennaID).U16(1)
	}
	return b.Bytes()
}

func (s *session) raw(p []byte) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.conn.Write(p)
}

// notifyAttempt tells the current client someone else tried to connect.
func (s *session) notifyAttempt() {
	s.send(func(b *llrp.Builder) { encodeConnEvent(b, llrp.ConnAnotherAttempted, s.r.timestamp()) })
}

func (s *session) ver() uint8 { return uint8(s.version.Load()) }

func (s *session) keepalives(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case d := <-s.ka:
			t.Stop()
			if d > 0 {
				t.Reset(d)
			}
		case <-t.C:
			s.send(func(b *llrp.Builder) { b.Reset(s.ver(), llrp.MsgKeepalive, s.nextID.Add(1)) })
		}
	}
}
