package stock

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/edged/edged/relay"
)

// Mapping says where each SKU at each site is listed on each channel. Build
// it with ParseMapping; the zero Mapping maps nothing.
type Mapping struct {
	bySKU map[string][]relay.Target
	byRef map[string]relay.Target
	keys  map[string]int // Target.Key → line, to refuse duplicates
}

// mappingColumns are the known CSV columns; channel, sku and item are
// required in the header.
var mappingColumns = []string{"channel", "sku", "site", "item", "variant", "location", "seller_sku"}

// ParseMapping reads a mapping CSV. The first non-comment line is a header
// naming the columns (any order): channel, sku, item and optionally site,
// variant, location, seller_sku. Lines starting with '#' are comments. name
// is used in errors ("mapping.csv:12: ..."). Every problem is reported, each
// wrapping ErrBadMapping.
func ParseMapping(r io.Reader, name string) (*Mapping, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.TrimLeadingSpace = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: header: %w", ErrBadMapping, name, err)
	}
	cols, err := headerIndex(header, name)
	if err != nil {
		return nil, err
	}
	m := &Mapping{bySKU: map[string][]relay.Target{}, byRef: map[string]relay.Target{}, keys: map[string]int{}}
	var errs []error
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil { // a CSV syntax error (its message has the line); the rest is unreadable
			errs = append(errs, fmt.Errorf("%w: %s: %w", ErrBadMapping, name, err))
			break
		}
		line, _ := cr.FieldPos(0)
		for _, err := range m.addRow(rec, cols, line) {
			errs = append(errs, fmt.Errorf("%w: %s:%d: %w", ErrBadMapping, name, line, err))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return m, nil
}

func headerIndex(header []string, name string) (map[string]int, error) {
	cols := map[string]int{}
	var errs []error
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		switch {
		case !slices.Contains(mappingColumns, h):
			errs = append(errs, fmt.Errorf("%w: %s:1: unknown column %q (known: %s)", ErrBadMapping, name, h, strings.Join(mappingColumns, ", ")))
		case cols[h] != 0:
			errs = append(errs, fmt.Errorf("%w: %s:1: column %q repeated", ErrBadMapping, name, h))
		}
		cols[h] = i + 1 // 1-based so that 0 means absent
	}
	for _, req := range []string{"channel", "sku", "item"} {
		if cols[req] == 0 {
			errs = append(errs, fmt.Errorf("%w: %s:1: missing required column %q", ErrBadMapping, name, req))
		}
	}
	return cols, errors.Join(errs...)
}

func (m *Mapping) addRow(rec []string, cols map[string]int, line int) []error {
	if len(rec) != len(cols) {
		return []error{fmt.Errorf("%d fields, header has %d", len(rec), len(cols))}
	}
	get := func(c string) string {
		if cols[c] == 0 {
			return ""
		}
		return strings.TrimSpace(rec[cols[c]-1])
	}
	t := relay.Target{
		Channel: relay.Channel(strings.ToLower(get("channel"))), SKU: get("sku"), Site: get("site"),
		Item: get("item"), Variant: get("variant"), Location: get("location"), SellerSKU: get("seller_sku"),
	}
	if errs := checkTarget(t); len(errs) > 0 {
		return errs
	}
	if prev, dup := m.keys[t.Key()]; dup {
		return []error{fmt.Errorf("listing %s/%s/%s already mapped on line %d", t.Item, t.Variant, t.Location, prev)}
	}
	m.keys[t.Key()] = line
	m.bySKU[t.SKU] = append(m.bySKU[t.SKU], t)
	if _, ok := m.byRef[refKey(t.Channel, t.Item, t.Variant)]; !ok {
		m.byRef[refKey(t.Channel, t.Item, t.Variant)] = t
	}
	return nil
}

// Targets returns every listing of sku, in file order.
func (m *Mapping) Targets(sku string) []relay.Target {
	if m == nil {
		return nil
	}
	return m.bySKU[sku]
}

// SKUs returns every mapped SKU, sorted.
func (m *Mapping) SKUs() []string {
	if m == nil {
		return nil
	}
	out := make([]string, 0, len(m.bySKU))
	for s := range m.bySKU {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// Lookup finds the listing an order line names. Lines match on the variant
// (Shopify variant id, Lazada SkuId, Shopee model_id, TikTok SKU id) or,
// for a Shopee item without variants (model 0), on the item. When a listing
// is mapped at several sites the first row in the file wins.
func (m *Mapping) Lookup(ch relay.Channel, item, variant string) (relay.Target, bool) {
	if m == nil {
		return relay.Target{}, false
	}
	t, ok := m.byRef[refKey(ch, item, variant)]
	return t, ok
}

func refKey(ch relay.Channel, item, variant string) string {
	if variant == "" || variant == "0" {
		return string(ch) + "|item|" + item
	}
	return string(ch) + "|variant|" + variant
}
