package report

import (
	"fmt"
	"io"
	"strconv"

	"github.com/edged/edged/ledger"
)

// Item is the commercial data of one SKU that the ledger does not hold.
type Item struct {
	// SKU is the ledger's sku.
	SKU string `mapstructure:"sku"`
	// Price is the sale price per unit as a decimal string ("12.50"),
	// in the ledger's currency. Empty: no revenue or profit for the SKU.
	Price string `mapstructure:"price"`
	// ReorderPoint is the on-hand quantity at which to reorder. Zero: the
	// lead-time demand plus safety stock when LeadTimeDays is set.
	ReorderPoint int64 `mapstructure:"reorder_point"`
	// SafetyStock is the buffer below which stock is critical.
	SafetyStock int64 `mapstructure:"safety_stock"`
	// LeadTimeDays is the supplier lead time, for a computed reorder point.
	LeadTimeDays int `mapstructure:"lead_time_days"`
	// Serialized items are counted by tag and must count exact.
	Serialized bool `mapstructure:"serialized"`
}

// itemColumns is the header of an items CSV file.
func itemColumns() []string {
	return []string{"sku", "price", "reorder_point", "safety_stock", "lead_time_days", "serialized"}
}

// ParseItems reads an items CSV with the header
// sku,price,reorder_point,safety_stock,lead_time_days,serialized.
// Empty cells mean zero (no price, no reorder point, not serialized).
func ParseItems(r io.Reader) ([]Item, error) {
	var items []Item
	seen := map[string]int{}
	err := readRecords(r, itemColumns(), ErrItems, func(line int, rec []string) error {
		it, err := parseItem(rec)
		if err != nil {
			return err
		}
		if first, dup := seen[it.SKU]; dup {
			return fmt.Errorf("sku %q is already on line %d", it.SKU, first)
		}
		seen[it.SKU] = line
		items = append(items, it)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return items, nil
}

func parseItem(rec []string) (Item, error) {
	it := Item{SKU: rec[0], Price: rec[1]}
	var err error
	ints := []*int64{&it.ReorderPoint, &it.SafetyStock}
	for i, p := range ints {
		if *p, err = cell(rec[2+i], itemColumns()[2+i]); err != nil {
			return it, err
		}
	}
	lead, err := cell(rec[4], "lead_time_days")
	if err != nil {
		return it, err
	}
	it.LeadTimeDays = int(lead)
	if rec[5] != "" {
		if it.Serialized, err = strconv.ParseBool(rec[5]); err != nil {
			return it, fmt.Errorf("serialized %q: use true or false", rec[5])
		}
	}
	if errs := validateItems("items", []Item{it}); len(errs) > 0 {
		return it, errs[0]
	}
	return it, nil
}

func cell(s, col string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 0 || v > ledger.MaxQty {
		return 0, fmt.Errorf("%s %q: want a whole number 0..%d", col, s, ledger.MaxQty)
	}
	return v, nil
}

func validateItems(path string, items []Item) []error {
	var errs []error
	seen := map[string]bool{}
	for i, it := range items {
		at := fmt.Sprintf("%s[%d]", path, i)
		if it.SKU == "" || seen[it.SKU] {
			errs = append(errs, fmt.Errorf("%w: %s.sku: %q is empty or listed twice", ErrConfig, at, it.SKU))
		}
		seen[it.SKU] = true
		if _, _, err := it.price(); err != nil {
			errs = append(errs, fmt.Errorf("%w: %s.price: %v", ErrConfig, at, err))
		}
		if it.ReorderPoint < 0 || it.SafetyStock < 0 || it.LeadTimeDays < 0 || it.LeadTimeDays > 3650 {
			errs = append(errs, fmt.Errorf("%w: %s: reorder_point, safety_stock and lead_time_days (≤ 3650) must not be negative", ErrConfig, at))
		}
	}
	return errs
}

// price returns the price in minor units and whether one is set.
func (it Item) price() (int64, bool, error) {
	if it.Price == "" {
		return 0, false, nil
	}
	v, err := ledger.ParseDecimal(it.Price)
	if err == nil && (v < 0 || v > ledger.MaxUnitCost) {
		err = fmt.Errorf("%q is out of range", it.Price)
	}
	return v, err == nil, err
}
