package feedback

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

type gpoCall struct {
	port uint16
	on   bool
	at   time.Duration
}

type fakeGPO struct {
	mu    sync.Mutex
	start time.Time
	calls []gpoCall
}

func (g *fakeGPO) SetGPO(_ context.Context, port uint16, on bool) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.calls = append(g.calls, gpoCall{port, on, time.Since(g.start)})
	return nil
}

func TestLightFlashesThePortForTheSignal(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		gpo := &fakeGPO{start: time.Now()}
		light := NewLight(gpo, LightConfig{GoodPort: 1, ErrorPort: 2, Hold: 500 * time.Millisecond}, nil)
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() { done <- light.Run(ctx) }()
		var beeps bytes.Buffer
		both := Multi{NewWriter(&beeps, BEL{}), light}
		_ = both.Notify(Good)
		_ = both.Notify(Ack) // no lamp for a state change
		_ = both.Notify(Error)
		time.Sleep(2 * time.Second)
		cancel()
		<-done
		want := []gpoCall{{1, true, 0}, {1, false, 500 * time.Millisecond},
			{2, true, 500 * time.Millisecond}, {2, false, time.Second}}
		gpo.mu.Lock()
		defer gpo.mu.Unlock()
		if len(gpo.calls) != len(want) {
			t.Fatalf("calls %+v", gpo.calls)
		}
		for i := range want {
			if gpo.calls[i] != want[i] {
				t.Errorf("call %d = %+v, want %+v", i, gpo.calls[i], want[i])
			}
		}
		if beeps.String() != "\a\a\a\a\a\a" {
			t.Errorf("beeps %q", beeps.String())
		}
	})
}
