package shopifysim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/edged/edged/relay/shopify/shopifysim"
)

const (
	item = "gid://shopify/InventoryItem/1"
	loc  = "gid://shopify/Location/1"
)

func quantities(n int, extra string) string {
	qs := make([]string, n)
	for i := range qs {
		qs[i] = fmt.Sprintf(`{"inventoryItemId":"%s","locationId":"%s","quantity":3%s}`, item, loc, extra)
	}
	return strings.Join(qs, ",")
}

func TestSimulatorChecks(t *testing.T) {
	sim := shopifysim.New(shopifysim.Config{AccessToken: "tok", BucketSize: 70, RestoreRate: 0.001})
	srv := sim.Start()
	defer srv.Close()
	sim.AddItem(item, loc, "11", 5, false)
	post := func(version, ctype, key, qs string) (int, string) {
		directive := ""
		if key != "" {
			directive = fmt.Sprintf(`@idempotent(key: \"%s\")`, key)
		}
		body := fmt.Sprintf(`{"query":"mutation { inventorySetQuantities(input: $input) %s { userErrors { code } } }","variables":{"input":{"name":"available","reason":"correction","quantities":[%s]}}}`, directive, qs)
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/admin/api/"+version+"/graphql.json", strings.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("X-Shopify-Access-Token", "tok")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var g struct {
			Data struct {
				Set struct{ UserErrors []struct{ Code string } } `json:"inventorySetQuantities"`
			}
			Errors []struct{ Extensions struct{ Code string } }
		}
		json.NewDecoder(resp.Body).Decode(&g)
		switch {
		case len(g.Errors) > 0:
			return resp.StatusCode, g.Errors[0].Extensions.Code
		case len(g.Data.Set.UserErrors) > 0:
			return resp.StatusCode, g.Data.Set.UserErrors[0].Code
		}
		return resp.StatusCode, ""
	}
	cases := []struct {
		name, version, ctype, key, qs string
		status                        int
		code                          string
	}{
		{"unknown version", "2019-01", "application/json", "k0", quantities(1, `,"changeFromQuantity":5`), 404, ""},
		{"content type", "2026-04", "text/plain", "k0", quantities(1, `,"changeFromQuantity":5`), 415, ""},
		{"key required", "2026-04", "application/json", "", quantities(1, `,"changeFromQuantity":5`), 200, "IDEMPOTENCY_KEY_REQUIRED"},
		{"changeFrom required", "2026-04", "application/json", "k1", quantities(1, ""), 200, "INVALID"},
		{"compare required", "2025-10", "application/json", "", quantities(1, ""), 200, "COMPARE_QUANTITY_REQUIRED"},
		{"stale", "2026-01", "application/json", "k2", quantities(1, `,"changeFromQuantity":4`), 200, "CHANGE_FROM_QUANTITY_STALE"},
		{"duplicate pair", "2026-04", "application/json", "k3", quantities(2, `,"changeFromQuantity":5`), 200, "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR"},
		{"over 250", "2026-04", "application/json", "k4", quantities(251, `,"changeFromQuantity":5`), 200, "INVALID"},
		{"ok", "2026-04", "application/json", "k5", quantities(1, `,"changeFromQuantity":5`), 200, ""},
		{"throttled once the bucket is empty", "2026-04", "application/json", "k6", quantities(1, `,"changeFromQuantity":3`), 200, "THROTTLED"},
	}
	for _, c := range cases {
		status, code := post(c.version, c.ctype, c.key, c.qs)
		if status != c.status || code != c.code {
			t.Errorf("%s: %d %q, want %d %q", c.name, status, code, c.status, c.code)
		}
	}
	if l, _ := sim.Stock.Get(item + "|" + loc); l.Available != 3 {
		t.Errorf("available %d, want 3: only the accepted mutation applies", l.Available)
	}
}
