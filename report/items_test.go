package report_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/edged/edged/report"
)

const itemsCSV = "sku,price,reorder_point,safety_stock,lead_time_days,serialized\n" +
	"A1,2.50,5,2,,\nC1,8,,1,5,false\nT1,,,,,true\n"

func TestParseItems(t *testing.T) {
	items, err := report.ParseItems(strings.NewReader(itemsCSV))
	if err != nil {
		t.Fatal(err)
	}
	want := []report.Item{{SKU: "A1", Price: "2.50", ReorderPoint: 5, SafetyStock: 2},
		{SKU: "C1", Price: "8", SafetyStock: 1, LeadTimeDays: 5}, {SKU: "T1", Serialized: true}}
	if len(items) != len(want) {
		t.Fatalf("items %+v", items)
	}
	for i := range want {
		if items[i] != want[i] {
			t.Errorf("item %d = %+v, want %+v", i, items[i], want[i])
		}
	}
}

func TestParseItemsErrorsNameTheLine(t *testing.T) {
	for in, want := range map[string]string{
		"sku,price\n": "header",
		"sku,price,reorder_point,safety_stock,lead_time_days,serialized\nA,1.2.3,,,,\n": "line 2",
		"sku,price,reorder_point,safety_stock,lead_time_days,serialized\nA,,-1,,,\n":    "reorder_point",
		"sku,price,reorder_point,safety_stock,lead_time_days,serialized\nA,,,,,maybe\n": "serialized",
	} {
		_, err := report.ParseItems(strings.NewReader(in))
		if !errors.Is(err, report.ErrItems) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want ErrItems naming %s", in, err, want)
		}
	}
}

func FuzzParseItems(f *testing.F) {
	f.Add([]byte(itemsCSV))
	f.Add([]byte("sku,price,reorder_point,safety_stock,lead_time_days,serialized\n\"A,\",1.005,1,1,1,1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := report.ParseItems(bytes.NewReader(data))
		if err != nil {
			return
		}
		// whatever parses is a valid configuration
		if err := (report.Config{Items: items}).Validate("report"); err != nil {
			t.Fatalf("parsed items do not validate: %v", err)
		}
	})
}

func TestConfigValidateNamesFields(t *testing.T) {
	err := report.Config{ABC: report.ABCConfig{AShare: 0.9, BShare: 0.2}, SlowShare: 2,
		Items: []report.Item{{SKU: "X", Price: "abc"}, {SKU: "X"}}}.Validate("report")
	for _, want := range []string{"report.abc", "report.slow_share", "report.items[0].price", "report.items[1].sku"} {
		if !errors.Is(err, report.ErrConfig) || !strings.Contains(err.Error(), want) {
			t.Errorf("%v does not name %s", err, want)
		}
	}
}

func TestParseOrders(t *testing.T) {
	o, err := report.ParseOrders(strings.NewReader("order,sku,qty\nO1,A1,4\nO2,A1,3\nO2,A1,4\nO2,B1,1\n"))
	if err != nil || len(o) != 2 || o["O1"]["A1"] != 4 || o["O2"]["A1"] != 7 || o["O2"]["B1"] != 1 {
		t.Fatalf("orders %v %v", o, err)
	}
	if _, err := report.ParseOrders(strings.NewReader("order,sku,qty\nO1,A1,0\n")); !errors.Is(err, report.ErrOrders) || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("zero quantity: %v", err)
	}
}

func FuzzParseOrders(f *testing.F) {
	f.Add([]byte("order,sku,qty\nO1,A1,4\nO2,A1,3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := report.ParseOrders(bytes.NewReader(data))
		if err != nil {
			return
		}
		for id, lines := range o {
			for sku, q := range lines {
				if id == "" || sku == "" || q <= 0 || q > 1_000_000_000 {
					t.Fatalf("accepted %q %q %d", id, sku, q)
				}
			}
		}
	})
}
