package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/edged/edged/device/barcode"
)

// InvalidDataError is returned by `edged barcode parse` when the data is
// not valid. The JSON report, errors included, is already on stdout, so
// main should not print it again but exit with ExitCode():
//
//	var ec interface{ ExitCode() int }
//	if errors.As(err, &ec) { os.Exit(ec.ExitCode()) }
type InvalidDataError struct {
	Problems int // number of errors in the report
}

func (e *InvalidDataError) Error() string {
	return fmt.Sprintf("barcode: invalid data (%d problem(s), see the report)", e.Problems)
}

// ExitCode is 1: the input was read but is not a valid barcode.
func (e *InvalidDataError) ExitCode() int { return 1 }

// newBarcodeCmd is `edged barcode`, tools for scanner data.
func newBarcodeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "barcode",
		Short: "Decode what barcode scanners send",
	}
	cmd.AddCommand(newBarcodeParseCmd(time.Now))
	return cmd
}

func newBarcodeParseCmd(now func() time.Time) *cobra.Command {
	var raw, isHex bool
	cmd := &cobra.Command{
		Use:   "parse [DATA]",
		Short: "Decode one scan and print it as JSON",
		Long: `Decode one scan (AIM identifier, GS1 element strings, bracketed form,
Digital Link URI or EAN/UPC) and print symbology, AIM id, elements, GTIN
and errors as JSON. Exits with status 1 when the data is invalid.

DATA is the scan without its terminator. Without DATA, stdin is read and
one trailing newline is removed. Unless --raw is given, the escapes \xHH,
\r, \n and \\ are interpreted, and <GS> or ␝ stand for the GS separator
(FNC1), which a shell cannot type:

  edged barcode parse ']C10109506000134352<GS>10ABC'
  edged barcode parse '(01)09506000134352(17)201225(10)ABC'
  printf ']C1010950600013435217251232' | edged barcode parse --raw`,
		Args:         cobra.MaximumNArgs(1),
		SilenceUsage: true, // invalid data is not a usage mistake
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := barcodeInput(cmd.InOrStdin(), args, raw, isHex)
			if err != nil {
				return err
			}
			return printBarcodeReport(cmd.OutOrStdout(), data, now())
		},
	}
	cmd.Flags().BoolVar(&raw, "raw", false, "take the bytes as they are, without escapes")
	cmd.Flags().BoolVar(&isHex, "hex", false, "DATA (or stdin) is hexadecimal, e.g. 5d43313031...")
	return cmd
}

// printBarcodeReport writes the JSON report; ref resolves two-digit years.
func printBarcodeReport(w io.Writer, data []byte, ref time.Time) error {
	var d barcode.Decoder
	r, derr := d.Decode(data)
	rep := barcode.NewReport(r, derr, ref)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("barcode: write report: %w", err)
	}
	if !rep.Valid {
		return &InvalidDataError{Problems: len(rep.Errors)}
	}
	return nil
}

// barcodeInput gets the scan from the argument or stdin.
func barcodeInput(stdin io.Reader, args []string, raw, isHex bool) ([]byte, error) {
	var data []byte
	if len(args) == 1 {
		data = []byte(args[0])
	} else {
		b, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("barcode: read stdin: %w", err)
		}
		data = bytes.TrimSuffix(bytes.TrimSuffix(b, []byte("\n")), []byte("\r"))
	}
	switch {
	case isHex:
		out, err := hex.DecodeString(string(bytes.Join(bytes.Fields(data), nil)))
		if err != nil {
			return nil, fmt.Errorf("barcode: --hex input: %w; give pairs of hex digits", err)
		}
		return out, nil
	case raw:
		return data, nil
	}
	return unescapeScan(data)
}

// unescapeScan interprets \xHH, \r, \n, \\, <GS> and ␝.
func unescapeScan(s []byte) ([]byte, error) {
	s = bytes.ReplaceAll(s, []byte("<GS>"), []byte{barcode.GS})
	s = bytes.ReplaceAll(s, []byte("␝"), []byte{barcode.GS})
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			out = append(out, s[i])
			continue
		}
		c, n, err := escape(s[i+1:])
		if err != nil {
			return nil, fmt.Errorf("barcode: escape at byte %d: %w", i, err)
		}
		out, i = append(out, c), i+n
	}
	return out, nil
}

// escape decodes the escape after a backslash, returning its byte and
// how many bytes it used.
func escape(s []byte) (byte, int, error) {
	switch s[0] {
	case 'r':
		return '\r', 1, nil
	case 'n':
		return '\n', 1, nil
	case 'x':
		if len(s) < 3 {
			return 0, 0, errors.New(`\x needs two hex digits (use --raw for a literal backslash)`)
		}
		v, err := strconv.ParseUint(string(s[1:3]), 16, 8)
		if err != nil {
			return 0, 0, errors.New(`\x needs two hex digits (use --raw for a literal backslash)`)
		}
		return byte(v), 3, nil
	}
	return s[0], 1, nil
}
