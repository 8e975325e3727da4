package shopifysim

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// Query costs charged to the bucket.
const (
	mutationCost = 10
	queryCost    = 2
)

type gqlRequest struct {
	Query     string                     `json:"query"`
	Variables map[string]json.RawMessage `json:"variables"`
}

func (s *Sim) graphql(w http.ResponseWriter, r *http.Request) {
	switch {
	case !s.tokenOK(r.Header.Get("X-Shopify-Access-Token")):
		http.Error(w, `{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}`, http.StatusUnauthorized)
		return
	case !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json"):
		http.Error(w, `{"errors":"Content-Type must be application/json"}`, http.StatusUnsupportedMediaType)
		return
	case !slices.Contains(s.cfg.Versions, r.PathValue("version")):
		http.Error(w, `{"errors":"Not Found"}`, http.StatusNotFound)
		return
	}
	var req gqlRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Query == "" {
		writeJSON(w, map[string]any{"errors": []any{map[string]any{"message": "Parse error: body is not a GraphQL request"}}})
		return
	}
	cost := float64(queryCost)
	if strings.Contains(req.Query, "inventorySetQuantities") {
		cost = mutationCost
	}
	ext, ok := s.charge(cost)
	if !ok {
		writeJSON(w, map[string]any{"errors": []any{map[string]any{"message": "Throttled",
			"extensions": map[string]any{"code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits"}}}, "extensions": ext})
		return
	}
	if strings.Contains(req.Query, "productVariants(") || strings.Contains(req.Query, "locations(") {
		writeJSON(w, s.listingQuery(req, ext))
		return
	}
	data := s.operation(r.PathValue("version"), req)
	writeJSON(w, map[string]any{"data": data, "extensions": ext})
}

func (s *Sim) operation(version string, req gqlRequest) any {
	switch {
	case strings.Contains(req.Query, "inventorySetQuantities"):
		return map[string]any{"inventorySetQuantities": s.setQuantities(version, req)}
	case strings.Contains(req.Query, "inventoryItem(") && strings.Contains(req.Query, "inventoryLevel("):
		return s.levelQuery(req)
	}
	return nil
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// charge takes cost from the leaky bucket and returns the cost extension.
func (s *Sim) charge(cost float64) (map[string]any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.Now()
	s.bucket = min(s.cfg.BucketSize, s.bucket+now.Sub(s.filled).Seconds()*s.cfg.RestoreRate)
	s.filled = now
	ok := s.bucket >= cost
	var actual any
	if ok {
		s.bucket -= cost
		actual = cost
	}
	return map[string]any{"cost": map[string]any{"requestedQueryCost": cost, "actualQueryCost": actual,
		"throttleStatus": map[string]any{"maximumAvailable": s.cfg.BucketSize, "currentlyAvailable": s.bucket, "restoreRate": s.cfg.RestoreRate}}}, ok
}

func (s *Sim) levelQuery(req gqlRequest) any {
	var item, loc string
	json.Unmarshal(req.Variables["item"], &item)
	json.Unmarshal(req.Variables["location"], &loc)
	l, ok := s.Stock.Get(item + "|" + loc)
	if !ok {
		return map[string]any{"inventoryItem": map[string]any{"inventoryLevel": nil}}
	}
	q := []any{map[string]any{"name": "available", "quantity": l.Available}}
	return map[string]any{"inventoryItem": map[string]any{"inventoryLevel": map[string]any{"quantities": q}}}
}

var idemRe = regexp.MustCompile(`@idempotent\(\s*key:\s*"([^"]*)"\s*\)`)
