package fleet

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/relay"
)

// fakeLeases is a LeaseStore whose owner the test sets.
type fakeLeases struct {
	mu    sync.Mutex
	owner string
	epoch uint64
	down  bool
	left  time.Duration
	gone  bool // the owner's session with the store ended
}

func (f *fakeLeases) Acquire(_ context.Context, ch relay.Channel, owner string, ttl time.Duration) (Lease, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return Lease{}, errors.New("connection refused")
	}
	forced := f.gone && f.owner != owner
	if f.owner == "" || forced {
		f.owner, f.epoch, f.gone = owner, f.epoch+1, false
	}
	return Lease{Channel: ch, Owner: f.owner, Epoch: f.epoch, Remaining: ttl, Forced: forced}, nil
}

func (f *fakeLeases) Vacant(_ context.Context, owner string) ([]relay.Channel, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.gone && f.owner != owner {
		return []relay.Channel{relay.Shopify}, nil
	}
	return nil, nil
}

func (f *fakeLeases) Check(_ context.Context, _ relay.Channel, owner string, epoch uint64) (time.Duration, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return 0, errors.New("connection refused")
	}
	if f.owner != owner || f.epoch != epoch {
		return 0, ErrDeposed
	}
	return f.left, nil
}

func (f *fakeLeases) Release(context.Context, relay.Channel, string, uint64) error {
	f.mu.Lock()
	f.owner = ""
	f.mu.Unlock()
	return nil
}

func (f *fakeLeases) Heartbeat(context.Context, Instance) error          { return nil }
func (f *fakeLeases) Fleet(context.Context) ([]Instance, []Lease, error) { return nil, nil, nil }

func (f *fakeLeases) give(owner string) {
	f.mu.Lock()
	f.owner, f.epoch = owner, f.epoch+1
	f.mu.Unlock()
}

// fakeDispatcher records what the gate passed on.
type fakeDispatcher struct {
	mu      sync.Mutex
	items   []relay.Item
	dropped int
}

func (d *fakeDispatcher) Enqueue(it relay.Item) {
	d.mu.Lock()
	d.items = append(d.items, it)
	d.mu.Unlock()
}
func (d *fakeDispatcher) Hold(string)    {}
func (d *fakeDispatcher) Release(string) {}
func (d *fakeDispatcher) Drop()          { d.mu.Lock(); d.dropped++; d.mu.Unlock() }

type fakeEngine struct {
	resumed []relay.Channel
	settled []time.Time
}

func (e *fakeEngine) Follow(context.Context) error { return nil }
func (e *fakeEngine) Resume(ch relay.Channel)      { e.resumed = append(e.resumed, ch) }
func (e *fakeEngine) Settle(_ relay.Channel, since time.Time) {
	e.settled = append(e.settled, since)
}

type recordingPusher struct {
	calls    int
	deadline time.Time
}

func (p *recordingPusher) Push(ctx context.Context, items []relay.Item) []relay.Result {
	p.calls++
	p.deadline, _ = ctx.Deadline()
	return failAll(items, nil)
}

func rig(leases *fakeLeases) (*Manager, *Gate, *fakeDispatcher, *fakeEngine) {
	d, e := &fakeDispatcher{}, &fakeEngine{}
	g := NewGate(relay.Shopify, nil)
	g.Dispatch(d)
	m := NewManager(leases, Instance{ID: "me"}, Timing{TTL: 3 * time.Second, PushTimeout: time.Second}, map[relay.Channel]*Gate{relay.Shopify: g}, e, slog.New(slog.DiscardHandler))
	return m, g, d, e
}

func TestManagerTakesOverAndLetsGo(t *testing.T) {
	leases := &fakeLeases{owner: "other", epoch: 4}
	m, g, d, e := rig(leases)
	m.round(context.Background())
	g.Enqueue(relay.Item{Qty: 1})
	if g.Owned() || len(d.items) != 0 || len(e.resumed) != 0 {
		t.Fatalf("not the owner, yet owned %v, passed %d items, resumed %v", g.Owned(), len(d.items), e.resumed)
	}
	leases.give("me")
	m.round(context.Background())
	if !g.Owned() || len(e.resumed) != 1 || d.dropped != 1 {
		t.Fatalf("after the lease came: owned %v, resumed %v, dropped %d", g.Owned(), e.resumed, d.dropped)
	}
	if epoch, _ := g.lease(); epoch != 5 {
		t.Errorf("epoch %d, want 5", epoch)
	}
	m.round(context.Background()) // a renewal is not a takeover
	if len(e.resumed) != 1 {
		t.Errorf("renewal resumed again: %v", e.resumed)
	}
	g.Enqueue(relay.Item{Qty: 2})
	leases.give("other")
	m.round(context.Background())
	g.Enqueue(relay.Item{Qty: 3})
	if g.Owned() || len(d.items) != 1 || d.dropped != 2 {
		t.Errorf("after losing it: owned %v, items %v, dropped %d", g.Owned(), d.items, d.dropped)
	}
}

func TestGateStopsWhenRenewalsFail(t *testing.T) {
	leases := &fakeLeases{}
	m, g, _, _ := rig(leases)
	now := time.Now()
	g.now = func() time.Time { return now }
	m.round(context.Background())
	if !g.Owned() {
		t.Fatal("not owned")
	}
	leases.down = true
	m.round(context.Background())
	now = now.Add(3 * time.Second) // the lease's TTL, on this relay's clock
	if g.Owned() {
		t.Error("still pushing after the lease could have passed to another relay")
	}
}

