package logfmt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
)

// Options are what the handler is built from.
type Options struct {
	// Format is one of Formats; "" chooses journal when Journal is set,
	// else text.
	Format string
	// Level is the lowest level written.
	Level slog.Level
	// Journal says stderr is the journal (JOURNAL_STREAM is set, read by
	// the caller from the environment).
	Journal bool
}

// New returns a handler writing to w.
func New(w io.Writer, o Options) (slog.Handler, error) {
	ho := &slog.HandlerOptions{Level: o.Level}
	format := o.Format
	if format == "" {
		format = "text"
		if o.Journal {
			format = "journal"
		}
	}
	switch format {
	case "text":
		return slog.NewTextHandler(w, ho), nil
	case "json":
		return slog.NewJSONHandler(w, ho), nil
	case "journal":
		return newJournal(w, o.Level), nil
	}
	return nil, fmt.Errorf("log.format: %q is not a format; give text, json or journal (default: journal under systemd, else text)", o.Format)
}

// journal is slog's text handler without the time, each line prefixed
// with its priority.
type journal struct {
	next slog.Handler
	out  *prefixed
}

// prefixed writes each record, which slog's text handler writes in one
// Write, after the priority of the record being handled.
type prefixed struct {
	mu     sync.Mutex
	w      io.Writer
	prefix string
}

func (p *prefixed) Write(b []byte) (int, error) {
	if _, err := io.WriteString(p.w, p.prefix); err != nil {
		return 0, err
	}
	return p.w.Write(b)
}

func newJournal(w io.Writer, level slog.Level) *journal {
	out := &prefixed{w: w}
	dropTime := func(groups []string, a slog.Attr) slog.Attr {
		if len(groups) == 0 && a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}
	return &journal{next: slog.NewTextHandler(out, &slog.HandlerOptions{Level: level, ReplaceAttr: dropTime}), out: out}
}

func (j *journal) Enabled(ctx context.Context, l slog.Level) bool { return j.next.Enabled(ctx, l) }

func (j *journal) Handle(ctx context.Context, r slog.Record) error {
	j.out.mu.Lock()
	defer j.out.mu.Unlock()
	j.out.prefix = priority(r.Level)
	return j.next.Handle(ctx, r)
}

func (j *journal) WithAttrs(as []slog.Attr) slog.Handler {
	return &journal{next: j.next.WithAttrs(as), out: j.out}
}

func (j *journal) WithGroup(name string) slog.Handler {
	return &journal{next: j.next.WithGroup(name), out: j.out}
}

// priority is the sd-daemon(3) prefix of a level.
func priority(l slog.Level) string {
	switch {
	case l >= slog.LevelError:
		return "<3>"
	case l >= slog.LevelWarn:
		return "<4>"
	case l >= slog.LevelInfo:
		return "<6>"
	}
	return "<7>"
}

// Check reports what is wrong with a configuration's log.level and
// log.format, both at once, each with the values it takes.
func Check(level, format string) error {
	var errs []error
	var l slog.Level
	if level != "" && l.UnmarshalText([]byte(level)) != nil {
		errs = append(errs, fmt.Errorf("log.level: %q is not a level; give debug, info, warn or error", level))
	}
	if _, err := New(io.Discard, Options{Format: format}); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
