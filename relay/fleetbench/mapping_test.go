package fleetbench_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/edged/edged/relay/stock"
)

// benchSKUs SKUs at benchSite, each listed on the four channels, as a
// multichannel seller lists them: every quantity change writes four
// outbox rows.
const (
	benchSKUs = 1000
	benchSite = "wh1"
)

func skuName(i int) string { return fmt.Sprintf("SKU-%04d", i) }

// shopifyVariant is the Shopify variant id of SKU i (webhook order lines).
func shopifyVariant(i int) string { return fmt.Sprint(2_000_000 + i) }

func mappingCSV() string {
	var b strings.Builder
	b.WriteString("channel,sku,site,item,variant,location,seller_sku\n")
	for i := range benchSKUs {
		s := skuName(i)
		fmt.Fprintf(&b, "shopify,%s,%s,gid://shopify/InventoryItem/%d,%s,gid://shopify/Location/301,\n", s, benchSite, 1_000_000+i, shopifyVariant(i))
		fmt.Fprintf(&b, "lazada,%s,%s,%d,%d,,%s\n", s, benchSite, 3_000_000+i, 4_000_000+i, s)
		fmt.Fprintf(&b, "shopee,%s,%s,%d,%d,,\n", s, benchSite, 5_000_000+i, 6_000_000+i)
		fmt.Fprintf(&b, "tiktok,%s,%s,%d,%d,9001,\n", s, benchSite, 7_000_000+i, 8_000_000+i)
	}
	return b.String()
}

func benchMapping(b *testing.B) *stock.Mapping {
	b.Helper()
	m, err := stock.ParseMapping(strings.NewReader(mappingCSV()), "bench mapping")
	if err != nil {
		b.Fatal(err)
	}
	return m
}
