package fleetbench_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edged/edged/internal/pgtest"
	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
)

// discard is a channel's Enqueuer that counts and drops: the delta
// benchmark measures the store, not the marketplaces.
type discard struct{ n atomic.Int64 }

func (d *discard) Enqueue(relay.Item) { d.n.Add(1) }

// engines are the stock engines of n relay instances on one store: one
// bbolt file (n = 1) or one PostgreSQL database, each instance with its
// own connection pool and, as relay/server runs it, a follower that
// catches up whenever the store notifies another instance's commit.
type engines struct {
	list []*stock.Engine
	stop func()
}

func openEngines(b *testing.B, kind string, n int, m *stock.Mapping) *engines {
	b.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var stores []stock.Store
	es := &engines{}
	var once sync.Once
	es.stop = func() {
		once.Do(func() {
			cancel()
			wg.Wait()
			for _, s := range stores {
				s.Close()
			}
		})
	}
	b.Cleanup(es.stop)
	dsn := ""
	if kind == "postgres" {
		dsn = pgtest.Shared(b).NewDatabase(b)
	}
	for range n {
		s, pg := openStore(b, dsn)
		stores = append(stores, s)
		out := map[relay.Channel]stock.Enqueuer{}
		for _, ch := range relay.Channels() {
			out[ch] = &discard{}
		}
		e, err := stock.New(ctx, stock.Options{Store: s, Mapping: m, Out: out})
		if err != nil {
			b.Fatal(err)
		}
		es.list = append(es.list, e)
		if pg != nil {
			follow(ctx, &wg, pg, e)
		}
	}
	return es
}

// openStore opens the PostgreSQL store at dsn, or a bbolt file: the one
// named, or a new one when dsn is empty.
func openStore(b *testing.B, dsn string) (stock.Store, *pgstore.Store) {
	b.Helper()
	if !pgstore.IsDSN(dsn) {
		if dsn == "" {
			dsn = filepath.Join(b.TempDir(), "relay.db")
		}
		s, err := stock.OpenBolt(dsn)
		if err != nil {
			b.Fatal(err)
		}
		return s, nil
	}
	s, err := pgstore.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	return s, s
}

// follow runs what relay/server's follow does: Follow on every
// notification, and every 5 s in case one was missed.
func follow(ctx context.Context, wg *sync.WaitGroup, pg *pgstore.Store, e *stock.Engine) {
	poke := make(chan struct{}, 1)
	wg.Go(func() {
		_ = pg.Listen(ctx, slog.New(slog.DiscardHandler), func() {
			select {
			case poke <- struct{}{}:
			default:
			}
		})
	})
	wg.Go(func() {
		t := time.NewTicker(5 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-poke:
			case <-t.C:
			}
			_ = e.Follow(ctx)
		}
	})
}
