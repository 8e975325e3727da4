package shopifysim

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Sell takes an order of n units of variant (available → committed) and
// sends orders/create (and orders/paid). It returns the order id.
func (s *Sim) Sell(ctx context.Context, variant string, n int64) (string, bool) {
	l, ok := s.levelOfVariant(variant)
	if !ok || !s.Stock.Sell(l.item+"|"+l.location, n) {
		return "", false
	}
	s.mu.Lock()
	s.nextID++
	id := s.nextID
	o := &simOrder{ID: id, GID: fmt.Sprintf("gid://shopify/Order/%d", id), UpdatedAt: s.stamp(),
		LineItems: []simLine{{ID: id*10 + 1, VariantID: json.Number(variant), Quantity: n, CurrentQuantity: n}}}
	s.orders[fmt.Sprint(id)] = o
	body, _ := json.Marshal(o)
	s.mu.Unlock()
	topics := []string{"orders/create", "orders/paid"}
	if s.cfg.PaidBeforeCreate {
		slices.Reverse(topics)
	}
	for _, t := range topics {
		s.webhook(ctx, t, body)
	}
	return fmt.Sprint(id), true
}

// Cancel cancels an order, restores its units and sends orders/cancelled.
func (s *Sim) Cancel(ctx context.Context, id string, variant string, n int64) {
	if l, ok := s.levelOfVariant(variant); ok {
		s.Stock.Release(l.item+"|"+l.location, n)
	}
	s.mu.Lock()
	o, ok := s.orders[id]
	if !ok {
		o = &simOrder{}
		fmt.Sscan(id, &o.ID)
	}
	at := s.cfg.Now().Format(time.RFC3339)
	o.CancelledAt, o.UpdatedAt = &at, s.stamp()
	body, _ := json.Marshal(o)
	s.mu.Unlock()
	s.webhook(ctx, "orders/cancelled", body)
}

// Edit sets the current quantity of an order's line to n, as a merchant's
// order edit does (orderEditSetQuantity, then commit): the difference
// moves between available and committed, and orders/edited then
// orders/updated are sent. It reports false for an unknown order or line,
// or a raise that finds too little available.
func (s *Sim) Edit(ctx context.Context, id, variant string, n int64) bool {
	l, ok := s.levelOfVariant(variant)
	s.mu.Lock()
	o, known := s.orders[id]
	line := o.line(variant)
	if !ok || !known || line == nil || n < 0 {
		s.mu.Unlock()
		return false
	}
	d := n - line.CurrentQuantity
	if d > 0 && !s.Stock.Sell(l.item+"|"+l.location, d) {
		s.mu.Unlock()
		return false
	}
	s.Stock.Release(l.item+"|"+l.location, -min(d, 0))
	line.CurrentQuantity, line.Quantity, o.UpdatedAt = n, max(line.Quantity, n), s.stamp()
	edit, _ := json.Marshal(map[string]any{"order_edit": map[string]any{"order_id": o.ID, "committed": true,
		"line_items": map[string]any{"additions": []any{}, "removals": []any{}}}})
	body, _ := json.Marshal(o)
	s.mu.Unlock()
	s.webhook(ctx, "orders/edited", edit)
	s.webhook(ctx, "orders/updated", body)
	return true
}

// stamp is an updated_at: seconds, with the shop's offset, as Shopify writes it.
func (s *Sim) stamp() string { return s.cfg.Now().Format(time.RFC3339) }

// simOrder is the part of the REST order resource the simulator keeps.
type simOrder struct {
	ID          int64     `json:"id"`
	GID         string    `json:"admin_graphql_api_id"`
	CancelledAt *string   `json:"cancelled_at"`
	UpdatedAt   string    `json:"updated_at"`
	LineItems   []simLine `json:"line_items"`
}

type simLine struct {
	ID              int64       `json:"id"`
	VariantID       json.Number `json:"variant_id"`
	Quantity        int64       `json:"quantity"`
	CurrentQuantity int64       `json:"current_quantity"`
}

func (o *simOrder) line(variant string) *simLine {
	if o == nil {
		return nil
	}
	for i := range o.LineItems {
		if o.LineItems[i].VariantID.String() == variant {
			return &o.LineItems[i]
		}
	}
	return nil
}
