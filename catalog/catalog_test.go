package catalog_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/edged/edged/catalog"
)

func testCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.New(catalog.Config{Items: []catalog.Item{
		{SKU: "PEN-BLUE", GTINs: []string{"4006381333931"}, Aliases: []string{"pen"},
			EPCPatterns: []string{"urn:epc:idpat:sgtin:4006381.033393.*"}},
		{SKU: "WIDGET", GTINs: []string{"80614141123458"},
			EPCPatterns: []string{"urn:epc:pat:sgtin-96:3.0614141.812345.*"}},
		{SKU: "WIDGET-SPECIAL", EPCPatterns: []string{"urn:epc:id:sgtin:0614141.812345.1"}},
		{SKU: "PALLET", EPCPatterns: []string{"urn:epc:idpat:sscc:0614141.*"}},
		{SKU: "ANY-GRAI", EPCPatterns: []string{"urn:epc:id:grai:*"}},
		{SKU: "UPC", GTINs: []string{"036000291452"}},
		{SKU: "EAN8", GTINs: []string{"96385074"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLookup(t *testing.T) {
	c := testCatalog(t)
	cases := map[string]string{
		"PEN-BLUE": "PEN-BLUE", "pen": "PEN-BLUE", "4006381333931": "PEN-BLUE",
		"04006381333931": "PEN-BLUE", "036000291452": "UPC", "0036000291452": "UPC",
		"96385074": "EAN8", "00000096385074": "EAN8",
		"4006381333932": "", "nothing": "",
	}
	for code, want := range cases {
		if got, _ := c.Lookup(code); got != want {
			t.Errorf("Lookup(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestEPC(t *testing.T) {
	c := testCatalog(t)
	cases := map[string]string{
		"urn:epc:id:sgtin:4006381.033393.77":         "PEN-BLUE",
		"urn:epc:tag:sgtin-96:3.0614141.812345.6789": "WIDGET",
		"urn:epc:tag:sgtin-96:1.0614141.812345.6789": "", // filter differs
		"urn:epc:id:sgtin:0614141.812345.1":          "WIDGET-SPECIAL",
		"urn:epc:id:sgtin:0614141.812345.12":         "",
		"urn:epc:id:sscc:0614141.1234567890":         "PALLET",
		"urn:epc:id:grai:0614141.12345.400":          "ANY-GRAI",
		"urn:epc:raw:96.x35000000":                   "",
	}
	for uri, want := range cases {
		if got, _ := c.EPC(uri); got != want {
			t.Errorf("EPC(%q) = %q, want %q", uri, got, want)
		}
	}
}

func TestLookupsDoNotAllocate(t *testing.T) {
	c := testCatalog(t)
	n := testing.AllocsPerRun(100, func() {
		c.Lookup("4006381333931")
		c.Lookup("pen")
		c.EPC("urn:epc:tag:sgtin-96:3.0614141.812345.6789")
		c.EPC("urn:epc:id:grai:0614141.12345.400")
	})
	if n != 0 {
		t.Errorf("lookups allocate %v times", n)
	}
}

func TestNewErrors(t *testing.T) {
	_, err := catalog.New(catalog.Config{Items: []catalog.Item{
		{SKU: "A", GTINs: []string{"4006381333931", "04006381333931", "123"}, Aliases: []string{"x"}},
		{SKU: "B", GTINs: []string{"4006381333931"}, Aliases: []string{"x", "A"},
			EPCPatterns: []string{"urn:epc:idpat:sgtin:*.033393.1", "urn:epc:idpat:sgtin:0614141.[1-2]", "garbage"}},
		{SKU: "C", Aliases: []string{"80614141123458"}},
		{SKU: "D", GTINs: []string{"80614141123458"}},
		{SKU: ""},
	}})
	if err == nil {
		t.Fatal("New accepted a broken catalog")
	}
	for _, want := range []string{
		"items[0].gtins[1]: duplicate entry",
		"items[0].gtins[2]: invalid entry",
		"items[1].gtins[0]: conflicting entry",
		"items[1].aliases[0]: conflicting entry",
		"items[1].aliases[1]: conflicting entry",
		"items[1].epc_patterns[0]: invalid entry",
		"items[1].epc_patterns[1]: invalid entry",
		"items[1].epc_patterns[2]: invalid entry",
		"items[2].aliases[0]: conflicting entry",
		"items[4].sku: invalid entry",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if !errors.Is(err, catalog.ErrConflict) || !errors.Is(err, catalog.ErrDuplicate) {
		t.Errorf("error does not wrap the sentinels: %v", err)
	}
}

func TestNormalizeGTIN(t *testing.T) {
	if g, err := catalog.NormalizeGTIN("036000291452"); err != nil || g != "00036000291452" {
		t.Errorf("NormalizeGTIN = %q, %v", g, err)
	}
	if _, err := catalog.NormalizeGTIN("036000291453"); !errors.Is(err, catalog.ErrInvalid) {
		t.Errorf("bad check digit accepted: %v", err)
	}
}

func TestUnitCost(t *testing.T) {
	c, err := catalog.New(catalog.Config{Items: []catalog.Item{{SKU: "A", UnitCost: "12.50"}, {SKU: "B"}}})
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := c.UnitCost("A"); !ok || v != "12.50" {
		t.Fatalf("A: %q %v", v, ok)
	}
	if _, ok := c.UnitCost("B"); ok {
		t.Fatal("B has no cost")
	}
	for _, bad := range []string{"-1", "1.2.3", "12,50", ".5", "abc"} {
		if _, err := catalog.New(catalog.Config{Items: []catalog.Item{{SKU: "A", UnitCost: bad}}}); err == nil || !strings.Contains(err.Error(), "items[0].unit_cost") {
			t.Errorf("unit_cost %q: %v", bad, err)
		}
	}
}
