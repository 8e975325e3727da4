package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"sort"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/llrp"
)

func newLLRPInventoryCmd() *cobra.Command {
	var duration time.Duration
	var configFile string
	var quiet bool
	cmd := &cobra.Command{
		Use:   "inventory HOST[:PORT]",
		Short: "Read tags for a while, showing live reads and a per-EPC summary",
		Long: `Configure the reader (from --config, a YAML file with the reader keys
of edged.yaml such as antennas, transmit_power_dbm, session), read for
--duration, print each read as it comes, then one line per EPC with its
antenna, peak RSSI and read count. The reader is left idle afterwards.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadLLRPConfig(configFile)
			if err != nil {
				return err
			}
			return runInventory(cmd.Context(), cmd.OutOrStdout(), readerAddr(args[0]), cfg, duration, quiet)
		},
	}
	cmd.Flags().DurationVar(&duration, "duration", 10*time.Second, "how long to read")
	cmd.Flags().StringVar(&configFile, "config", "", "YAML file with the reader configuration (default: reader defaults, all antennas)")
	cmd.Flags().BoolVar(&quiet, "quiet", false, "print only the summary")
	return cmd
}

// loadLLRPConfig decodes a reader configuration file strictly: an
// unknown key is an error, so typos do not silently fall back.
func loadLLRPConfig(path string) (llrp.Config, error) {
	var cfg llrp.Config
	if path == "" {
		return cfg, nil
	}
	v := viper.New()
	v.SetConfigFile(path)
	if err := v.ReadInConfig(); err != nil {
		return cfg, fmt.Errorf("llrp config %s: %w", path, err)
	}
	if err := v.UnmarshalExact(&cfg); err != nil {
		return cfg, fmt.Errorf("llrp config %s: %w", path, err)
	}
	if err := cfg.Validate(llrp.Capabilities{}); err != nil {
		return cfg, fmt.Errorf("llrp config %s: %w", path, err)
	}
	return cfg, nil
}

type tagSummary struct {
	antennas map[uint16]int
	peak     int16
	count    int
}

// inventory collects reads per EPC and echoes them unless quiet.
type inventory struct {
	mu    sync.Mutex
	w     io.Writer
	quiet bool
	tags  map[string]*tagSummary
}

func (inv *inventory) add(r device.TagRead) {
	epc := hex.EncodeToString(r.EPC)
	inv.mu.Lock()
	defer inv.mu.Unlock()
	s := inv.tags[epc]
	if s == nil {
		s = &tagSummary{antennas: map[uint16]int{}, peak: r.RSSI}
		inv.tags[epc] = s
	}
	s.antennas[r.Antenna]++
	s.peak, s.count = max(s.peak, r.RSSI), s.count+int(r.Count)
	if !inv.quiet {
		fmt.Fprintf(inv.w, "%s  %s  ant %d  %6.2f dBm  x%d\n", r.Seen.Format("15:04:05.000"), epc, r.Antenna, float64(r.RSSI)/100, r.Count)
	}
}

func runInventory(ctx context.Context, w io.Writer, addr string, cfg llrp.Config, d time.Duration, quiet bool) error {
	inv := &inventory{w: w, quiet: quiet, tags: map[string]*tagSummary{}}
	c, err := llrp.New(llrp.Options{Name: addr, Config: cfg, OnRead: inv.add, Dial: func(ctx context.Context) (net.Conn, error) {
		return (&net.Dialer{Timeout: 10 * time.Second}).DialContext(ctx, "tcp", addr)
	}})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	if err := c.Run(ctx); err != nil {
		return err
	}
	st := c.Stats()
	printSummary(w, inv.tags, st)
	if st.Reads == 0 && st.Err != nil {
		return fmt.Errorf("llrp inventory %s: no reads: %w", addr, st.Err)
	}
	return nil
}

func printSummary(w io.Writer, tags map[string]*tagSummary, st llrp.Stats) {
	epcs := make([]string, 0, len(tags))
	for epc := range tags {
		epcs = append(epcs, epc)
	}
	sort.Slice(epcs, func(i, j int) bool { return tags[epcs[i]].count > tags[epcs[j]].count })
	fmt.Fprintf(w, "\n%d tags, %d reads, %d dropped, %d reconnects\n", len(tags), st.Reads, st.Drops, st.Reconnects)
	if st.LastError != "" {
		fmt.Fprintf(w, "last error: %s\n", st.LastError)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EPC\tantenna\tpeak RSSI dBm\tcount")
	for _, epc := range epcs {
		s := tags[epc]
		fmt.Fprintf(tw, "%s\t%d\t%.2f\t%d\n", epc, mainAntenna(s.antennas), float64(s.peak)/100, s.count)
	}
	tw.Flush()
}

// mainAntenna is the antenna that saw the tag most often.
func mainAntenna(seen map[uint16]int) uint16 {
	var best uint16
	for a, n := range seen {
		if n > seen[best] || (n == seen[best] && a < best) {
			best = a
		}
	}
	return best
}
