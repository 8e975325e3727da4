package discover

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

// header is the mapping file's header, as relay/stock.ParseMapping reads it.
var header = []string{"channel", "sku", "site", "item", "variant", "location", "seller_sku"}

// WriteCSV writes rows as a mapping file with the full header, in the
// order given (Match's rows are sorted by channel and SKU).
func WriteCSV(w io.Writer, rows []relay.Target) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, t := range rows {
		rec := []string{string(t.Channel), t.SKU, t.Site, t.Item, t.Variant, t.Location, t.SellerSKU}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Rows are every row of a loaded mapping, in Match's order.
func Rows(m *stock.Mapping) []relay.Target {
	var out []relay.Target
	for _, sku := range m.SKUs() {
		out = append(out, m.Targets(sku)...)
	}
	sortRows(out)
	return out
}

// ReadCatalog reads a catalog CSV: a header naming a sku column (any
// case, other columns ignored), then one SKU a line. Lines starting with
// '#' are comments.
func ReadCatalog(r io.Reader, name string) ([]string, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	head, err := cr.Read()
	if err != nil {
		return nil, catalogError(name, "header", err)
	}
	col := -1
	for i, h := range head {
		if strings.EqualFold(strings.TrimSpace(h), "sku") {
			col = i
		}
	}
	if col < 0 {
		return nil, catalogError(name, "header", errNoSKUColumn)
	}
	var out []string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, catalogError(name, "", err)
		}
		if col < len(rec) {
			if s := strings.TrimSpace(rec[col]); s != "" {
				out = append(out, s)
			}
		}
	}
}
