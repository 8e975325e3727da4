package shopify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/shopify/shopifysim"
	"github.com/edged/edged/relay/simkit"
	"github.com/edged/edged/relay/simkit/golden"
)

// goldenToken is the Admin API token of the golden requests; the
// reference has no Shopify fixture, and Shopify signs no request.
const goldenToken = "shpat_golden_access_token"

// fixedKey replaces the random idempotency key in golden files; the test
// checks the real key's form and places before replacing it.
const fixedKey = "00000000-0000-4000-8000-000000000000"

var keyRe = regexp.MustCompile(`gid://edged-relay/StockPush/([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})"`)

// levels are the available quantities the recording server and the
// simulator report, by item|location.
var levels = map[string]int64{
	gid("InventoryItem", 43729076) + "|" + gid("Location", 1): 7,
	gid("InventoryItem", 43729076) + "|" + gid("Location", 2): 0,
	gid("InventoryItem", 43729077) + "|" + gid("Location", 1): 12,
}

func sfItem(item, location int, q int64) relay.Item {
	return relay.Item{Target: relay.Target{Channel: relay.Shopify, Item: gid("InventoryItem", item), Location: gid("Location", location),
		Variant: fmt.Sprint(item + 1000)}, Qty: q}
}

// docMutation is the documented inventorySetQuantities request (§1.1);
// decoding into it with unknown fields refused checks the shape.
type docMutation struct {
	Query     string `json:"query"`
	Variables struct {
		Input struct {
			Name                 string `json:"name"`
			Reason               string `json:"reason"`
			ReferenceDocumentURI string `json:"referenceDocumentUri"`
			Quantities           []struct {
				InventoryItemID    string `json:"inventoryItemId"`
				LocationID         string `json:"locationId"`
				Quantity           *int64 `json:"quantity"`
				ChangeFromQuantity *int64 `json:"changeFromQuantity"`
				CompareQuantity    *int64 `json:"compareQuantity"`
			} `json:"quantities"`
		} `json:"input"`
	} `json:"variables"`
}

func TestGoldenStockUpdate(t *testing.T) {
	cases := []struct {
		name, version string
		items         []relay.Item
	}{
		{"stock-update", "2026-04", []relay.Item{sfItem(43729076, 1, 20)}},
		{"stock-update-multi-location", "2026-04", []relay.Item{sfItem(43729076, 1, 20), sfItem(43729076, 2, 5), sfItem(43729077, 1, 0)}},
		{"stock-update-2025-10", "2025-10", []relay.Item{sfItem(43729076, 1, 20)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reqs := pushRecorded(t, c.version, c.items)
			if len(reqs) != len(c.items)+1 {
				t.Fatalf("%d requests, want a level read per pair and one mutation", len(reqs))
			}
			for _, r := range reqs[:len(c.items)] {
				checkRequest(t, r, c.version, "query Level(")
			}
			m := reqs[len(reqs)-1]
			checkRequest(t, m, c.version, "mutation SetAvailable(")
			key := checkMutation(t, m, c.version, c.items)
			normal := reqs[len(reqs)-1]
			normal.Body = bytes.ReplaceAll(m.Body, []byte(key), []byte(fixedKey))
			golden.Compare(t, golden.Path(c.name), golden.Render(append(reqs[:len(reqs)-1:len(reqs)-1], normal)...))
			replay(t, c.version, reqs)
		})
	}
}

