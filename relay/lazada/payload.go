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

// Sku is one SKU's new sellable quantity; multi-warehouse sellers send
// MultiWarehouseInventories instead of SellableQuantity.
type Sku struct {
	ItemID           string      `xml:"ItemId,omitempty"`
	SkuID            string      `xml:"SkuId,omitempty"`
	SellerSku        string      `xml:"SellerSku,omitempty"`
	SellableQuantity *int64      `xml:"SellableQuantity,omitempty"`
	Warehouses       []Warehouse `xml:"MultiWarehouseInventories>MultiWarehouseInventory,omitempty"`
}

// Warehouse is a multi-warehouse quantity.
type Warehouse struct {
	WarehouseCode    string `xml:"WarehouseCode"`
	SellableQuantity int64  `xml:"SellableQuantity"`
}

// payload builds the XML for a batch; a target with a Location is sent in
// the multi-warehouse form.
func payload(items []relay.Item) string {
	var req Request
	for _, it := range items {
		t := it.Target
		s := Sku{ItemID: t.Item, SkuID: t.Variant, SellerSku: t.SellerSKU}
		if t.Location != "" {
			s.Warehouses = []Warehouse{{WarehouseCode: t.Location, SellableQuantity: it.Qty}}
		} else {
			q := it.Qty
			s.SellableQuantity = &q
		}
		req.Skus = append(req.Skus, s)
	}
	out, _ := xml.Marshal(req) // plain strings and ints: cannot fail
	return string(out)
}

func msTimestamp(ms int64) string { return strconv.FormatInt(ms, 10) }
