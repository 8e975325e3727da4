package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"reflect"
	"slices"

	"github.com/spf13/cobra"

	"github.com/edged/edged/internal/buildinfo"
	"github.com/edged/edged/relay/connect"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
)

func newMigrateCmd() *cobra.Command {
	var path, dsn string
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Apply the PostgreSQL schema steps the store lacks (relay run does it too)",
		Long: "Applies the embedded schema migrations to the configured PostgreSQL store (store: postgres://..., or\n" +
			"EDGED_STORE, or --dsn), under an advisory lock so that relays starting together do not race.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dsn == "" {
				cfg, err := loadConfig(path)
				if err != nil {
					return fmt.Errorf("configuration: %w", err)
				}
				dsn = cfg.Store
			}
			if !pgstore.IsDSN(dsn) {
				return fmt.Errorf("store %q is a bbolt file, which needs no migration; migrate applies to store: postgres://", dsn)
			}
			s, err := pgstore.Open(cmd.Context(), dsn)
			if err != nil {
				return err
			}
			defer s.Close()
			fmt.Fprintf(cmd.OutOrStdout(), "OK %s is at the relay's schema\n", pgstore.Redact(dsn))
			return nil
		},
	}
	cmd.Flags().StringVar(&path, "config", defaultConfig, "configuration file naming the store")
	cmd.Flags().StringVar(&dsn, "dsn", "", "PostgreSQL DSN instead of the configuration's store")
	return cmd
}

func newStoreCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "store", Short: "Move the relay's stock between stores"}
	var from, to string
	cp := &cobra.Command{
		Use:   "copy --from FILE.db --to postgres://...",
		Short: "Copy a stopped bbolt relay's stock, reservations, pending pushes and channel connections into an empty PostgreSQL store",
		Long: "Copies every record of a bbolt relay store (stop that relay first) into a PostgreSQL store that holds\n" +
			"none yet, in one transaction, then reads both back and compares them record by record. The DSN may\n" +
			"also come from EDGED_STORE.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if to == "" {
				to = os.Getenv("EDGED_STORE")
			}
			return copyStore(cmd.Context(), cmd.OutOrStdout(), from, to)
		},
	}
	cp.Flags().StringVar(&from, "from", "", "the bbolt relay store (relay.db)")
	cp.Flags().StringVar(&to, "to", "", "the PostgreSQL DSN (default $EDGED_STORE)")
	_ = cp.MarkFlagRequired("from")
	cmd.AddCommand(cp)
	return cmd
}

func copyStore(ctx context.Context, out io.Writer, from, to string) error {
	if !pgstore.IsDSN(to) {
		return errors.New("--to: give a PostgreSQL DSN (postgres://user@host/db) or set EDGED_STORE")
	}
	src, err := stock.OpenBolt(from)
	if err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	defer src.Close()
	snap, err := src.Load(ctx)
	if err != nil {
		return err
	}
	dst, err := pgstore.Open(ctx, to)
	if err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	defer dst.Close()
	if err := copyInto(ctx, dst, snap); err != nil {
		return err
	}
	if err := verifyCopy(ctx, out, dst, snap, pgstore.Redact(to)); err != nil {
		return err
	}
	if err := copyConnections(ctx, out, src, dst); err != nil {
		return err
	}
	return copyAudit(ctx, out, src, dst)
}

// copyAudit appends the whole audit trail to the new store, oldest first
// and a thousand rows a commit, with the times it was recorded.
func copyAudit(ctx context.Context, out io.Writer, src *stock.BoltStore, dst stock.Store) error {
	var after uint64
	n := 0
	for {
		rows, err := src.AuditAfter(ctx, after, 1000)
		if err != nil || len(rows) == 0 {
			if err == nil && n > 0 {
				fmt.Fprintf(out, "OK copied %d audit rows\n", n)
			}
			return err
		}
		muts := make([]stock.Mutation, len(rows))
		for i, r := range rows {
			muts[i] = stock.AuditCopy(r)
		}
		if _, err := dst.Update(ctx, 0, func([]stock.Change) ([]stock.Mutation, error) { return muts, nil }); err != nil {
			return fmt.Errorf("--to: audit rows after %d: %w", after, err)
		}
		after, n = rows[len(rows)-1].ID, n+len(rows)
	}
}

// copyConnections moves the stored channel connections as they are:
// sealed with the relay's secrets key and their channel, so the same key
// opens them on PostgreSQL.
func copyConnections(ctx context.Context, out io.Writer, src, dst connect.Store) error {
	recs, err := src.Connections(ctx)
	if err != nil {
		return fmt.Errorf("--from: connections: %w", err)
	}
	for _, r := range recs {
		if _, err := dst.SaveConnection(ctx, r.Channel, r.Sealed, 0); err != nil {
			return fmt.Errorf("--to: connection %s: %w (is it connected there already?)", r.Channel, err)
		}
	}
	if len(recs) > 0 {
		fmt.Fprintf(out, "OK copied %d channel connections (still sealed with the same secrets key)\n", len(recs))
	}
	return nil
}

// copyInto writes every record in one commit, into a store with none.
func copyInto(ctx context.Context, dst stock.Store, snap stock.Snapshot) error {
	have, err := dst.Load(ctx)
	if err != nil {
		return err
	}
	if n := count(have); n > 0 || have.Version > 0 {
		return fmt.Errorf("--to already holds a relay's stock (%d records, version %d); copy only into an empty database", n, have.Version)
	}
	_, err = dst.Update(ctx, 0, func(changes []stock.Change) ([]stock.Mutation, error) {
		if len(changes) > 0 {
			return nil, errors.New("--to: another relay wrote to the store during the copy; stop it and copy again")
		}
		var muts []stock.Mutation
		for _, t := range stock.Tables() {
			for _, k := range slices.Sorted(maps.Keys(snap.Records[t])) {
				muts = append(muts, stock.Mutation{Table: t, Key: k, Value: snap.Records[t][k], Guard: true})
			}
		}
		return muts, nil
	})
	return err
}

// verifyCopy reads the copy back and compares every record's value.
func verifyCopy(ctx context.Context, out io.Writer, dst stock.Store, snap stock.Snapshot, name string) error {
	got, err := dst.Load(ctx)
	if err != nil {
		return err
	}
	for _, t := range stock.Tables() {
		want := snap.Records[t]
		if len(got.Records[t]) != len(want) {
			return fmt.Errorf("copy check: %s has %d records in the copy, %d in the source", t, len(got.Records[t]), len(want))
		}
		for k, v := range want {
			if !sameJSON(v, got.Records[t][k]) {
				return fmt.Errorf("copy check: %s/%q differs: %s in the source, %s in the copy", t, k, v, got.Records[t][k])
			}
		}
		if len(want) > 0 {
			fmt.Fprintf(out, "%-13s %d records\n", t, len(want))
		}
	}
	fmt.Fprintf(out, "OK copied %d records into %s, every one checked\n", count(snap), name)
	return nil
}

func sameJSON(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}

func count(s stock.Snapshot) int {
	n := 0
	for _, m := range s.Records {
		n += len(m)
	}
	return n
}

// buildVersion is stamped by the Makefile and the packages
// (-ldflags "-X main.buildVersion=...").
var buildVersion string

func version() string { return buildinfo.Version(buildVersion) }
