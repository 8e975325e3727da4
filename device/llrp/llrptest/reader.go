package llrptest

import (
	"context"
	"math/rand/v2"
	"net"
	"sync"
	"time"

	"github.com/edged/edged/device/llrp"
)

// Reader is a fake LLRP reader. Create it with New and run it with Serve.
type Reader struct {
	opts Options

	mu      sync.Mutex
	rng     *rand.Rand
	tags    []tag
	boot    time.Time
	current *session
	specs   specs
	stats   Stats
}

// Stats counts what the fake saw, for test assertions.
type Stats struct {
	Connections   int      // accepted and served (not refused as busy)
	Refused       int      // connections refused because one was active
	KeepaliveAcks int      // KEEPALIVE_ACKs received
	Reads         int      // tag reads sent
	Closed        int      // CLOSE_CONNECTION received
	Version       uint8    // version of the current or last session
	Requests      []string // message types received, in order (last 200)
	GPO           map[uint16]bool
	GPOWrites     []string // "1 on", "1 off": GPO writes in order (last 200)
}

type tag struct {
	epc     [12]byte
	antenna uint16
}

// New returns a fake reader with the given options.
func New(opts Options) *Reader {
	opts = opts.withDefaults()
	r := &Reader{opts: opts, rng: rand.New(rand.NewPCG(opts.Seed, 0x11e9)), boot: time.Now()}
	for i := range opts.Tags {
		t := tag{antenna: uint16(1 + i%int(opts.Antennas))}
		if opts.Parked {
			t.antenna = 0
		}
		if opts.EPC != nil {
			t.epc = opts.EPC(i)
		} else {
			copy(t.epc[:], []byte{0x30, 0x14, 0xed, 0x9e})
			t.epc[10], t.epc[11] = byte(i>>8), byte(i)
		}
		r.tags = append(r.tags, t)
	}
	r.stats.GPO = map[uint16]bool{}
	return r
}

// Serve accepts clients on ln until ctx ends, then closes ln and every
// connection and returns after all its goroutines have stopped.
func (r *Reader) Serve(ctx context.Context, ln net.Listener) error {
	var wg sync.WaitGroup
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	for {
		conn, err := ln.Accept()
		if err != nil {
			wg.Wait()
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		wg.Go(func() { r.handle(ctx, conn) })
	}
}

func (r *Reader) handle(ctx context.Context, conn net.Conn) {
	defer conn.Close()
	s, other := r.claim(conn)
	if s == nil {
		if other != nil {
			other.notifyAttempt()
		}
		refuse(conn)
		return
	}
	defer r.release(s)
	s.run(ctx)
}

// claim makes conn the current session, or returns nil and the session
// that holds the reader.
func (r *Reader) claim(conn net.Conn) (*session, *session) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.current != nil {
		r.stats.Refused++
		return nil, r.current
	}
	r.stats.Connections++
	r.stats.Version = llrp.Version101
	r.current = newSession(r, conn)
	return r.current, nil
}

func (r *Reader) release(s *session) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.current == s {
		r.current = nil
	}
}

// refuse tells a second client the reader is taken, then closes.
func refuse(conn net.Conn) {
	var b llrp.Builder
	encodeConnEvent(&b, llrp.ConnFailedClientInit, 0)
	conn.SetWriteDeadline(time.Now().Add(time.Second))
	conn.Write(b.Bytes())
}

// Inject applies a fault to the current connection. It returns false if
// no client is connected.
func (r *Reader) Inject(f Fault) bool {
	r.mu.Lock()
	s := r.current
	if f == Reboot {
		r.specs = specs{}
		r.boot = time.Now()
		r.stats.GPO = map[uint16]bool{}
	}
	r.mu.Unlock()
	if s == nil {
		return false
	}
	s.inject(f)
	return true
}

// MoveTag puts tag i (0-based) on an antenna; antenna 0 takes it out of
// the field.
func (r *Reader) MoveTag(i int, antenna uint16) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tags[i%len(r.tags)].antenna = antenna
}

// Snapshot returns a copy of the counters.
func (r *Reader) Snapshot() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.stats
	s.Requests = append([]string(nil), s.Requests...)
	s.GPOWrites = append([]string(nil), s.GPOWrites...)
	s.GPO = make(map[uint16]bool, len(r.stats.GPO))
	for k, v := range r.stats.GPO {
		s.GPO[k] = v
	}
	return s
}

// Connected reports whether a client session is active.
func (r *Reader) Connected() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.current != nil
}

// ROSpecState returns the state of the ROSpec (0 disabled, 1 inactive,
// 2 active) and whether one exists.
func (r *Reader) ROSpecState() (uint8, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.specs.ro.state, r.specs.ro.id != 0
}
