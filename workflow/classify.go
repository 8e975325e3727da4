package workflow

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/edged/edged/device/barcode"
)

// Kind is what a scan is, as classified from its content.
type Kind int

// Kinds, in the order they are tried.
const (
	KindUnknown  Kind = iota
	KindCommand       // Value is the Command
	KindLocation      // Value is the location code
	KindLPN           // Value is the SSCC or licence plate
	KindQuantity      // Qty is set
	KindOrder         // Value is the order reference
	KindUser          // Value is the badge
	KindItem          // Value is the code to look up (data without AIM id)
	KindCount         // Value is a count session id
)

var kindText = [...]string{"unknown", "command", "location", "lpn", "quantity", "order", "user", "item", "count"}

func (k Kind) String() string { return kindText[k] }

// Token is a classified scan.
type Token struct {
	Kind  Kind
	Value string
	Qty   int64
}

// classifier holds the compiled Config.
type classifier struct {
	cfg      Config
	location *regexp.Regexp // nil: none
	lpn      *regexp.Regexp
}

func newClassifier(cfg Config) *classifier {
	c := &classifier{cfg: cfg}
	if cfg.LocationPattern != "" {
		c.location = regexp.MustCompile(cfg.LocationPattern) // checked by Validate
	}
	if cfg.LPNPattern != "" {
		c.lpn = regexp.MustCompile(cfg.LPNPattern)
	}
	return c
}

// classify reads one scan's data (AIM identifier included or not).
// Bad quantities come back as KindQuantity with Qty -1.
func (c *classifier) classify(data []byte, dec *barcode.Decoder) Token {
	_, rest, _ := barcode.ParseAIM(data)
	s := string(rest)
	cfg := &c.cfg
	for _, p := range []struct {
		prefix string
		kind   Kind
	}{{cfg.CommandPrefix, KindCommand}, {cfg.LocationPrefix, KindLocation}, {cfg.OrderPrefix, KindOrder},
		{cfg.UserPrefix, KindUser}, {cfg.CountPrefix, KindCount}} {
		if v, ok := strings.CutPrefix(s, p.prefix); ok {
			return Token{Kind: p.kind, Value: strings.TrimSpace(v)}
		}
	}
	if v, ok := strings.CutPrefix(s, cfg.QuantityPrefix); ok {
		return Token{Kind: KindQuantity, Qty: parseQty(v)}
	}
	return c.classifyData(data, s, dec)
}

func (c *classifier) classifyData(data []byte, s string, dec *barcode.Decoder) Token {
	switch {
	case c.location != nil && c.location.MatchString(s):
		return Token{Kind: KindLocation, Value: s}
	case c.lpn != nil && c.lpn.MatchString(s):
		return Token{Kind: KindLPN, Value: s}
	}
	if r, err := dec.Decode(data); err == nil {
		if sscc, ok := r.SSCC(); ok {
			return Token{Kind: KindLPN, Value: sscc}
		}
	}
	if c.cfg.BareQuantityMax > 0 && isDigits(s) && len(s) <= 10 {
		if n := parseQty(s); n >= 0 && n <= c.cfg.BareQuantityMax {
			return Token{Kind: KindQuantity, Qty: n}
		}
	}
	return Token{Kind: KindItem, Value: s}
}

func parseQty(s string) int64 {
	if !isDigits(s) || len(s) > 10 {
		return -1
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return -1
	}
	return n
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