func TestPusherNeverPushesForADeposedOwner(t *testing.T) {
	leases := &fakeLeases{left: 2 * time.Second}
	m, g, _, _ := rig(leases)
	m.round(context.Background())
	inner := &recordingPusher{}
	p := NewPusher(inner, g, leases, "me", 3*time.Second)
	start := time.Now()
	if res := p.Push(context.Background(), []relay.Item{{Qty: 1}}); res[0].Err != nil || inner.calls != 1 {
		t.Fatalf("owner's push: %v, %d calls", res[0].Err, inner.calls)
	}
	if d := inner.deadline.Sub(start); d > 2*time.Second-margin+50*time.Millisecond || d < time.Second {
		t.Errorf("push deadline %v after start, want the lease's 2s less the margin", d)
	}
	short := NewPusher(inner, g, leases, "me", time.Second)
	start = time.Now()
	short.Push(context.Background(), []relay.Item{{Qty: 1}})
	if d := inner.deadline.Sub(start); d > time.Second-margin+50*time.Millisecond || d < time.Second/2 {
		t.Errorf("push deadline %v after start, want the push timeout of 1s less the margin", d)
	}
	inner.calls = 1
	leases.give("other") // taken over while this relay still believes it owns the channel
	res := p.Push(context.Background(), []relay.Item{{Qty: 1}})
	if !errors.Is(res[0].Err, relay.ErrNotOwner) || inner.calls != 1 || g.Owned() {
		t.Errorf("deposed push: %v, %d calls, owned %v", res[0].Err, inner.calls, g.Owned())
	}
	leases.give("me")
	m.round(context.Background())
	leases.down = true
	res = p.Push(context.Background(), []relay.Item{{Qty: 1}})
	if !relay.Retryable(res[0].Err) || errors.Is(res[0].Err, relay.ErrNotOwner) || inner.calls != 1 {
		t.Errorf("store down: %v (want a retryable error, no push), %d calls", res[0].Err, inner.calls)
	}
}

// TestEarlyTakeoverRepushesAfterThePushTimeout: when the owner's session
// with the store ends, the watch takes the channel at once rather than
// after the lease's TTL, and pushes everything again once the old owner's
// last push must be over.
func TestEarlyTakeoverRepushesAfterThePushTimeout(t *testing.T) {
	leases := &fakeLeases{owner: "other", epoch: 7}
	m, g, _, e := rig(leases)
	now := time.Now()
	g.now = func() time.Time { return now }
	m.watch(context.Background())
	if g.Owned() {
		t.Fatal("took a live owner's channel")
	}
	leases.gone = true
	m.watch(context.Background())
	if epoch, ok := g.lease(); !ok || epoch != 8 || len(e.resumed) != 1 {
		t.Fatalf("after the owner's session ended: epoch %d owned %v, resumed %v", epoch, ok, e.resumed)
	}
	taken := now
	now = now.Add(time.Second) // the push timeout, but not its margin
	m.watch(context.Background())
	if len(e.settled) != 0 {
		t.Fatalf("repushed before the old owner's pushes were cut off: %v", e.settled)
	}
	now = now.Add(margin)
	m.watch(context.Background())
	m.watch(context.Background())
	if len(e.settled) != 1 || !e.settled[0].Equal(taken) {
		t.Fatalf("repushes %v, want one of what was pushed since %v", e.settled, taken)
	}
}

// TestNoRepushAfterAnOrdinaryTakeover: a lease that was free or ran out
// had no pushes of its old owner in flight, which are cut before the
// lease's end.
func TestNoRepushAfterAnOrdinaryTakeover(t *testing.T) {
	leases := &fakeLeases{}
	m, g, _, e := rig(leases)
	now := time.Now()
	g.now = func() time.Time { return now }
	m.round(context.Background())
	now = now.Add(2 * time.Second)
	m.watch(context.Background())
	if !g.Owned() || len(e.settled) != 0 {
		t.Errorf("owned %v, repushes %v", g.Owned(), e.settled)
	}
}

// TestPusherPushesACatalogueInChunks: each chunk is checked against the
// lease and gets its own deadline; once deposed, the rest is not pushed.
func TestPusherPushesACatalogueInChunks(t *testing.T) {
	leases := &fakeLeases{left: 2 * time.Second}
	m, g, _, _ := rig(leases)
	m.round(context.Background())
	inner := &recordingPusher{}
	p := NewPusher(inner, g, leases, "me", time.Second)
	items := make([]relay.Item, 2*chunk+1)
	res := p.Push(context.Background(), items)
	if len(res) != len(items) || inner.calls != 3 {
		t.Fatalf("%d results in %d pushes, want %d in 3", len(res), inner.calls, len(items))
	}
	leases.give("other")
	res = p.Push(context.Background(), items)
	if len(res) != len(items) || inner.calls != 3 || !errors.Is(res[len(res)-1].Err, relay.ErrNotOwner) {
		t.Errorf("deposed: %d results, %d pushes in all, last %v", len(res), inner.calls, res[len(res)-1].Err)
	}
}
