package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/discover"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/stock"
)

func newMappingCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "mapping", Short: "Build the mapping file from the channels' listings"}
	cmd.AddCommand(newDiscoverCmd())
	return cmd
}

// discoverOpts are relay mapping discover's flags.
type discoverOpts struct {
	config, catalog, out, site string
	json, force                bool
}

func newDiscoverCmd() *cobra.Command {
	var o discoverOpts
	cmd := &cobra.Command{
		Use:   "discover --config FILE [--catalog FILE] [--out FILE] [--json]",
		Short: "Read every channel's listings and write the mapping of the catalog's SKUs to them",
		Long: "Reads every listing of every configured channel (concurrently, within each channel's rate limit),\n" +
			"matches each listing's seller SKU against the catalog and writes the mapping CSV\n" +
			"(channel,sku,site,item,variant,location,seller_sku), then reports per channel what was matched,\n" +
			"listings unknown to the catalog, catalog SKUs missing on the channel, seller SKUs on several\n" +
			"listings (not mapped) and listings without a seller SKU, and how the result differs from the\n" +
			"configured mapping file.\n\n" +
			"The catalog is --catalog, a CSV with a sku column; without it, the SKUs of the configured mapping\n" +
			"file (the SKUs the relay pushes; the store is not opened, so a running relay is no obstacle).\n" +
			"Without --out the mapping goes to stdout and the report to stderr. An existing --out is kept\n" +
			"unless --force. Drift is not an error: the exit status is 1 only when a channel or file failed.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return discoverMapping(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.config, "config", defaultConfig, "configuration file (channels, mapping)")
	f.StringVar(&o.catalog, "catalog", "", "CSV of our SKUs, with a sku column (default: the configured mapping's SKUs)")
	f.StringVar(&o.out, "out", "", "mapping file to write (default: stdout)")
	f.StringVar(&o.site, "site", "", "site column of every row (default empty: every site)")
	f.BoolVar(&o.json, "json", false, "print the report as JSON")
	f.BoolVar(&o.force, "force", false, "overwrite --out if it exists")
	return cmd
}

// discovered is what --json prints.
type discovered struct {
	Report discover.Report `json:"report"`
	// Drift is against the configured mapping file, when it could be read.
	Drift *discover.Diff `json:"drift,omitempty"`
}

func discoverMapping(ctx context.Context, stdout, stderr io.Writer, o discoverOpts) error {
	cfg, err := loadConfig(o.config)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	if o.out != "" && !o.force {
		if _, err := os.Stat(o.out); err == nil {
			return fmt.Errorf("--out %s exists; give --force to overwrite it, or another file", o.out)
		}
	}
	secrets := channelSecrets(cfg.Channels)
	log, err := logger(stderr, cfg.Log.Level, cfg.Log.Format, secrets.List)
	if err != nil {
		return err
	}
	readers, err := server.ListingReaders(cfg.Channels, nil, log)
	if err != nil {
		return fmt.Errorf("channels: %w", err)
	}
	if len(readers) == 0 {
		return errors.New("channels: none configured; give at least one channel a base_url")
	}
	useStoredTokens(ctx, stderr, cfg, readers, secrets)
	loaded, err := readMapping(cfg.Mapping) // nil when absent or broken: no drift then
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(stderr, "relay: the configured mapping is not compared (%v)\n", err)
	}
	catalog, err := readCatalog(o.catalog, cfg.Mapping, loaded)
	if err != nil {
		return err
	}
	listings, err := discover.ReadAll(ctx, readers)
	if err != nil {
		return fmt.Errorf("no mapping written: %w", err)
	}
	res := discover.Match(catalog, listings, discover.Options{Site: o.site})
	if err := writeMapping(stdout, o, res.Rows); err != nil {
		return err
	}
	d := discovered{Report: res.Report}
	if loaded != nil {
		diff := discover.Compare(discover.Rows(loaded), res.Rows, readChannels(listings))
		d.Drift = &diff
	}
	report := stdout
	if o.out == "" {
		report = stderr
	}
	return printDiscovered(report, d, cfg.Mapping, o.json)
}

// readCatalog is --catalog, else the loaded mapping's SKUs.
func readCatalog(path, mapping string, loaded *stock.Mapping) ([]string, error) {
	if path == "" {
		if loaded == nil {
			return nil, fmt.Errorf("catalog: the mapping file %q cannot be read; give --catalog FILE, a CSV with a sku column", mapping)
		}
		return loaded.SKUs(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--catalog: %w", err)
	}
	defer f.Close()
	return discover.ReadCatalog(f, path)
}

// writeMapping checks that the rows parse back, then writes them to
// stdout or, through a temporary file and a rename, to --out.
func writeMapping(stdout io.Writer, o discoverOpts, rows []relay.Target) error {
	var buf bytes.Buffer
	if err := discover.WriteCSV(&buf, rows); err != nil {
		return err
	}
	if _, err := stock.ParseMapping(bytes.NewReader(buf.Bytes()), "discovered mapping"); err != nil {
		return fmt.Errorf("no mapping written: the discovered rows do not parse back (a bug): %w", err)
	}
	if o.out == "" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(o.out), ".mapping-*.csv")
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("--out: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if !o.force {
		if _, err := os.Stat(o.out); err == nil {
			return fmt.Errorf("--out %s appeared meanwhile; give --force to overwrite it", o.out)
		}
	}
	return os.Rename(tmp.Name(), o.out)
}

func readChannels(listings map[relay.Channel][]relay.Listing) []relay.Channel {
	var out []relay.Channel
	for _, ch := range relay.Channels() {
		if _, ok := listings[ch]; ok {
			out = append(out, ch)
		}
	}
	return out
}

func printDiscovered(w io.Writer, d discovered, mapping string, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	}
	if err := d.Report.WriteText(w); err != nil {
		return err
	}
	if d.Drift == nil {
		return nil
	}
	if d.Drift.Empty() {
		_, err := fmt.Fprintf(w, "\nno drift: %s maps the same listings\n", mapping)
		return err
	}
	_, err := fmt.Fprintf(w, "\ndrift against %s: %d rows added, %d removed, %d changed\n", mapping,
		len(d.Drift.Added), len(d.Drift.Removed), len(d.Drift.Changed))
	return err
}

// useStoredTokens gives the clients the tokens of their stored
// connections (relay connect), as the relay does at start. Without a
// secrets key there are none; a store that cannot be opened (a running
// relay holds its bbolt file) leaves the configured tokens, with a note.
func useStoredTokens(ctx context.Context, stderr io.Writer, cfg server.Config, readers map[relay.Channel]relay.ListingReader, secrets *relay.Secrets) {
	if !cfg.Secrets.Configured() {
		return
	}
	if err := loadStoredTokens(ctx, cfg, readers, secrets); err != nil {
		fmt.Fprintf(stderr, "relay: stored connections not used (%v); channels use their configured tokens\n", err)
	}
}

func loadStoredTokens(ctx context.Context, cfg server.Config, readers map[relay.Channel]relay.ListingReader, secrets *relay.Secrets) error {
	vault, err := vaultOf(cfg)
	if err != nil {
		return err
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
	for _, r := range recs {
		user, ok := readers[r.Channel].(relay.TokenUser)
		if !ok {
			continue
		}
		t, err := vault.Open(r.Channel, r.Sealed)
		if err != nil {
			return fmt.Errorf("%s: %w", r.Channel, err)
		}
		secrets.AddToken(t)
		user.SetToken(t)
	}
	return nil
}
