package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/edged/edged/relay/connect"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/stock/pgstore"
)

func newConnectionsCmd() *cobra.Command {
	var path string
	cmd := &cobra.Command{
		Use:   "connections",
		Short: "List the stored channel connections: shop, scopes, access and refresh expiry (never the tokens)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(path)
			if err != nil {
				return fmt.Errorf("configuration: %w", err)
			}
			return listConnections(cmd.Context(), cmd.OutOrStdout(), cfg, time.Now())
		},
	}
	cmd.Flags().StringVar(&path, "config", defaultConfig, "configuration file")
	return cmd
}

func listConnections(ctx context.Context, out io.Writer, cfg server.Config, now time.Time) error {
	vault, err := vaultOf(cfg)
	if err != nil {
		return err
	}
	if !pgstore.IsDSN(cfg.Store) {
		if _, err := os.Stat(cfg.Store); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("store %s does not exist: no relay has run with this configuration; run `relay connect CHANNEL` or check the store key", cfg.Store)
		}
	}
	store, err := openConnections(ctx, cfg.Store)
	if err != nil {
		return err
	}
	defer store.Close()
	recs, err := store.Connections(ctx)
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		fmt.Fprintf(out, "no connections in %s: run `relay connect CHANNEL`\n", storeName(cfg.Store))
		return nil
	}
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "CHANNEL\tSHOP\tSCOPES\tACCESS\tREFRESH\tSAVED")
	for _, r := range recs {
		t, err := vault.Open(r.Channel, r.Sealed)
		if err != nil {
			fmt.Fprintf(w, "%s\t(%v)\t\t\t\t%s\n", r.Channel, err, r.Updated.UTC().Format(time.RFC3339))
			continue
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Channel, t.Shop, scopesOf(t.Scopes, ","),
			connect.Expiry(t.AccessExpires, now), connect.Expiry(t.RefreshExpires, now), r.Updated.UTC().Format(time.RFC3339))
	}
	return w.Flush()
}
