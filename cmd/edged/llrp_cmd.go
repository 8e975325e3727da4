package main

import (
	"fmt"
	"io"
	"net"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/edged/edged/device/llrp"
)

// newLLRPCmd is `edged llrp`, tools for IT to check RFID readers.
func newLLRPCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "llrp",
		Short: "Check LLRP RFID readers (probe, live inventory)",
	}
	cmd.AddCommand(newLLRPProbeCmd(), newLLRPInventoryCmd())
	return cmd
}

func newLLRPProbeCmd() *cobra.Command {
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "probe HOST[:PORT]",
		Short: "Print a reader's model, LLRP version, antennas, power and RF mode tables",
		Long: `Connect to the reader (port 5084 unless given), negotiate the LLRP
version, read its capabilities, print them and disconnect politely.
Use the power and RF mode tables to write transmit_power_dbm and rf_mode.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			addr := readerAddr(args[0])
			conn, err := (&net.Dialer{Timeout: timeout}).DialContext(cmd.Context(), "tcp", addr)
			if err != nil {
				return fmt.Errorf("llrp probe: connect %s: %w (is the reader on and port 5084 open?)", addr, err)
			}
			res, err := llrp.Probe(cmd.Context(), conn, timeout)
			if err != nil {
				return fmt.Errorf("llrp probe %s: %w", addr, err)
			}
			printCapabilities(cmd.OutOrStdout(), addr, res.Capabilities)
			printReaderConfig(cmd.OutOrStdout(), res.Config)
			return nil
		},
	}
	cmd.Flags().DurationVar(&timeout, "timeout", 10*time.Second, "connect and per-request timeout")
	return cmd
}

// readerAddr adds the LLRP port when the argument has none.
func readerAddr(arg string) string {
	if _, _, err := net.SplitHostPort(arg); err == nil {
		return arg
	}
	return net.JoinHostPort(strings.Trim(arg, "[]"), "5084")
}

func printCapabilities(w io.Writer, addr string, c llrp.Capabilities) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "reader\t%s\n", addr)
	fmt.Fprintf(tw, "vendor\t%d%s\tmodel %d\tfirmware %s\n", c.Manufacturer, vendorName(c.Manufacturer), c.Model, c.Firmware)
	fmt.Fprintf(tw, "LLRP\t%s\n", versionName(c.Version))
	fmt.Fprintf(tw, "antennas\t%d\tGPI %d, GPO %d\tUTC clock %v\n", c.Antennas, c.GPIs, c.GPOs, c.UTCClock)
	fmt.Fprintf(tw, "limits\tROSpecs %d\tAccessSpecs %d\tselect filters %d\treport holding %v\n",
		c.MaxROSpecs, c.MaxAccessSpecs, c.MaxSelectFilters, c.EventReportHolding)
	fmt.Fprintf(tw, "region\tcountry %d\tstandard %d\thopping %v\t%s\n", c.CountryCode, c.CommStandard, c.Hopping, channels(c))
	tw.Flush()
	fmt.Fprintf(w, "\ntransmit power table (%d entries, index: dBm)\n", len(c.Power))
	for i, p := range c.Power {
		sep := "  "
		if i%8 == 7 || i == len(c.Power)-1 {
			sep = "\n"
		}
		fmt.Fprintf(w, "%4d: %6.2f%s", p.Index, float64(p.CentiDBm)/100, sep)
	}
	fmt.Fprintf(w, "\nRF mode table (%d entries)\n", len(c.Modes))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "mode id\tBDR bps\tM\tTari ns\tPIE\tDR\tmask")
	for _, m := range c.Modes {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d-%d\t%d\t%s\t%d\n", m.ID, m.BDR, m.M, m.MinTari, m.MaxTari, m.PIE, drName(m.DR64), m.Mask)
	}
	tw.Flush()
}

func printReaderConfig(w io.Writer, rc llrp.ReaderConfig) {
	fmt.Fprintf(w, "\nreader id %x\nantenna ports\n", rc.ReaderID)
	for _, a := range rc.Antennas {
		state := "connected"
		if !a.Connected {
			state = "NOT CONNECTED"
		}
		fmt.Fprintf(w, "  %d: %s, gain %.2f dBi\n", a.ID, state, float64(a.GainCenti)/100)
	}
}

func channels(c llrp.Capabilities) string {
	for _, t := range c.HopTables {
		if n := len(t.Frequencies); n > 0 {
			return fmt.Sprintf("hop table %d: %d channels %.3f-%.3f MHz", t.ID, n,
				float64(t.Frequencies[0])/1000, float64(t.Frequencies[n-1])/1000)
		}
	}
	return fmt.Sprintf("%d fixed frequencies", len(c.FixedFrequencies))
}

func vendorName(pen uint32) string {
	switch pen {
	case llrp.VendorImpinj:
		return " (Impinj)"
	case 10642, 161:
		return " (Zebra)"
	case 17996:
		return " (Alien)"
	}
	return ""
}

func versionName(v uint8) string {
	if v == llrp.Version11 {
		return "1.1"
	}
	return "1.0.1"
}

func drName(dr64 bool) string {
	if dr64 {
		return "64/3"
	}
	return "8"
}
