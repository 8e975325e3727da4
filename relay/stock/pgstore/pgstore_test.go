package pgstore_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edged/edged/internal/pgtest"
	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/fleet"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
)

var pg *pgtest.Server

func TestMain(m *testing.M) {
	os.Exit(pgtest.Main(m, func(s *pgtest.Server) int { pg = s; return m.Run() }))
}

func open(t *testing.T, dsn string) *pgstore.Store {
	t.Helper()
	s, err := pgstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestMigrateOnceWhenRelaysStartTogether(t *testing.T) {
	dsn := pg.NewDatabase(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			s, err := pgstore.Open(context.Background(), dsn)
			if err == nil {
				s.Close()
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	s := open(t, dsn)
	done, err := pgstore.Migrate(context.Background(), s.Pool())
	if err != nil || len(done) != 0 {
		t.Errorf("a migrated store migrated again: %v %v", done, err)
	}
	all, err := pgstore.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.Pool().QueryRow(context.Background(), "SELECT count(*) FROM relay_schema").Scan(&n); err != nil || n != len(all) {
		t.Errorf("relay_schema has %d rows (%v), want one per migration, %d", n, err, len(all))
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	dsn := pg.NewDatabase(t)
	s := open(t, dsn)
	if _, err := s.Pool().Exec(context.Background(), "INSERT INTO relay_schema (version, name) VALUES (99, '0099_future.sql')"); err != nil {
		t.Fatal(err)
	}
	_, err := pgstore.Open(context.Background(), dsn)
	if err == nil || !strings.Contains(err.Error(), "upgrade the relay") {
		t.Errorf("err %v, want a refusal naming the upgrade", err)
	}
}

func TestGuardedInsertOfAnExistingKeyConflicts(t *testing.T) {
	s := open(t, pg.NewDatabase(t))
	ctx := context.Background()
	ins := func(since uint64) (uint64, error) {
		return s.Update(ctx, since, func([]stock.Change) ([]stock.Mutation, error) {
			return []stock.Mutation{{Table: stock.TableEvents, Key: "shopify\x1fw1", Value: []byte("1"), Guard: true}}, nil
		})
	}
	v, err := ins(0)
	if err != nil || v != 1 {
		t.Fatalf("first insert: version %d, %v", v, err)
	}
	if _, err := ins(v); !errors.Is(err, stock.ErrConflict) {
		t.Errorf("second insert: %v, want ErrConflict", err)
	}
	changes, err := s.Changes(ctx, 0)
	if err != nil || len(changes) != 1 {
		t.Errorf("changes %v %v, want the one commit", changes, err)
	}
}

func TestSecretsStayOutOfErrors(t *testing.T) {
	dsn := "postgres://relay:hunter2secret@127.0.0.1:1/relay?sslmode=disable&connect_timeout=1"
	_, err := pgstore.Open(context.Background(), dsn)
	if err == nil {
		t.Fatal("opened a store on a closed port")
	}
	if strings.Contains(err.Error(), "hunter2secret") {
		t.Errorf("the password is in the error: %v", err)
	}
	if r := pgstore.Redact(dsn); strings.Contains(r, "hunter2secret") || !strings.Contains(r, "relay:REDACTED@127.0.0.1:1") {
		t.Errorf("Redact: %s", r)
	}
}

func TestLeaseHasOneOwnerAndANewEpochPerOwner(t *testing.T) {
	s := open(t, pg.NewDatabase(t))
	ctx := context.Background()
	a, err := s.Acquire(ctx, relay.Shopify, "a", time.Second)
	if err != nil || a.Owner != "a" || a.Epoch != 1 {
		t.Fatalf("a: %+v %v", a, err)
	}
	if b, err := s.Acquire(ctx, relay.Shopify, "b", time.Second); err != nil || b.Owner != "a" {
		t.Fatalf("b took a live lease: %+v %v", b, err)
	}
	if again, _ := s.Acquire(ctx, relay.Shopify, "a", time.Second); again.Epoch != 1 {
		t.Errorf("a's renewal changed the epoch: %+v", again)
	}
	if err := s.Release(ctx, relay.Shopify, "a", 1); err != nil {
		t.Fatal(err)
	}
	b, err := s.Acquire(ctx, relay.Shopify, "b", time.Second)
	if err != nil || b.Owner != "b" || b.Epoch != 2 {
		t.Fatalf("b after release: %+v %v", b, err)
	}
	if _, err := s.Check(ctx, relay.Shopify, "a", 1); !errors.Is(err, fleet.ErrDeposed) {
		t.Errorf("a's old epoch still checks: %v", err)
	}
	if left, err := s.Check(ctx, relay.Shopify, "b", 2); err != nil || left <= 0 || left > time.Second {
		t.Errorf("b's check: %v %v", left, err)
	}
}

func TestExpiredLeasePassesOn(t *testing.T) {
	s := open(t, pg.NewDatabase(t))
	ctx := context.Background()
	if _, err := s.Acquire(ctx, relay.Lazada, "a", 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		l, err := s.Acquire(ctx, relay.Lazada, "b", time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if l.Owner == "b" {
			if l.Epoch != 2 {
				t.Errorf("epoch %d, want 2", l.Epoch)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the expired lease never passed on")
		}
		time.Sleep(20 * time.Millisecond) // the database's clock decides expiry
	}
	if err := s.Heartbeat(ctx, fleet.Instance{ID: "b", Version: "v1", Host: "h", Started: time.Now()}); err != nil {
		t.Fatal(err)
	}
	ins, leases, err := s.Fleet(ctx)
	if err != nil || len(ins) != 1 || ins[0].ID != "b" || len(leases) != 1 || leases[0].Owner != "b" {
		t.Errorf("fleet %+v %+v %v", ins, leases, err)
	}
}

// A relay keeps running while PostgreSQL restarts: writes fail while it
// is away and succeed again without reopening the store.
func TestStoreRecoversFromADatabaseRestart(t *testing.T) {
	s := open(t, pg.NewDatabase(t))
	ctx := context.Background()
	put := func(k string) error {
		_, err := s.Update(ctx, 0, func(c []stock.Change) ([]stock.Mutation, error) {
			return []stock.Mutation{{Table: stock.TableMeta, Key: k, Value: []byte("1")}}, nil
		})
		return err
	}
	if err := put("a"); err != nil {
		t.Fatal(err)
	}
	pg.Stop(t)
	if err := put("b"); !errors.Is(err, stock.ErrStore) {
		t.Errorf("write with the database down: %v, want ErrStore", err)
	}
	pg.StartAgain(t)
	if err := put("c"); err != nil {
		t.Errorf("write after the restart: %v", err)
	}
	snap, err := s.Load(ctx)
	if err != nil || len(snap.Records[stock.TableMeta]) != 2 {
		t.Errorf("after restart %v %v, want a and c", snap.Records[stock.TableMeta], err)
	}
}

// TestLeaseOfADeadOwnerPassesOnAtOnce: once PostgreSQL has closed the
// owner's lease session (the relay was killed, or its connection was cut)
// another instance takes the lease long before it runs out, and is told
// it took it early; while the owner's session lives, it cannot.
func TestLeaseOfADeadOwnerPassesOnAtOnce(t *testing.T) {
	dsn := pg.NewDatabase(t)
	a, b := open(t, dsn), open(t, dsn)
	ctx := context.Background()
	if l, err := a.Acquire(ctx, relay.Shopee, "a", time.Hour); err != nil || l.Owner != "a" || l.Forced {
		t.Fatalf("a: %+v %v", l, err)
	}
	if v, err := b.Vacant(ctx, "b"); err != nil || len(v) != 0 {
		t.Fatalf("vacant while a lives: %v %v", v, err)
	}
	if l, _ := b.Acquire(ctx, relay.Shopee, "b", time.Hour); l.Owner != "a" {
		t.Fatalf("b took a live owner's lease: %+v", l)
	}
	a.Close() // as SIGKILL would: the lease session ends
	awaitVacant(t, b, "b", relay.Shopee)
	l, err := b.Acquire(ctx, relay.Shopee, "b", time.Hour)
	if err != nil || l.Owner != "b" || l.Epoch != 2 || !l.Forced {
		t.Fatalf("b after a's death: %+v %v", l, err)
	}
	if l, _ := b.Acquire(ctx, relay.Shopee, "b", time.Hour); l.Epoch != 2 || l.Forced {
		t.Errorf("b's renewal: %+v", l)
	}

	c := open(t, dsn) // alive, but its session is cut
	var pid int
	if err := b.Pool().QueryRow(ctx, "SELECT pid FROM relay_leases WHERE channel = $1", string(relay.Shopee)).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Pool().Exec(ctx, "SELECT pg_terminate_backend($1)", pid); err != nil {
		t.Fatal(err)
	}
	awaitVacant(t, c, "c", relay.Shopee)
	if l, _ := c.Acquire(ctx, relay.Shopee, "c", time.Hour); l.Owner != "c" || l.Epoch != 3 || !l.Forced {
		t.Fatalf("c after b's session was cut: %+v", l)
	}
	if l, err := b.Acquire(ctx, relay.Shopee, "b", time.Hour); err != nil || l.Owner != "c" {
		t.Errorf("b reconnected and took the lease back: %+v %v", l, err)
	}
	if _, err := b.Check(ctx, relay.Shopee, "b", 2); !errors.Is(err, fleet.ErrDeposed) {
		t.Errorf("b's epoch still checks: %v", err)
	}
}

// awaitVacant waits for PostgreSQL to end a closed session's backend,
// which it does as soon as it reads the end of the connection.
func awaitVacant(t *testing.T, s *pgstore.Store, self string, ch relay.Channel) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		v, err := s.Vacant(context.Background(), self)
		if err != nil {
			t.Fatal(err)
		}
		if len(v) == 1 && v[0] == ch {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never vacant: %v", ch, v)
		}
	}
}

// TestSlowRenewalKeepsTheLeaseSession: a renewal that runs past its
// deadline (here, blocked on the lease row) is cancelled on the server;
// the owner's lease session lives on, so nobody takes the lease early and
// the next renewal keeps the epoch.
func TestSlowRenewalKeepsTheLeaseSession(t *testing.T) {
	dsn := pg.NewDatabase(t)
	a, b := open(t, dsn), open(t, dsn)
	ctx := context.Background()
	if _, err := a.Acquire(ctx, relay.TikTok, "a", time.Hour); err != nil {
		t.Fatal(err)
	}
	tx, err := b.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "SELECT 1 FROM relay_leases WHERE channel = $1 FOR UPDATE", string(relay.TikTok)); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	_, err = a.Acquire(short, relay.TikTok, "a", time.Hour)
	cancel()
	if err == nil {
		t.Fatal("a renewal blocked on the row returned no error")
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if v, err := b.Vacant(ctx, "b"); err != nil || len(v) != 0 {
		t.Errorf("after a slow renewal the lease looks vacant: %v %v", v, err)
	}
	if l, err := a.Acquire(ctx, relay.TikTok, "a", time.Hour); err != nil || l.Epoch != 1 || l.Owner != "a" {
		t.Errorf("the next renewal: %+v %v, want epoch 1 kept", l, err)
	}
}
