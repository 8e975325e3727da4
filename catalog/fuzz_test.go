package catalog_test

import (
	"testing"

	"github.com/edged/edged/catalog"
)

// FuzzNew feeds arbitrary GTINs, aliases and EPC patterns: New must not
// panic, and whatever it accepts must resolve back to its SKU.
func FuzzNew(f *testing.F) {
	f.Add("4006381333931", "pen", "urn:epc:idpat:sgtin:4006381.033393.*", "urn:epc:id:sgtin:4006381.033393.7")
	f.Add("96385074", "x", "urn:epc:pat:sgtin-96:3.*", "urn:epc:tag:sgtin-96:3.0614141.812345.1")
	f.Add("1", "", "urn:epc:*", "urn:epc:raw:96.x00")
	f.Fuzz(func(t *testing.T, gtin, alias, pattern, uri string) {
		c, err := catalog.New(catalog.Config{Items: []catalog.Item{
			{SKU: "S", GTINs: []string{gtin}, Aliases: []string{alias}, EPCPatterns: []string{pattern}},
		}})
		if err != nil {
			return
		}
		if sku, ok := c.Lookup(gtin); !ok || sku != "S" {
			t.Fatalf("accepted GTIN %q does not resolve: %q", gtin, sku)
		}
		if sku, ok := c.Lookup(alias); !ok || sku != "S" {
			t.Fatalf("accepted alias %q does not resolve: %q", alias, sku)
		}
		if sku, ok := c.EPC(uri); ok && sku != "S" {
			t.Fatalf("EPC(%q) = %q", uri, sku)
		}
	})
}
