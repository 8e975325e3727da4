package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/edged/edged/workflow"
	"github.com/edged/edged/workflow/sheet"
)

// newPrintCommandsCmd builds `edged print-commands`: the laminated sheet
// of command, quantity and location barcodes a station's workers scan.
func newPrintCommandsCmd() *cobra.Command {
	var (
		out, sym, title string
		cfg             workflow.Config
		opts            workflow.SheetOptions
	)
	cmd := &cobra.Command{
		Use:   "print-commands --out FILE.pdf",
		Short: "Write the printable sheet of command barcodes (Code 128 or QR) as a PDF",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			labels, err := workflow.Sheet(cfg, opts)
			if err != nil {
				return err
			}
			if err := writePDF(out, labels, sheet.Options{Symbology: sheet.Symbology(sym), Title: title}); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %d barcodes to %s\n", len(labels), out)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "", "PDF file to write (required)")
	f.StringVar(&sym, "symbology", "code128", "barcode type: code128 or qr")
	f.StringVar(&title, "title", "edged scanner commands", "heading printed on every page (e.g. the station name)")
	f.StringSliceVar(&opts.Locations, "location", nil, "location labels to add (repeatable, or comma-separated)")
	f.Int64SliceVar(&opts.Quantities, "quantity", workflow.DefaultQuantities(), "quantity barcodes to print")
	f.StringVar(&cfg.CommandPrefix, "command-prefix", "", "command prefix, as workflow.command_prefix (default CMD:)")
	f.StringVar(&cfg.LocationPrefix, "location-prefix", "", "location prefix, as workflow.location_prefix (default LOC:)")
	f.StringVar(&cfg.QuantityPrefix, "quantity-prefix", "", "quantity prefix, as workflow.quantity_prefix (default QTY:)")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}

// writePDF renders to a temporary file next to path and renames it into
// place, so a failed run never leaves half a PDF.
func writePDF(path string, labels []workflow.Label, opts sheet.Options) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".print-commands-*.pdf")
	if err != nil {
		return fmt.Errorf("print-commands: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := sheet.Write(tmp, labels, opts); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("print-commands: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("print-commands: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("print-commands: %w", err)
	}
	return nil
}
