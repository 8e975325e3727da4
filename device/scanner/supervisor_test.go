package scanner

import (
	"context"
	"errors"
	"io"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// flakyDevice fails its reads with err once the test says so.
type flakyDevice struct {
	fail   chan error
	closed chan struct{}
	once   sync.Once
}

func newFlakyDevice() *flakyDevice {
	return &flakyDevice{fail: make(chan error, 1), closed: make(chan struct{})}
}

func (d *flakyDevice) Read([]byte) (int, error) {
	select {
	case err := <-d.fail:
		return 0, err
	case <-d.closed:
		return 0, ErrClosed
	}
}
func (d *flakyDevice) Write(p []byte) (int, error) { return len(p), nil }
func (d *flakyDevice) Close() error                { d.once.Do(func() { close(d.closed) }); return nil }

func TestSupervisorBacksOffThenResetsAfterStableConnection(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex // synctest time is not a happens-before edge for -race
		var opens []time.Time
		dev := newFlakyDevice()
		failOpens := 4
		sup, err := NewSupervisor(SupervisorConfig{
			Name: "s", Open: func(context.Context) (Device, error) {
				mu.Lock()
				defer mu.Unlock()
				opens = append(opens, time.Now())
				if len(opens) <= failOpens {
					return nil, errors.New("no such device")
				}
				return dev, nil
			},
			Serve: func(_ context.Context, d Device) error { _, err := d.Read(nil); return err },
		})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() { done <- sup.Run(ctx) }()
		defer func() {
			cancel()
			if err := <-done; err != nil || sup.Online() {
				t.Fatalf("Run = %v online %v", err, sup.Online())
			}
		}()
		time.Sleep(9 * time.Second) // 0.5+1+2+4 s plus jitter
		mu.Lock()
		defer mu.Unlock()
		if !sup.Online() {
			t.Fatalf("not online after %d opens", len(opens))
		}
		checkGaps(t, opens, 500*time.Millisecond, time.Second, 2*time.Second, 4*time.Second)

		time.Sleep(DefaultStableAfter) // a stable connection...
		dev.fail <- ErrGone            // ...then an unplug: the next retry waits Min again
		synctest.Wait()
		opens, failOpens = []time.Time{time.Now()}, 0
		mu.Unlock()
		time.Sleep(time.Second)
		mu.Lock()
		checkGaps(t, opens, 500*time.Millisecond)
	})
}

func TestSupervisorDelayIsCapped(t *testing.T) {
	b := Backoff{}
	if got := b.Delay(100); got != DefaultBackoffMax {
		t.Fatalf("Delay(100) = %v", got)
	}
	if got := (Backoff{Min: time.Second, Max: 3 * time.Second}).Delay(2); got != 3*time.Second {
		t.Fatalf("Delay(2) = %v", got)
	}
}

// checkGaps wants the gaps between consecutive times to be want[i] plus
// at most 10% jitter.
func checkGaps(t *testing.T, times []time.Time, want ...time.Duration) {
	t.Helper()
	if len(times) != len(want)+1 {
		t.Fatalf("%d opens, want %d", len(times), len(want)+1)
	}
	for i, w := range want {
		if gap := times[i+1].Sub(times[i]); gap < w || gap > w+w/10 {
			t.Errorf("gap %d = %v, want %v (+10%%)", i, gap, w)
		}
	}
}

var _ io.ReadWriteCloser = (*flakyDevice)(nil)

func TestKickReopensAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		plugged := false
		sup, _ := NewSupervisor(SupervisorConfig{
			Open: func(context.Context) (Device, error) {
				mu.Lock()
				defer mu.Unlock()
				if !plugged {
					return nil, errors.New("no such device")
				}
				return newFlakyDevice(), nil
			},
			Serve:   func(_ context.Context, d Device) error { _, err := d.Read(nil); return err },
			Backoff: Backoff{Min: time.Minute, Max: time.Minute},
		})
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() { done <- sup.Run(ctx) }()
		time.Sleep(time.Second) // first attempt failed, waiting a minute
		mu.Lock()
		plugged = true
		mu.Unlock()
		sup.Kick()
		start := time.Now()
		synctest.Wait()
		if !sup.Online() || time.Since(start) != 0 {
			t.Fatalf("online %v after %v", sup.Online(), time.Since(start))
		}
		cancel()
		<-done
	})
}
