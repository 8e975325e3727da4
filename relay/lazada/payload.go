package lazada

import (
	"encoding/xml"
	"strconv"

	"github.com/edged/edged/relay"
)

// Request is the XML payload of the stock calls.
type Request struct {
	XMLName xml.Name `xml:"Request"`
	Skus    []Sku    `xml:"Product>Skus>Sku"`
}

// Sku is one SKU's new sellable quantity. Single-warehouse sellers send
// SellableQuantity only; multi-warehouse sellers send MultiWarehouse only
// (Lazada refuses the other form).
type Sku struct {
	ItemID           string `xml:"ItemId,omitempty"`
	SkuID            string `xml:"SkuId,omitempty"`
	SellerSku        string `xml:"SellerSku,omitempty"`
	SellableQuantity *int64 `xml:"SellableQuantity,omitempty"`
	// MultiWarehouse is a pointer so that nil leaves the element out: a
	// nested path tag (`MultiWarehouseInventories>MultiWarehouseInventory`)
	// writes an empty MultiWarehouseInventories element even with
	// omitempty and no warehouses.
	MultiWarehouse *Inventories `xml:"MultiWarehouseInventories,omitempty"`
}

// Inventories is the MultiWarehouseInventories element.
type Inventories struct {
	Warehouses []Warehouse `xml:"MultiWarehouseInventory"`
}

// Warehouse is a multi-warehouse quantity.
type Warehouse struct {
	WarehouseCode    string `xml:"WarehouseCode"`
	SellableQuantity int64  `xml:"SellableQuantity"`
}

// payload builds the XML for a batch. A target without a Location is sent
// in the single-warehouse form; targets with one are sent in the
// multi-warehouse form, one Sku per SKU listing all of its warehouses in
// the batch, in the order first seen.
func payload(items []relay.Item) string {
	var req Request
	multi := map[[3]string]int{} // ItemId, SkuId, SellerSku → index in req.Skus
	for _, it := range items {
		t := it.Target
		if t.Location == "" {
			q := it.Qty
			req.Skus = append(req.Skus, Sku{ItemID: t.Item, SkuID: t.Variant, SellerSku: t.SellerSKU, SellableQuantity: &q})
			continue
		}
		wh := Warehouse{WarehouseCode: t.Location, SellableQuantity: it.Qty}
		key := [3]string{t.Item, t.Variant, t.SellerSKU}
		if i, ok := multi[key]; ok {
			req.Skus[i].MultiWarehouse.Warehouses = append(req.Skus[i].MultiWarehouse.Warehouses, wh)
			continue
		}
		multi[key] = len(req.Skus)
		req.Skus = append(req.Skus, Sku{ItemID: t.Item, SkuID: t.Variant, SellerSku: t.SellerSKU,
			MultiWarehouse: &Inventories{Warehouses: []Warehouse{wh}}})
	}
	out, _ := xml.Marshal(req) // plain strings and ints: cannot fail
	return string(out)
}

func msTimestamp(ms int64) string { return strconv.FormatInt(ms, 10) }
