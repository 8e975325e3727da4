package ledger

import (
	"bytes"
	"encoding/binary"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Layer is a FIFO cost layer as reported.
type Layer struct {
	Seq       uint64 `json:"seq"` // the event that created it
	Remaining int64  `json:"remaining"`
	UnitCost  int64  `json:"unit_cost"`
}

// SKUValue is the inventory value of one sku at FIFO cost.
type SKUValue struct {
	SKU     string  `json:"sku"`
	OnHand  int64   `json:"on_hand"` // sellable units over all locations
	Damaged int64   `json:"damaged"` // not valued: written off when marked damaged
	Value   int64   `json:"value"`   // minor units
	Layers  []Layer `json:"layers"`
}

// Valuation lists every sku (or one) with its FIFO layers and value.
func (l *Ledger) Valuation(sku string) ([]SKUValue, error) {
	var out []SKUValue
	err := l.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketStock).Cursor()
		lc := tx.Bucket(bucketStock).Cursor()
		for k, v := c.Seek(totalsKey(sku)); k != nil; k, v = c.Next() {
			s, kind, _ := parseStockKey(k)
			if sku != "" && s != sku {
				break
			}
			if kind != stockTotals {
				continue
			}
			t := decodeSKU(v)
			sv := SKUValue{SKU: s, OnHand: t.OnHand, Damaged: t.Damaged, Layers: []Layer{}}
			prefix := layerPrefix(s)
			for lk, lv := lc.Seek(prefix); lk != nil && bytes.HasPrefix(lk, prefix); lk, lv = lc.Next() {
				ly := decodeLayer(lv)
				sv.Layers = append(sv.Layers, Layer{binary.BigEndian.Uint64(lk[len(prefix):]), ly.Remaining, ly.Cost})
				sv.Value += ly.Remaining * ly.Cost
			}
			out = append(out, sv)
		}
		return nil
	})
	return out, err
}

// PeriodCOGS is the cost of goods sold and shrink of a period.
type PeriodCOGS struct {
	From      time.Time `json:"from"`
	To        time.Time `json:"to"`
	COGS      int64     `json:"cogs"`       // sales at FIFO cost, plus corrections when receipts settle oversold units
	Shrink    int64     `json:"shrink"`     // cost of units lost to adjustments and counts
	UnitsSold int64     `json:"units_sold"` // net of nothing: returns are reported apart
	Returns   int64     `json:"units_returned"`
	Sales     int       `json:"sales"`
}

// COGS sums the cost of goods sold in [from, to) by event wall time.
func (l *Ledger) COGS(from, to time.Time) (PeriodCOGS, error) {
	p := PeriodCOGS{From: from, To: to}
	err := l.Log(LogFilter{From: from, To: to}, func(e *Event) error {
		switch e.Type {
		case Sale:
			p.COGS += e.COGS
			p.UnitsSold += e.Qty
			p.Sales++
		case Receive:
			p.COGS += e.COGS
		case Return:
			p.COGS += e.COGS
			p.Returns += e.Qty
		case Adjust, Count, Baseline:
			p.Shrink += e.COGS
		}
		return nil
	})
	return p, err
}
