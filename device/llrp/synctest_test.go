package llrp_test

import (
	"context"
	"errors"
	"net"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/edged/edged/device/llrp"
	"github.com/edged/edged/device/llrp/llrptest"
)

// TestBackoffScheduleDefaults checks the reconnect delays with the
// default 0.5 s to 30 s backoff, in virtual time.
func TestBackoffScheduleDefaults(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var dials []time.Time
		c, _ := llrp.New(llrp.Options{Name: "r", Dial: func(context.Context) (net.Conn, error) {
			dials = append(dials, time.Now())
			return nil, errors.New("connection refused")
		}})
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if err := c.Run(ctx); err != nil {
			t.Fatal(err)
		}
		base := 500 * time.Millisecond
		for i := 1; i < len(dials); i++ {
			gap := dials[i].Sub(dials[i-1])
			if gap < base/2 || gap > base {
				t.Errorf("attempt %d after %v, want %v..%v", i, gap, base/2, base)
			}
			base = min(2*base, 30*time.Second)
		}
		if len(dials) < 12 || c.Stats().Reconnects != uint64(len(dials)) {
			t.Errorf("%d dials, stats %+v", len(dials), c.Stats())
		}
	})
}

// pipeListener hands out the server ends of net.Pipe connections, so a
// fake reader can run inside a synctest bubble.
type pipeListener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error   { l.once.Do(func() { close(l.done) }); return nil }
func (l *pipeListener) Addr() net.Addr { return &net.TCPAddr{} }

func (l *pipeListener) dial(ctx context.Context) (net.Conn, error) {
	client, server := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// TestHalfOpenDetectedAfterThreeKeepalives uses the default 5 s
// keepalive in virtual time: a link that goes silent is declared dead
// after three missed keepalives (17.5 s), not before.
func TestHalfOpenDetectedAfterThreeKeepalives(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ln := &pipeListener{conns: make(chan net.Conn), done: make(chan struct{})}
		fake := llrptest.New(llrptest.Options{Rate: 100})
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		wg.Go(func() { fake.Serve(ctx, ln) })
		c, _ := llrp.New(llrp.Options{Name: "r", Dial: ln.dial})
		wg.Go(func() { c.Run(ctx) })
		time.Sleep(2500 * time.Millisecond)
		if st := c.Stats(); st.State != llrp.StateReading || st.Reads == 0 || st.ReadsPerSecond < 90 || st.ReadsPerSecond > 110 {
			t.Fatalf("not reading 100 reads/s: %+v", st)
		}
		fake.Inject(llrptest.HalfOpen)
		time.Sleep(15 * time.Second)
		if n := c.Stats().Reconnects; n != 0 {
			t.Fatalf("declared dead before three keepalives were missed (%d reconnects)", n)
		}
		time.Sleep(5 * time.Second)
		if st := c.Stats(); st.Reconnects != 1 || !errors.Is(st.Err, llrp.ErrLinkDead) {
			t.Errorf("after 21 s of silence: %d reconnects, %v", st.Reconnects, st.Err)
		}
		cancel()
		wg.Wait()
	})
}
