package catalog

import (
	"fmt"
	"strings"
)

// builder accumulates entries and problems while New walks the config.
type builder struct {
	c    *Catalog
	seen map[string]string // key kind+value -> path of first use
	errs []error
}

func (b *builder) item(path string, it Item) {
	if strings.TrimSpace(it.SKU) == "" {
		b.errs = append(b.errs, fmt.Errorf("%s.sku: %w: empty SKU", path, ErrInvalid))
		return
	}
	b.code(path+".sku", it.SKU, it.SKU)
	for i, a := range it.Aliases {
		b.code(fmt.Sprintf("%s.aliases[%d]", path, i), a, it.SKU)
	}
	for i, g := range it.GTINs {
		b.gtin(fmt.Sprintf("%s.gtins[%d]", path, i), g, it.SKU)
	}
	for i, p := range it.EPCPatterns {
		b.epc(fmt.Sprintf("%s.epc_patterns[%d]", path, i), p, it.SKU)
	}
	b.cost(path+".unit_cost", it.UnitCost, it.SKU)
}

// cost accepts a plain non-negative decimal ("12", "12.5", "12.50").
func (b *builder) cost(path, v, sku string) {
	if v == "" {
		return
	}
	whole, frac, _ := strings.Cut(v, ".")
	if whole == "" || strings.Trim(whole+frac, "0123456789") != "" || strings.Count(v, ".") > 1 {
		b.errs = append(b.errs, fmt.Errorf("%s: %w: %q is not a decimal amount like 12.50", path, ErrInvalid, v))
		return
	}
	b.c.costs[sku] = v
}

func (b *builder) code(path, code, sku string) {
	if strings.TrimSpace(code) == "" {
		b.errs = append(b.errs, fmt.Errorf("%s: %w: empty code", path, ErrInvalid))
		return
	}
	if b.claim(path, "code", code, sku, b.c.codes[code]) {
		b.c.codes[code] = sku
	}
}

func (b *builder) gtin(path, g, sku string) {
	k, ok := toKey(g)
	if !ok {
		_, err := NormalizeGTIN(g)
		b.errs = append(b.errs, fmt.Errorf("%s: %w", path, err))
		return
	}
	if b.claim(path, "gtin", string(k[:]), sku, b.c.gtins[k]) {
		b.c.gtins[k] = sku
	}
}

func (b *builder) epc(path, p, sku string) {
	key, isPrefix, plain, err := patternKey(p)
	if err != nil {
		b.errs = append(b.errs, fmt.Errorf("%s: %w", path, err))
		return
	}
	kind := epcKind(isPrefix, plain)
	if !b.claim(path, kind, key, sku, b.prev(kind, key)) {
		return
	}
	switch kind {
	case "epc":
		b.c.exact[key] = sku
	case "epc-fields":
		b.c.fields[key] = sku
	default:
		b.c.plain = append(b.c.plain, prefix{key, sku})
	}
}

// epcKind names the table an EPC key goes to.
func epcKind(isPrefix, plain bool) string {
	switch {
	case plain:
		return "epc-prefix"
	case isPrefix:
		return "epc-fields"
	}
	return "epc"
}

// crossCheck refuses a code that is also a GTIN of another SKU, since
// Lookup would silently prefer the code.
func (b *builder) crossCheck() {
	for code, sku := range b.c.codes {
		k, ok := toKey(code)
		if other := b.c.gtins[k]; ok && other != "" && other != sku {
			b.errs = append(b.errs, fmt.Errorf("%s: %w: code %q is also a GTIN of SKU %q", b.seen["code\x00"+code], ErrConflict, code, other))
		}
	}
}

// prev returns the SKU already holding an EPC key, if any.
func (b *builder) prev(kind, key string) string {
	switch kind {
	case "epc":
		return b.c.exact[key]
	case "epc-fields":
		return b.c.fields[key]
	}
	for _, p := range b.c.plain {
		if p.p == key {
			return p.sku
		}
	}
	return ""
}

// claim records that key belongs to sku, reporting a duplicate (same
// SKU) or a conflict (other SKU) against the first path that used it.
func (b *builder) claim(path, kind, key, sku, prevSKU string) bool {
	first, taken := b.seen[kind+"\x00"+key]
	switch {
	case !taken:
		b.seen[kind+"\x00"+key] = path
		return true
	case prevSKU == sku:
		b.errs = append(b.errs, fmt.Errorf("%s: %w: %q already listed at %s", path, ErrDuplicate, key, first))
	default:
		b.errs = append(b.errs, fmt.Errorf("%s: %w: %q maps to SKU %q at %s and to %q here", path, ErrConflict, key, prevSKU, first, sku))
	}
	return false
}
