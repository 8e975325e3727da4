package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

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

// maxPostLine is the longest line taken, without its terminator.
const maxPostLine = 64 << 10

func newPostCmd(v *viper.Viper) *cobra.Command {
	return &cobra.Command{
		Use:   "post",
		Short: "Record JSON events from stdin, one per line, answering each once it is durable",
		Long: `Reads one JSON event per line on stdin (at most 65,536 bytes, UTF-8). For
each line, empty ones included, after its event is durable, writes one JSON
line to stdout:
  {"line":N,"id":...,"seq":...,"status":"ok"|"duplicate"|"rejected","error":...}
A malformed, empty or refused line is rejected with its line number (and its
id when it can be read) and the rest continue.
Exit status: 0 when every line was recorded (or was a duplicate), 2 when some
were rejected (the others are recorded; the count is on stderr), 1 if the
ledger itself failed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return withWritable(cmd, v, func(l *ledger.Ledger) error { return postLines(cmd, l) })
		},
	}
}

func postLines(cmd *cobra.Command, l *ledger.Ledger) error {
	in := bufio.NewReaderSize(cmd.InOrStdin(), maxPostLine+2) // room for "\r\n"
	enc := json.NewEncoder(cmd.OutOrStdout())
	var failed error
	lines, rejected := 0, 0
	for n := 1; ; n++ {
		line, err := readLine(in)
		if err == io.EOF && len(line) == 0 {
			break // the input ended with its last line's newline
		}
		r := postOne(cmd, l, n, line, err)
		lines++
		switch r.Status {
		case "failed":
			r.Status, failed = "rejected", errors.New("the ledger failed on some lines; see their errors")
		case "rejected":
			rejected++
		}
		if werr := enc.Encode(r); werr != nil {
			return werr
		}
		if err == io.EOF {
			break
		}
		if err != nil && err != errLineTooLong {
			return fmt.Errorf("reading stdin: %w", err)
		}
	}
	if failed == nil && rejected > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "edged: %d of %d lines rejected (see their answers); the others are recorded\n", rejected, lines)
		return &exitError{2, fmt.Errorf("%d lines rejected", rejected)}
	}
	return failed
}

func postOne(cmd *cobra.Command, l *ledger.Ledger, n int, line []byte, readErr error) postResult {
	switch {
	case readErr == errLineTooLong:
		return postResult{Line: n, Status: "rejected", Error: fmt.Sprintf("line longer than %d bytes; one event is far shorter", maxPostLine)}
	case len(bytes.TrimSpace(line)) == 0:
		return postResult{Line: n, Status: "rejected", Error: "empty line; send one JSON event per line"}
	}
	e, err := ledger.DecodeEvent(line)
	if err != nil {
		return postResult{Line: n, ID: readableID(line), Status: "rejected", Error: err.Error()}
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

// readableID is the id of a line that did not decode as an event, when
// the line is a JSON object with a valid UTF-8 string id, so that the
// answer can be matched to what was sent.
func readableID(line []byte) string {
	var probe struct {
		ID string `json:"id"`
	}
	if !utf8.Valid(line) || json.Unmarshal(line, &probe) != nil {
		return ""
	}
	return probe.ID
}

var errLineTooLong = errors.New("line too long")

// readLine returns one line without its terminator; a line longer than
// maxPostLine is consumed to its end and reported as errLineTooLong.
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
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) > maxPostLine {
		return nil, errLineTooLong
	}
	return line, err
}
