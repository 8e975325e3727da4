package shopifysim

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

type quantityInput struct {
	InventoryItemID string          `json:"inventoryItemId"`
	LocationID      string          `json:"locationId"`
	Quantity        int64           `json:"quantity"`
	CompareQuantity *int64          `json:"compareQuantity"`
	ChangeFrom      json.RawMessage `json:"changeFromQuantity"` // absent, null or a number
}

type setInput struct {
	Name                  string          `json:"name"`
	Reason                string          `json:"reason"`
	ReferenceDocumentURI  *string         `json:"referenceDocumentUri"`
	IgnoreCompareQuantity *bool           `json:"ignoreCompareQuantity"`
	Quantities            []quantityInput `json:"quantities"`
}

var reasons = map[string]bool{"correction": true, "cycle_count_available": true, "damaged": true, "other": true,
	"promotion": true, "received": true, "restock": true, "shrinkage": true, "safety_stock": true, "quality_control": true}

type userError struct {
	Code    string   `json:"code"`
	Field   []string `json:"field"`
	Message string   `json:"message"`
}

func uerr(code, msg string, field ...string) userError {
	return userError{Code: code, Field: append([]string{"input"}, field...), Message: msg}
}

// setQuantities validates and applies the mutation; any userError fails it
// whole.
func (s *Sim) setQuantities(version string, req gqlRequest) any {
	key, hasKey := "", false
	if m := idemRe.FindStringSubmatch(req.Query); m != nil {
		key, hasKey = m[1], true
	}
	if version >= "2026-04" && !hasKey {
		return payload(uerr("IDEMPOTENCY_KEY_REQUIRED", "an @idempotent(key:) directive is required"))
	}
	vars := string(req.Variables["input"])
	if hasKey {
		if prev, busy, mismatch := s.idemStart(key, vars); prev != nil || busy || mismatch {
			return idemAnswer(prev, busy, mismatch)
		}
	}
	out := s.validateAndApply(version, req.Variables["input"])
	if hasKey {
		s.idemFinish(key, vars, out)
	}
	return out
}

func payload(errs ...userError) map[string]any {
	if errs == nil {
		errs = []userError{}
	}
	group := any(nil)
	if len(errs) == 0 {
		group = map[string]any{"id": "gid://shopify/InventoryAdjustmentGroup/1"}
	}
	return map[string]any{"inventoryAdjustmentGroup": group, "userErrors": errs}
}

func (s *Sim) validateAndApply(version string, raw json.RawMessage) map[string]any {
	var in setInput
	if err := json.Unmarshal(raw, &in); err != nil {
		return payload(uerr("INVALID", "input is malformed: "+err.Error()))
	}
	errs := s.checkInput(version, in)
	for i, q := range in.Quantities {
		errs = append(errs, s.checkQuantity(version, in, i, q)...)
	}
	if len(errs) > 0 {
		return payload(errs...)
	}
	for _, q := range in.Quantities {
		s.apply(in.Name, q)
	}
	return payload()
}

func (s *Sim) checkInput(version string, in setInput) []userError {
	var errs []userError
	if in.Name != "available" && in.Name != "on_hand" {
		errs = append(errs, uerr("INVALID_NAME", "name must be available or on_hand", "name"))
	}
	if !reasons[in.Reason] {
		errs = append(errs, uerr("INVALID_REASON", fmt.Sprintf("reason %q is not allowed", in.Reason), "reason"))
	}
	if in.ReferenceDocumentURI != nil {
		if u, err := url.Parse(*in.ReferenceDocumentURI); err != nil || u.Scheme == "" {
			errs = append(errs, uerr("INVALID_REFERENCE_DOCUMENT", "referenceDocumentUri must be a URI", "referenceDocumentUri"))
		}
	}
	if len(in.Quantities) > 250 {
		errs = append(errs, uerr("INVALID", "quantities holds more than 250 items", "quantities"))
	}
	if version >= "2026-04" && in.IgnoreCompareQuantity != nil {
		errs = append(errs, uerr("INVALID", "ignoreCompareQuantity was removed in 2026-04", "ignoreCompareQuantity"))
	}
	seen := map[string]bool{}
	for i, q := range in.Quantities {
		k := q.InventoryItemID + "|" + q.LocationID
		if seen[k] {
			errs = append(errs, uerr("NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR", "repeated item and location", "quantities", fmt.Sprint(i)))
		}
		seen[k] = true
	}
	return errs
}

func (s *Sim) checkQuantity(version string, in setInput, i int, q quantityInput) []userError {
	f := func(code, msg, field string) []userError {
		return []userError{uerr(code, msg, "quantities", fmt.Sprint(i), field)}
	}
	if !strings.HasPrefix(q.InventoryItemID, "gid://shopify/InventoryItem/") {
		return f("INVALID_INVENTORY_ITEM", "inventoryItemId must be an InventoryItem gid", "inventoryItemId")
	}
	if !strings.HasPrefix(q.LocationID, "gid://shopify/Location/") {
		return f("INVALID_LOCATION", "locationId must be a Location gid", "locationId")
	}
	s.mu.Lock()
	lv, stocked := s.levels[q.InventoryItemID+"|"+q.LocationID]
	s.mu.Unlock()
	switch {
	case !stocked:
		return f("ITEM_NOT_STOCKED_AT_LOCATION", "the item is not stocked at the location", "locationId")
	case lv.bundle:
		return f("NON_MUTABLE_INVENTORY_ITEM", "bundle inventory cannot be set", "inventoryItemId")
	case q.Quantity > 1e9:
		return f("INVALID_QUANTITY_TOO_HIGH", "quantity above 1,000,000,000", "quantity")
	case q.Quantity < -1e9:
		return f("INVALID_QUANTITY_TOO_LOW", "quantity below -1,000,000,000", "quantity")
	case q.Quantity < 0 && in.Name == "on_hand":
		return f("INVALID_QUANTITY_NEGATIVE", "on_hand cannot be negative", "quantity")
	}
	return s.checkCAS(version, in, q, f)
}
