package report

import (
	"slices"
	"strings"
	"time"

	"github.com/edged/edged/ledger"
)

// SKUStats are the figures of one SKU over a period. Quantities are
// sellable units over all locations; values are at FIFO cost in minor
// units.
type SKUStats struct {
	SKU      string `json:"sku"`
	Sold     int64  `json:"sold"`     // units sold in the period
	Returned int64  `json:"returned"` // units returned in the period
	Received int64  `json:"received"` // units received in the period
	// Baseline is the stock a baseline import put on the shelves in the
	// period: opening stock the ledger learnt late, not a receipt.
	Baseline   int64     `json:"baseline,omitempty"`
	COGS       int64     `json:"cogs"`    // sales, returns and receipt corrections
	Shrink     int64     `json:"shrink"`  // cost of adjustments and count variances
	Revenue    int64     `json:"revenue"` // price × (sold − returned), when priced
	Priced     bool      `json:"priced"`
	OpenQty    int64     `json:"open_qty"`
	CloseQty   int64     `json:"close_qty"`
	OpenValue  int64     `json:"open_value"`
	CloseValue int64     `json:"close_value"`
	QtyArea    int64     `json:"-"` // Σ of the daily closing quantities
	ValueArea  int64     `json:"-"` // Σ of the daily closing values
	ActiveDays int       `json:"active_days"`
	OutDays    int       `json:"stockout_days"`
	LastSale   time.Time `json:"last_sale,omitzero"` // before the period's end
	FirstSeen  time.Time `json:"first_seen,omitzero"`

	headQty, headValue int64
	changes            []change
}

// change is the movement of one event inside the period.
type change struct {
	day        int32
	qty, value int64
}

// NetSold is units sold minus units returned, never below zero.
func (s *SKUStats) NetSold() int64 { return max(0, s.Sold-s.Returned) }

// Month is the profit figures of one calendar month.
type Month struct {
	Start        time.Time `json:"month"`
	UnitsSold    int64     `json:"units_sold"`
	Revenue      int64     `json:"revenue"`
	COGS         int64     `json:"cogs"`
	PricedCOGS   int64     `json:"priced_cogs"` // COGS of SKUs with a price: gross profit = revenue − this
	UnpricedSold int64     `json:"unpriced_units_sold"`
}

// Dataset is everything the reports need, gathered in one pass.
type Dataset struct {
	Period Period
	SKUs   []*SKUStats // ordered by SKU
	Months []*Month
	Picks  map[string]map[string]int64 // order -> sku -> units picked in the period
	Lines  []ledger.CountLine          // finished count lines in the period
	Items  map[string]Item

	bySKU   map[string]*SKUStats
	byMonth map[int]*Month
	prices  map[string]int64
}

func (d *Dataset) sku(name string) *SKUStats {
	if s := d.bySKU[name]; s != nil {
		return s
	}
	s := &SKUStats{SKU: strings.Clone(name)}
	_, s.Priced = d.prices[name]
	d.bySKU[s.SKU] = s
	return s
}

// Collect reads the whole log once, anchors it to the current stock and
// returns the figures of p. items supply prices and thresholds.
func Collect(src Source, p Period, items []Item) (*Dataset, error) {
	d := newDataset(p, items)
	if err := src.Log(ledger.LogFilter{}, func(e *ledger.Event) error { d.add(e); return nil }); err != nil {
		return nil, err
	}
	vals, err := src.Valuation("")
	if err != nil {
		return nil, err
	}
	for _, v := range vals {
		s := d.sku(v.SKU)
		s.OpenQty += v.OnHand - s.headQty
		s.OpenValue += v.Value - s.headValue
	}
	if d.Lines, err = src.FinishedCountLines(p.From, p.To); err != nil {
		return nil, err
	}
	d.finish()
	return d, nil
}

func newDataset(p Period, items []Item) *Dataset {
	d := &Dataset{Period: p, Picks: map[string]map[string]int64{}, Items: map[string]Item{},
		bySKU: map[string]*SKUStats{}, byMonth: map[int]*Month{}, prices: map[string]int64{}}
	for _, it := range items {
		d.Items[it.SKU] = it
		if v, ok, _ := it.price(); ok {
			d.prices[it.SKU] = v
		}
	}
	return d
}

func (d *Dataset) finish() {
	d.SKUs = make([]*SKUStats, 0, len(d.bySKU))
	for _, s := range d.bySKU {
		s.sweep(d.Period)
		d.SKUs = append(d.SKUs, s)
	}
	slices.SortFunc(d.SKUs, func(a, b *SKUStats) int { return strings.Compare(a.SKU, b.SKU) })
	for _, m := range d.byMonth {
		d.Months = append(d.Months, m)
	}
	slices.SortFunc(d.Months, func(a, b *Month) int { return a.Start.Compare(b.Start) })
}

// SKU returns the figures of one SKU, or nil.
func (d *Dataset) SKU(name string) *SKUStats { return d.bySKU[name] }
