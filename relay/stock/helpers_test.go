package stock_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

// sink records the latest quantity per listing.
type sink struct {
	mu   sync.Mutex
	last map[string]int64
	n    int
}

func (s *sink) Enqueue(it relay.Item) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.last == nil {
		s.last = map[string]int64{}
	}
	s.last[it.Target.Key()] = it.Qty
	s.n++
}

func (s *sink) qty(t relay.Target) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last[t.Key()]
}

func loadMapping(t testing.TB) *stock.Mapping {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "relay", "mapping.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := stock.ParseMapping(f, "mapping.csv")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

type rig struct {
	eng   *stock.Engine
	store stock.Store
	out   map[relay.Channel]*sink
	m     *stock.Mapping
	path  string // the bbolt file, or the PostgreSQL DSN
}

func newRig(t testing.TB, cfg stock.Config, fetch map[relay.Channel]stock.OrderFetcher) *rig {
	t.Helper()
	r := &rig{m: loadMapping(t), path: newStorePath(t), out: map[relay.Channel]*sink{}}
	r.open(t, cfg, fetch)
	t.Cleanup(func() { r.store.Close() })
	return r
}

func (r *rig) open(t testing.TB, cfg stock.Config, fetch map[relay.Channel]stock.OrderFetcher) {
	t.Helper()
	s := openStore(t, r.path)
	out := map[relay.Channel]stock.Enqueuer{}
	for _, ch := range relay.Channels() {
		r.out[ch] = &sink{}
		out[ch] = r.out[ch]
	}
	r.store = s
	var err error
	r.eng, err = stock.New(context.Background(), stock.Options{Store: s, Mapping: r.m, Config: cfg, Out: out, Fetchers: fetch})
	if err != nil {
		t.Fatal(err)
	}
}

func (r *rig) target(t testing.TB, ch relay.Channel, sku string) relay.Target {
	t.Helper()
	for _, tg := range r.m.Targets(sku) {
		if tg.Channel == ch {
			return tg
		}
	}
	t.Fatalf("no %s listing of %s", ch, sku)
	return relay.Target{}
}

// failingStore fails every commit after the first n.
type failingStore struct {
	stock.Store
	left int
}

var errDisk = errors.New("disk on fire")

func (f *failingStore) Update(ctx context.Context, since uint64, apply func([]stock.Change) ([]stock.Mutation, error)) (uint64, error) {
	if f.left <= 0 {
		_, _ = apply(nil) // the engine decides, then the disk fails
		return 0, errDisk
	}
	f.left--
	return f.Store.Update(ctx, since, apply)
}
