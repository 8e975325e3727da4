package relay

import (
	"context"
	"fmt"
	"log/slog"
)

// NewRedactingHandler returns a handler that passes every record to h
// with its message and attribute values redacted (see [Redact]) of the
// secrets the function returns (called once per record; nil means none)
// and of sensitive fields. Errors and other non-string values are
// replaced by their redacted text when it differs from their text.
func NewRedactingHandler(h slog.Handler, secrets func() []string) slog.Handler {
	if secrets == nil {
		secrets = func() []string { return nil }
	}
	return &redactingHandler{next: h, secrets: secrets}
}

type redactingHandler struct {
	next    slog.Handler
	secrets func() []string
}

func (h *redactingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

func (h *redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	s := h.secrets()
	out := slog.NewRecord(r.Time, r.Level, Redact(r.Message, s...), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a, s))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h *redactingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	s := h.secrets()
	red := make([]slog.Attr, len(as))
	for i, a := range as {
		red[i] = redactAttr(a, s)
	}
	return &redactingHandler{next: h.next.WithAttrs(red), secrets: h.secrets}
}

func (h *redactingHandler) WithGroup(name string) slog.Handler {
	return &redactingHandler{next: h.next.WithGroup(name), secrets: h.secrets}
}

func redactAttr(a slog.Attr, secrets []string) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		a.Value = slog.StringValue(Redact(v.String(), secrets...))
	case slog.KindGroup:
		g := v.Group()
		red := make([]slog.Attr, len(g))
		for i, ga := range g {
			red[i] = redactAttr(ga, secrets)
		}
		a.Value = slog.GroupValue(red...)
	case slog.KindAny:
		a.Value = v
		if text := anyText(v.Any()); text != "" {
			if r := Redact(text, secrets...); r != text {
				a.Value = slog.StringValue(r)
			}
		}
	default:
		a.Value = v
	}
	return a
}

// anyText is the text a handler would print for x.
func anyText(x any) string {
	switch x := x.(type) {
	case nil:
		return ""
	case error:
		return x.Error()
	case fmt.Stringer:
		return x.String()
	case string:
		return x
	case []byte:
		return string(x)
	}
	return fmt.Sprintf("%+v", x)
}
