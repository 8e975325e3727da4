package stock_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/stock"
)

func TestMappingLookup(t *testing.T) {
	m := loadMapping(t)
	if got := len(m.Targets(tee)); got != 4 {
		t.Fatalf("%d listings of %s, want 4", got, tee)
	}
	tg, ok := m.Lookup(relay.Shopee, "5002", "0")
	if !ok || tg.SKU != "MUG-BLUE" {
		t.Errorf("shopee item without variants: %+v %v", tg, ok)
	}
	if tg, ok := m.Lookup(relay.Lazada, "", "4001"); !ok || tg.SellerSKU != tee {
		t.Errorf("lazada by SkuId: %+v %v", tg, ok)
	}
	if _, ok := m.Lookup(relay.TikTok, "7001", "nope"); ok {
		t.Error("unknown variant matched")
	}
}

func TestMappingErrorsNameLineAndColumn(t *testing.T) {
	in := `channel,sku,site,item,variant,location
shopify,A,wh1,gid://shopify/InventoryItem/1,11,gid://shopify/Location/2
ebay,B,wh1,1,2,
shopify,C,wh1,123,12,gid://shopify/Location/2
lazada,,wh1,x,2,
shopify,A,wh1,gid://shopify/InventoryItem/1,11,gid://shopify/Location/2
tiktok,D,wh1,1
`
	_, err := stock.ParseMapping(strings.NewReader(in), "map.csv")
	if !errors.Is(err, stock.ErrBadMapping) {
		t.Fatalf("err %v", err)
	}
	for _, want := range []string{
		`map.csv:3: column channel: "ebay"`,
		"map.csv:4: column item: shopify needs an inventory item gid",
		"map.csv:5: column sku: empty",
		"map.csv:5: columns item, variant: lazada",
		"map.csv:6: listing gid://shopify/InventoryItem/1/11/gid://shopify/Location/2 already mapped on line 2",
		"map.csv:7: 4 fields, header has 6",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestMappingHeaderErrors(t *testing.T) {
	_, err := stock.ParseMapping(strings.NewReader("sku,colour,sku\n"), "m.csv")
	for _, want := range []string{`unknown column "colour"`, `column "sku" repeated`, `missing required column "channel"`, `missing required column "item"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if _, err := stock.ParseMapping(strings.NewReader(""), "m.csv"); !errors.Is(err, stock.ErrBadMapping) {
		t.Errorf("empty file: %v", err)
	}
}

func FuzzParseMapping(f *testing.F) {
	f.Add("channel,sku,item,variant,location\nshopify,A,gid://shopify/InventoryItem/1,2,gid://shopify/Location/3\n")
	f.Add("channel,sku,item,variant\nshopee,A,1,0\nshopee,B,1,0\n")
	f.Add("channel,sku,item\n\"unterminated\n")
	f.Add("# comment\nchannel,sku,item,variant\ntiktok,A,1,2\n")
	f.Fuzz(func(t *testing.T, in string) {
		m, err := stock.ParseMapping(strings.NewReader(in), "fuzz.csv")
		if err != nil {
			if !errors.Is(err, stock.ErrBadMapping) {
				t.Fatalf("error does not wrap ErrBadMapping: %v", err)
			}
			return
		}
		for _, sku := range m.SKUs() {
			for _, tg := range m.Targets(sku) {
				if !tg.Channel.Valid() || tg.SKU != sku || tg.Item == "" {
					t.Fatalf("accepted bad target %+v", tg)
				}
				if _, ok := m.Lookup(tg.Channel, tg.Item, tg.Variant); !ok {
					t.Fatalf("target %+v not found by its own ids", tg)
				}
			}
		}
	})
}
