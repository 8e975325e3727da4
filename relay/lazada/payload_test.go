package lazada_test

import (
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/lazada"
)

// xmlText reports whether s survives an XML round trip unchanged.
func xmlText(s string) bool {
	if !utf8.ValidString(s) || strings.ContainsRune(s, '\r') {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF) {
			return false
		}
	}
	return true
}

// FuzzPayload: whatever the ids, the payload decodes back to the items,
// a SKU without a location carries no multi-warehouse element at all and
// one with a location carries no plain SellableQuantity.
func FuzzPayload(f *testing.F) {
	f.Add("234234234", "234", "", int64(20), "", "")
	f.Add("234234234", "234", "TS<&>", int64(0), "WH-SG-01", "WH-SG-02")
	f.Add("1", "2", "S", int64(-1), "WH", "WH")
	f.Fuzz(func(t *testing.T, item, sku, sellerSku string, qty int64, wh1, wh2 string) {
		for _, s := range []string{item, sku, sellerSku, wh1, wh2} {
			if !xmlText(s) {
				t.Skip()
			}
		}
		target := relay.Target{Channel: relay.Lazada, Item: item, Variant: sku, SellerSKU: sellerSku, Location: wh1}
		items := []relay.Item{{Target: target, Qty: qty}}
		if wh1 != "" && wh2 != "" {
			target.Location = wh2
			items = append(items, relay.Item{Target: target, Qty: qty + 1})
		}
		raw := lazada.Payload(items)
		var got struct {
			Skus []struct {
				ItemID    string `xml:"ItemId"`
				SkuID     string `xml:"SkuId"`
				SellerSku string `xml:"SellerSku"`
				Sellable  *int64 `xml:"SellableQuantity"`
				Multi     *struct {
					Inv []lazada.Warehouse `xml:"MultiWarehouseInventory"`
				} `xml:"MultiWarehouseInventories"`
			} `xml:"Product>Skus>Sku"`
		}
		if err := xml.Unmarshal([]byte(raw), &got); err != nil || len(got.Skus) != 1 {
			t.Fatalf("%v, %d SKUs in %s", err, len(got.Skus), raw)
		}
		s := got.Skus[0]
		if s.ItemID != item || s.SkuID != sku || s.SellerSku != sellerSku {
			t.Fatalf("ids %q %q %q in %s", s.ItemID, s.SkuID, s.SellerSku, raw)
		}
		if wh1 == "" {
			if s.Multi != nil || strings.Contains(raw, "MultiWarehouse") || s.Sellable == nil || *s.Sellable != qty {
				t.Fatalf("single-warehouse form wrong: %s", raw)
			}
			return
		}
		if s.Sellable != nil || s.Multi == nil || len(s.Multi.Inv) != len(items) {
			t.Fatalf("multi-warehouse form wrong: %s", raw)
		}
		for i, w := range s.Multi.Inv {
			if w.WarehouseCode != items[i].Target.Location || w.SellableQuantity != items[i].Qty {
				t.Fatalf("warehouse %d = %+v in %s", i, w, raw)
			}
		}
	})
}
