package console

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/edged/edged/relay/audit"
)

// skuPageRows is how many audit rows one SKU page lists; the chart reads
// up to audit.MaxLimit.
const skuPageRows = 50

// skuData is the SKU page.
type skuData struct {
	SKU   string
	Stock *stockRow // nil for a SKU the engine does not know
	Rows  []audit.Row
	// Older links the next page of the trail; empty on the last.
	Older string
	Chart chart
	// NoTrail says the relay keeps no audit trail; Error that reading it
	// failed.
	NoTrail bool
	Error   string
	Events  string
}

func (c *console) skuPage(w http.ResponseWriter, r *http.Request) {
	sku := r.PathValue("sku")
	d := skuData{SKU: sku, Events: Prefix + "events?" + url.Values{"view": {"sku"}, "sku": {sku}}.Encode()}
	d.Stock = c.skuRow(sku)
	before, _ := strconv.ParseUint(r.URL.Query().Get("before"), 10, 64)
	if c.opt.Audit == nil {
		d.NoTrail = true
	} else if err := c.readTrail(r, &d, before); err != nil {
		c.log.Warn("console: reading the audit trail", "sku", sku, "err", err)
		d.Error = "the audit trail could not be read just now; try again"
	}
	c.render(w, r, http.StatusOK, "sku", d)
}

func (c *console) readTrail(r *http.Request, d *skuData, before uint64) error {
	rows, err := c.opt.Audit.Audit(r.Context(), audit.Query{SKU: d.SKU, Before: before, Limit: skuPageRows})
	if err != nil {
		return err
	}
	d.Rows = rows
	if len(rows) == skuPageRows {
		d.Older = Prefix + "sku/" + url.PathEscape(d.SKU) + "?before=" + strconv.FormatUint(rows[len(rows)-1].ID, 10)
	}
	hist, err := c.opt.Audit.Audit(r.Context(), audit.Query{SKU: d.SKU, Limit: audit.MaxLimit})
	if err != nil {
		return err
	}
	d.Chart = newChart(hist)
	return nil
}

// skuRow is the SKU's row of the stock table, all sites and channels.
func (c *console) skuRow(sku string) *stockRow {
	channels := channelNames(c.opt.Source.Channels())
	for _, s := range c.opt.Source.Stock() {
		if s.SKU == sku {
			r := rowOf(s, filter{}, channels)
			return &r
		}
	}
	return nil
}