// pushRecorded runs the client's Push against a server that records the
// raw requests, answers level reads from levels and takes mutations.
func pushRecorded(t *testing.T, version string, items []relay.Item) []simkit.Request {
	t.Helper()
	srv := golden.NewRecorder(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Query     string            `json:"query"`
			Variables map[string]string `json:"variables"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		w.Header().Set("Content-Type", "application/json")
		if strings.Contains(req.Query, "inventorySetQuantities") {
			fmt.Fprint(w, `{"data":{"inventorySetQuantities":{"userErrors":[]}}}`)
			return
		}
		fmt.Fprintf(w, `{"data":{"inventoryItem":{"inventoryLevel":{"quantities":[{"name":"available","quantity":%d}]}}}}`,
			levels[req.Variables["item"]+"|"+req.Variables["location"]])
	}))
	c, err := shopify.New(shopify.Config{BaseURL: srv.URL, AccessToken: goldenToken, APIVersion: version}, srv.Client(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range c.Push(context.Background(), items) {
		if r.Err != nil {
			t.Fatalf("push %s at %s: %v", r.Item.Target.Item, r.Item.Target.Location, r.Err)
		}
	}
	return srv.Requests()
}

func checkRequest(t *testing.T, r simkit.Request, version, op string) {
	t.Helper()
	if path := "/admin/api/" + version + "/graphql.json"; r.Method != http.MethodPost || r.Path != path || r.RawQuery != "" {
		t.Errorf("request %s %s?%s, want POST %s", r.Method, r.Path, r.RawQuery, path)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	if tok := r.Header.Get("X-Shopify-Access-Token"); tok != goldenToken {
		t.Errorf("X-Shopify-Access-Token %q", tok)
	}
	var b struct {
		Query string `json:"query"`
	}
	if err := json.Unmarshal(r.Body, &b); err != nil || !strings.HasPrefix(b.Query, op) {
		t.Errorf("body is not the %s operation (%v):\n%s", op, err, r.Body)
	}
}

// checkMutation checks the mutation against the documented input and the
// version's compare-and-swap and idempotency rules, and returns the
// idempotency key.
func checkMutation(t *testing.T, r simkit.Request, version string, items []relay.Item) string {
	t.Helper()
	var m docMutation
	d := json.NewDecoder(bytes.NewReader(r.Body))
	d.DisallowUnknownFields()
	if err := d.Decode(&m); err != nil {
		t.Fatalf("mutation is not the documented shape: %v\n%s", err, r.Body)
	}
	in := m.Variables.Input
	if in.Name != "available" || in.Reason != "correction" || len(in.Quantities) != len(items) {
		t.Errorf("input name %q reason %q with %d quantities", in.Name, in.Reason, len(in.Quantities))
	}
	for i, q := range in.Quantities {
		if i >= len(items) {
			break
		}
		want := items[i]
		level := levels[want.Target.Item+"|"+want.Target.Location]
		cas, other := q.ChangeFromQuantity, q.CompareQuantity
		if version < "2026-01" {
			cas, other = other, cas
		}
		if q.InventoryItemID != want.Target.Item || q.LocationID != want.Target.Location || q.Quantity == nil || *q.Quantity != want.Qty ||
			cas == nil || *cas != level || other != nil {
			t.Errorf("quantities[%d] = %+v, want %s at %s = %d from %d", i, q, want.Target.Item, want.Target.Location, want.Qty, level)
		}
	}
	found := keyRe.FindSubmatch(r.Body)
	if found == nil {
		t.Fatalf("no UUIDv4 idempotency key in referenceDocumentUri:\n%s", r.Body)
	}
	key := string(found[1])
	directive := fmt.Sprintf(`@idempotent(key: %q)`, key)
	if has := strings.Contains(m.Query, directive); has != (version >= "2026-01") {
		t.Errorf("version %s: directive %s present=%v in\n%s", version, directive, has, m.Query)
	}
	if n, want := bytes.Count(r.Body, []byte(key)), map[bool]int{true: 2, false: 1}[version >= "2026-01"]; n != want {
		t.Errorf("key appears %d times, want %d", n, want)
	}
	return key
}

// replay sends the recorded requests, real key included, to the
// simulator, which must take the mutation as it stands.
func replay(t *testing.T, version string, reqs []simkit.Request) {
	t.Helper()
	sim := shopifysim.New(shopifysim.Config{AccessToken: goldenToken})
	for k, q := range levels {
		item, loc, _ := strings.Cut(k, "|")
		sim.AddItem(item, loc, "v"+item, q, false)
	}
	srv := golden.NewServer(t, sim.Handler())
	var ans struct {
		Data struct {
			Set struct {
				UserErrors []json.RawMessage `json:"userErrors"`
			} `json:"inventorySetQuantities"`
		} `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	var body []byte
	for _, r := range reqs {
		body = golden.Send(t, srv, r)
	}
	if json.Unmarshal(body, &ans) != nil || len(ans.Errors) > 0 || ans.Data.Set.UserErrors == nil || len(ans.Data.Set.UserErrors) > 0 {
		t.Errorf("simulator refused the golden %s mutation: %s", version, body)
	}
}
