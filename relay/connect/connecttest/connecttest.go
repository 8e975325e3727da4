// Package connecttest holds the contract suite every connect.Store
// implementation passes.
package connecttest

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/connect"
)

// TestStore runs the contract on s, which must hold no connection.
func TestStore(t *testing.T, s connect.Store) {
	t.Run("NotConnected", func(t *testing.T) { notConnected(t, s) })
	t.Run("CompareAndSet", func(t *testing.T) { compareAndSet(t, s) })
	t.Run("OneOfTwoRacingSavesWins", func(t *testing.T) { race(t, s) })
	t.Run("List", func(t *testing.T) { list(t, s) })
}

func notConnected(t *testing.T, s connect.Store) {
	if _, err := s.Connection(context.Background(), relay.TikTok); !errors.Is(err, connect.ErrNotConnected) {
		t.Errorf("Connection of a channel never saved: %v, want ErrNotConnected", err)
	}
}

func compareAndSet(t *testing.T, s connect.Store) {
	ctx := context.Background()
	v1, err := s.SaveConnection(ctx, relay.Shopify, []byte("one"), 0)
	if err != nil || v1 != 1 {
		t.Fatalf("first save: version %d, %v", v1, err)
	}
	if _, err := s.SaveConnection(ctx, relay.Shopify, []byte("again"), 0); !errors.Is(err, connect.ErrConflict) {
		t.Errorf("a second first save: %v, want ErrConflict", err)
	}
	v2, err := s.SaveConnection(ctx, relay.Shopify, []byte("two"), v1)
	if err != nil || v2 != 2 {
		t.Fatalf("save at version 1: version %d, %v", v2, err)
	}
	if _, err := s.SaveConnection(ctx, relay.Shopify, []byte("stale"), v1); !errors.Is(err, connect.ErrConflict) {
		t.Errorf("save at a stale version: %v, want ErrConflict", err)
	}
	r, err := s.Connection(ctx, relay.Shopify)
	if err != nil || r.Version != 2 || !bytes.Equal(r.Sealed, []byte("two")) || r.Channel != relay.Shopify || r.Updated.IsZero() {
		t.Errorf("after the saves: %+v, %v; want version 2 holding \"two\"", r, err)
	}
}

func race(t *testing.T, s connect.Store) {
	ctx := context.Background()
	if _, err := s.SaveConnection(ctx, relay.Shopee, []byte("base"), 0); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() { _, errs[i] = s.SaveConnection(ctx, relay.Shopee, []byte{byte(i)}, 1) })
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, connect.ErrConflict):
			t.Errorf("racing save: %v", err)
		}
	}
	if r, err := s.Connection(ctx, relay.Shopee); won != 1 || err != nil || r.Version != 2 {
		t.Errorf("%d of %d racing saves at version 1 won (want 1); now at %d, %v", won, len(errs), r.Version, err)
	}
}

func list(t *testing.T, s connect.Store) {
	ctx := context.Background()
	if _, err := s.SaveConnection(ctx, relay.Lazada, []byte("lz"), 0); err != nil {
		t.Fatal(err)
	}
	all, err := s.Connections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []relay.Channel
	for _, r := range all {
		got = append(got, r.Channel)
		if r.Version == 0 || len(r.Sealed) == 0 {
			t.Errorf("listed %+v without its version or record", r)
		}
	}
	want := []relay.Channel{relay.Lazada, relay.Shopee, relay.Shopify}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("Connections lists %v, want %v in channel order", got, want)
	}
}
