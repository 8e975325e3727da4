package lazadasim

import (
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

// skuChildren is the oracle: the child element names of every
// Request/Product/Skus/Sku element, read token by token.
func skuChildren(raw string) ([][]string, error) {
	d := xml.NewDecoder(strings.NewReader(raw))
	var path []string
	var out [][]string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if slices.Equal(path, []string{"Request", "Product", "Skus", "Sku"}) {
				out[len(out)-1] = append(out[len(out)-1], tok.Name.Local)
			}
			path = append(path, tok.Name.Local)
			if slices.Equal(path, []string{"Request", "Product", "Skus", "Sku"}) {
				out = append(out, []string{})
			}
		case xml.EndElement:
			path = path[:len(path)-1]
			if len(path) == 0 {
				return out, nil
			}
		}
	}
}

func FuzzParsePayload(f *testing.F) {
	f.Add("<Request><Product><Skus><Sku><ItemId>9</ItemId><SkuId>1</SkuId><SellableQuantity>20</SellableQuantity></Sku></Skus></Product></Request>")
	f.Add("<Request><Product><Skus><Sku><ItemId>9</ItemId><SkuId>1</SkuId><SellableQuantity>20</SellableQuantity><MultiWarehouseInventories></MultiWarehouseInventories></Sku></Skus></Product></Request>")
	f.Add("<Request><Product><Skus><Sku><ItemId>9</ItemId><SkuId>2</SkuId><MultiWarehouseInventories><MultiWarehouseInventory><WarehouseCode>WH-A</WarehouseCode><SellableQuantity>3</SellableQuantity></MultiWarehouseInventory></MultiWarehouseInventories></Sku></Skus></Product></Request>")
	f.Add("<Request><Product><Skus><Sku><SkuId>2</SkuId><MultiWarehouseInventories/><SellableQuantity>1</SellableQuantity></Sku><Sku><SkuId>1</SkuId></Sku></Skus></Product></Request>")
	f.Add("<Request><Product><Skus></Skus></Product></Request>")
	f.Add("<Request><Product><Skus><Sku><SellableQuantity>x</SellableQuantity></Sku>")
	s := New(Config{})
	s.AddSKU("9", "1", "S1", "", 5, 0)
	s.AddSKU("9", "2", "S2", "WH-A", 5, 0)
	f.Fuzz(func(t *testing.T, raw string) {
		skus, code, msg := s.parsePayload(raw)
		if code != "" {
			if skus != nil || msg == "" {
				t.Fatalf("refusal %s %q came with SKUs %v", code, msg, skus)
			}
			return
		}
		if len(skus) == 0 || len(skus) > 50 {
			t.Fatalf("accepted %d SKUs", len(skus))
		}
		children, err := skuChildren(raw)
		if err != nil {
			t.Fatalf("accepted a payload the tokenizer refuses: %v", err)
		}
		if len(children) != len(skus) {
			t.Fatalf("parsed %d SKUs, the payload has %d", len(skus), len(children))
		}
		for i, x := range skus {
			k, ok := s.lookup(x.SkuID)
			if !ok {
				continue
			}
			if _, msg := quantity(k, x); msg != "" {
				continue
			}
			plain, multi := slices.Contains(children[i], "SellableQuantity"), slices.Contains(children[i], "MultiWarehouseInventories")
			if single := k.Warehouse == ""; plain != single || multi == single {
				t.Fatalf("sku %s (warehouse %q) accepted with children %v", x.SkuID, k.Warehouse, children[i])
			}
		}
	})
}
