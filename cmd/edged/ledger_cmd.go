package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/edged/edged/ledger"
)

const defaultLedgerPath = "/var/lib/edged/ledger.db"

// newLedgerCmd is `edged ledger`, the operator's tools on the ledger file.
func newLedgerCmd(v *viper.Viper) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ledger",
		Short: "Post, query, count, verify and compact the stock ledger",
	}
	cmd.PersistentFlags().String("db", defaultLedgerPath, "ledger file (env EDGED_LEDGER_DB)")
	_ = v.BindPFlag("ledger.db", cmd.PersistentFlags().Lookup("db"))
	cmd.AddCommand(newPostCmd(v), newBalanceCmd(v), newLogCmd(v), newVerifyCmd(v),
		newValuationCmd(v), newImportBaselineCmd(v), newCountCmd(v), newCompactCmd(v))
	return cmd
}

// openLedger opens the file named by --db; queries open it read-only so
// that they can run beside each other.
func openLedger(cmd *cobra.Command, v *viper.Viper, readOnly bool) (*ledger.Ledger, error) {
	log, err := newLogger(cmd, v)
	if err != nil {
		return nil, err
	}
	return ledger.Open(v.GetString("ledger.db"), &ledger.Options{
		ReadOnly: readOnly, ClockSynced: clockSynced, Logger: log})
}

// postResult is one line of `edged ledger post` output.
type postResult struct {
	Line   int    `json:"line"`
	ID     string `json:"id,omitempty"`
	Seq    uint64 `json:"seq,omitempty"`
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

const maxPostLine = 64 << 10

func newPostCmd(v *viper.Viper) *cobra.Command {
	return &cobra.Command{
		Use:   "post",
		Short: "Record JSON events from stdin, one per line, answering each once it is durable",
		Long: `Reads one JSON event per line on stdin. For each, after it is durable,
writes one JSON line to stdout:
  {"line":N,"id":...,"seq":...,"status":"ok"|"duplicate"|"rejected","error":...}
A malformed or refused line is rejected with its line number and the rest
continue. Exits 0 when input ends, or 1 if the ledger itself failed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withWritable(cmd, v, func(l *ledger.Ledger) error { return postLines(cmd, l) })
		},
	}
}

func postLines(cmd *cobra.Command, l *ledger.Ledger) error {
	in := bufio.NewReaderSize(cmd.InOrStdin(), maxPostLine)
	enc := json.NewEncoder(cmd.OutOrStdout())
	var failed error
	for n := 1; ; n++ {
		line, err := readLine(in)
		if len(bytes.TrimSpace(line)) > 0 || err == errLineTooLong {
			r := postOne(cmd, l, n, line, err)
			if r.Status == "failed" {
				r.Status, failed = "rejected", errors.New("the ledger failed on some lines; see their errors")
			}
			if werr := enc.Encode(r); werr != nil {
				return werr
			}
		}
		if err == io.EOF {
			return failed
		}
		if err != nil && err != errLineTooLong {
			return fmt.Errorf("reading stdin: %w", err)
		}
	}
}

func postOne(cmd *cobra.Command, l *ledger.Ledger, n int, line []byte, readErr error) postResult {
	if readErr == errLineTooLong {
		return postResult{Line: n, Status: "rejected", Error: fmt.Sprintf("line longer than %d bytes", maxPostLine)}
	}
	e, err := ledger.DecodeEvent(line)
	if err != nil {
		return postResult{Line: n, Status: "rejected", Error: err.Error()}
	}
	res, err := l.Append(cmd.Context(), e)
	r := postResult{Line: n, ID: e.ID, Seq: res.Seq, Status: "ok"}
	switch {
	case err != nil && ledger.IsRejection(err):
		r.Status, r.Error = "rejected", err.Error()
	case err != nil:
		r.Status, r.Error = "failed", err.Error()
	case res.Duplicate:
		r.Status = "duplicate"
	}
	return r
}

var errLineTooLong = errors.New("line too long")

// readLine returns one line without its terminator; an over-long line is
// consumed to its end and reported as errLineTooLong.
func readLine(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		for err == bufio.ErrBufferFull {
			_, err = r.ReadSlice('\n')
		}
		if err == nil || err == io.EOF {
			return nil, errLineTooLong
		}
	}
	return bytes.TrimRight(line, "\r\n"), err
}
