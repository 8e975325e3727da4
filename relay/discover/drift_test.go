package discover_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/discover"
	"github.com/edged/edged/relay/stock"
)

type fakeReader struct {
	ls  []relay.Listing
	err error
}

func (f fakeReader) Listings(context.Context) ([]relay.Listing, error) { return f.ls, f.err }

func TestDriftCheck(t *testing.T) {
	m, err := stock.ParseMapping(strings.NewReader("channel,sku,item,variant\nlazada,A,1,11\nlazada,B,1,12\ntiktok,A,9,91\n"), "mapping.csv")
	if err != nil {
		t.Fatal(err)
	}
	d := discover.NewDrift(discover.DriftOptions{Loaded: m, Every: time.Hour, Readers: map[relay.Channel]relay.ListingReader{
		relay.Lazada: fakeReader{ls: []relay.Listing{lz("A", "1", "11"), lz("C", "2", "21"), lz("B", "3", "31")}},
		relay.TikTok: fakeReader{err: errors.New("down")},
	}})
	if _, ok := d.Last(); ok {
		t.Fatal("a check before any ran")
	}
	c := d.Check(context.Background())
	if c.Added != 1 || c.Removed != 1 || c.Changed != 0 || !c.Drifted() {
		t.Errorf("check %+v: want B moved (1 added, 1 removed)", c)
	}
	if len(c.Channels) != 1 || c.Channels[0] != relay.Lazada || len(c.Errors) != 1 {
		t.Errorf("channels %v errors %v: tiktok failed and is not compared", c.Channels, c.Errors)
	}
	if c.Unknown != 1 {
		t.Errorf("unknown %d, want C", c.Unknown)
	}
	if last, ok := d.Last(); !ok || last.Added != 1 {
		t.Errorf("last %+v, %v", last, ok)
	}
}

func TestDriftRunSkipsWhileInactiveAndStopsWithContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m, _ := stock.ParseMapping(strings.NewReader("channel,sku,item,variant\nlazada,A,1,11\n"), "m.csv")
		var active atomic.Bool
		var reads atomic.Int32
		r := countingReader{n: &reads, ls: []relay.Listing{lz("A", "1", "11")}}
		d := discover.NewDrift(discover.DriftOptions{Loaded: m, Every: time.Minute, Active: active.Load,
			Readers: map[relay.Channel]relay.ListingReader{relay.Lazada: r}})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() { done <- d.Run(ctx) }()
		time.Sleep(5 * time.Minute)
		synctest.Wait()
		if reads.Load() != 0 {
			t.Errorf("%d reads while inactive", reads.Load())
		}
		active.Store(true)
		time.Sleep(90 * time.Second) // asked again within 30 s, then every minute
		synctest.Wait()
		if n := reads.Load(); n != 2 {
			t.Errorf("%d reads in 90 s of activity, want 2", n)
		}
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		if c, ok := d.Last(); !ok || c.Drifted() {
			t.Errorf("last %+v, %v: want a check without drift", c, ok)
		}
	})
	m, _ := stock.ParseMapping(strings.NewReader("channel,sku,item,variant\nlazada,A,1,11\n"), "m.csv")
	if err := discover.NewDrift(discover.DriftOptions{Loaded: m}).Run(context.Background()); err != nil {
		t.Errorf("disabled Run: %v", err)
	}
}

type countingReader struct {
	n  *atomic.Int32
	ls []relay.Listing
}

func (c countingReader) Listings(context.Context) ([]relay.Listing, error) {
	c.n.Add(1)
	return c.ls, nil
}
