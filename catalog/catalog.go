package catalog

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Catalog resolves codes and EPCs to SKUs. Build it with New.
type Catalog struct {
	codes  map[string]string  // SKU codes and aliases
	gtins  map[gtinKey]string // GTIN-14
	exact  map[string]string  // exact EPC URIs
	fields map[string]string  // EPC URI prefixes ending at a field boundary
	plain  []prefix           // plain prefixes, longest first
	costs  map[string]string  // SKU -> standard unit cost
}

type prefix struct{ p, sku string }

// New builds a catalog and reports every invalid, duplicate or
// conflicting entry, each with its path (items[2].gtins[0]), joined.
func New(cfg Config) (*Catalog, error) {
	b := builder{c: &Catalog{
		codes: map[string]string{}, gtins: map[gtinKey]string{},
		exact: map[string]string{}, fields: map[string]string{}, costs: map[string]string{},
	}, seen: map[string]string{}}
	for i, it := range cfg.Items {
		b.item(fmt.Sprintf("items[%d]", i), it)
	}
	b.crossCheck()
	sort.SliceStable(b.c.plain, func(i, j int) bool { return len(b.c.plain[i].p) > len(b.c.plain[j].p) })
	if err := errors.Join(b.errs...); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	return b.c, nil
}

// Lookup resolves a SKU code, an alias or a GTIN-8/12/13/14.
func (c *Catalog) Lookup(code string) (sku string, ok bool) {
	if sku, ok = c.codes[code]; ok {
		return sku, true
	}
	return c.GTIN(code)
}

// GTIN resolves a GTIN-8/12/13/14; a wrong check digit finds nothing.
func (c *Catalog) GTIN(gtin string) (sku string, ok bool) {
	k, valid := toKey(gtin)
	if !valid {
		return "", false
	}
	sku, ok = c.gtins[k]
	return sku, ok
}

// EPC resolves a pure identity or tag URI (see package doc). The longest
// matching entry wins.
func (c *Catalog) EPC(uri string) (sku string, ok bool) {
	if sku, ok = c.exact[uri]; ok {
		return sku, true
	}
	for i := len(uri) - 1; i >= 0; i-- {
		if uri[i] != '.' && uri[i] != ':' {
			continue
		}
		if sku, ok = c.fields[uri[:i+1]]; ok {
			return sku, true
		}
	}
	for _, p := range c.plain {
		if strings.HasPrefix(uri, p.p) {
			return p.sku, true
		}
	}
	return "", false
}

// UnitCost returns the SKU's standard unit cost as a decimal string.
func (c *Catalog) UnitCost(sku string) (string, bool) {
	v, ok := c.costs[sku]
	return v, ok
}

// Len returns the number of SKUs.
func (c *Catalog) Len() int {
	n := 0
	for code, sku := range c.codes {
		if code == sku {
			n++
		}
	}
	return n
}
