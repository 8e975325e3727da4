package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/edged/edged/relay/audit"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
)

// auditFlags are `relay audit`'s options.
type auditFlags struct {
	config, since, until string
	q                    audit.Query
	json                 bool
}

func newAuditCmd() *cobra.Command {
	var f auditFlags
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Show the central audit trail, newest first: ledger events, orders, locks and pushes",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(f.config)
			if err != nil {
				return fmt.Errorf("configuration: %w", err)
			}
			if err := f.times(time.Now()); err != nil {
				return err
			}
			return showAudit(cmd.Context(), cmd.OutOrStdout(), cfg.Store, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.config, "config", defaultConfig, "configuration file")
	fl.StringVar(&f.q.SKU, "sku", "", "only this SKU")
	fl.StringVar(&f.q.Site, "site", "", "only this site")
	fl.StringVar(&f.q.Channel, "channel", "", "only this channel (shopify, lazada, shopee, tiktok)")
	fl.StringVar(&f.q.Order, "order", "", "only this order id")
	fl.StringVar(&f.since, "since", "", "only rows recorded since: a duration back from now (24h) or an RFC 3339 time")
	fl.StringVar(&f.until, "until", "", "only rows recorded before: a duration back from now or an RFC 3339 time")
	fl.IntVar(&f.q.Limit, "limit", audit.DefaultLimit, fmt.Sprintf("at most this many rows (up to %d)", audit.MaxLimit))
	fl.BoolVar(&f.json, "json", false, "one JSON row per line instead of a table")
	return cmd
}

// times parses --since and --until into the query.
func (f *auditFlags) times(now time.Time) error {
	var err error
	if f.q.From, err = parseWhen(f.since, now); err != nil {
		return fmt.Errorf("--since: %w", err)
	}
	if f.q.To, err = parseWhen(f.until, now); err != nil {
		return fmt.Errorf("--until: %w", err)
	}
	return nil
}

func parseWhen(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := time.ParseDuration(s); err == nil {
		return now.Add(-d), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither a duration (24h, 90m) nor an RFC 3339 time (2026-12-01T09:00:00Z)", s)
	}
	return t, nil
}

// auditReader is a store that keeps the trail.
type auditReader interface {
	audit.Reader
	Close() error
}

func openAudit(ctx context.Context, store string) (auditReader, error) {
	if pgstore.IsDSN(store) {
		return pgstore.Open(ctx, store)
	}
	if _, err := os.Stat(store); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("store %s does not exist: no relay has run with this configuration", store)
	}
	s, err := stock.OpenBolt(store)
	if err != nil {
		return nil, fmt.Errorf("%w; a bbolt store is one process's: stop `relay run` first, or move to a PostgreSQL store", err)
	}
	return s, nil
}

func showAudit(ctx context.Context, out io.Writer, store string, f auditFlags) error {
	s, err := openAudit(ctx, store)
	if err != nil {
		return err
	}
	defer s.Close()
	rows, err := s.Audit(ctx, f.q)
	if err != nil {
		return err
	}
	if f.json {
		enc := json.NewEncoder(out)
		for _, r := range rows {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	return auditTable(out, rows)
}
