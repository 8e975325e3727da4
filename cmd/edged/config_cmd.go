package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/edged/edged/gateway"
	"github.com/edged/edged/ledger"
)

func newConfigCmd(v *viper.Viper) *cobra.Command {
	cmd := &cobra.Command{Use: "config", Short: "Check the configuration"}
	check := &cobra.Command{
		Use:   "check",
		Short: "Check the configuration file and its drop-ins; exit 1 listing every problem with its line",
		Long: `Check the configuration file, its conf.d drop-ins and the EDGED_* environment
as edged run would read them, and list every problem at once, each as
file:line: key: problem; expected form. Exit 1 when there is any.

Checked: YAML syntax (with the line's text), unknown keys, values of the wrong
type, ports (1-65535) in http.listen, readers[].address and mqtt.broker, zone
antenna ports against the reader's profile and llrp.antennas, and every rule
of the sections (see docs/configuration.md).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path := v.GetString("config")
			cfg, err := loadConfig(path)
			if err == nil {
				_, err = gateway.CheckConfig(cfg)
			}
			if err != nil {
				fmt.Fprintf(cmd.OutOrStdout(), "FAIL %s: %s\n%v\n", path, countProblems(err), err)
				return &exitError{1, err}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "OK %s: site %s, gateway %s, %d readers, %d zones, %d catalog items\n",
				path, cfg.Site, cfg.Gateway, len(cfg.Readers), len(cfg.RFID.Zones), len(cfg.Catalog.Items))
			return nil
		},
	}
	cmd.AddCommand(check)
	return cmd
}

// countProblems says how many problems a joined error lists.
func countProblems(err error) string {
	n := 1
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		n = len(j.Unwrap())
	}
	if n == 1 {
		return "1 problem"
	}
	return fmt.Sprintf("%d problems", n)
}

func newStatusCmd(v *viper.Viper) *cobra.Command {
	var addr string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the running daemon's health (readers, queue, ledger backlog); exit 1 when degraded",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			h, err := fetchStatus(addr)
			if err != nil {
				return err
			}
			if asJSON {
				if err := orJSON(cmd.OutOrStdout(), h, nil); err != nil {
					return err
				}
			} else {
				printStatus(cmd, h)
			}
			if len(h.Degraded) > 0 {
				return &exitError{1, fmt.Errorf("degraded: %s", strings.Join(h.Degraded, "; "))}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:9337", "the daemon's http.listen address")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func fetchStatus(addr string) (gateway.Health, error) {
	var h gateway.Health
	c := http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get("http://" + addr + "/status")
	if err != nil {
		return h, fmt.Errorf("edged is not answering on %s (is it running? is http.listen set?): %w", addr, err)
	}
	defer resp.Body.Close()
	return h, json.NewDecoder(resp.Body).Decode(&h)
}

// pending says how much waits for the relay and since when.
func pending(l ledger.Status) string {
	if l.Pending == 0 {
		return "nothing pending"
	}
	if l.Oldest.IsZero() {
		return fmt.Sprintf("%d pending", l.Pending)
	}
	return fmt.Sprintf("%d pending (oldest %s)", l.Pending, l.Oldest.Format("2006-01-02T15:04:05Z07:00"))
}

func printStatus(cmd *cobra.Command, h gateway.Health) {
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "edged %s, site %s, gateway %s, up %s\n", h.Version, h.Site, h.Gateway, time.Duration(h.Uptime*float64(time.Second)).Round(time.Second))
	fmt.Fprintf(w, "ledger: head %d, acked %d, %s, %d bytes\n", h.Ledger.Head, h.Ledger.Acked, pending(h.Ledger), h.Ledger.Bytes)
	fmt.Fprintf(w, "movement queue: %d/%d, ledger errors %d; tags present %d\n", h.Queue.Depth, h.Queue.Capacity, h.Queue.LedgerErrors, h.Inventory.Tracked)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "READER\tSTATE\tREADS\tREADS/S\tDROPS\tRECONNECTS\tLAST ERROR")
	for _, r := range h.Readers {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.0f\t%d\t%d\t%s\n", r.Name, r.State, r.Reads, r.ReadsPerSecond, r.Drops, r.Reconnects, r.LastError)
	}
	tw.Flush()
	for _, d := range h.Degraded {
		fmt.Fprintln(w, "DEGRADED:", d)
	}
}
