package wire

import "time"

// Event mirrors ledger.Event field by field with the same JSON names, so
// the relay sees exactly what the gateway recorded.
type Event struct {
	ID          string    `json:"id"`
	Type        string    `json:"type"`
	SKU         string    `json:"sku"`
	Location    string    `json:"location"`
	ToLocation  string    `json:"to_location,omitempty"`
	Qty         int64     `json:"qty"`
	Damaged     bool      `json:"damaged,omitempty"`
	UnitCost    *int64    `json:"unit_cost,omitempty"` // minor units; nil when absent
	Time        time.Time `json:"time"`
	ClockSynced bool      `json:"clock_synced"`
	User        string    `json:"user,omitempty"`
	Device      string    `json:"device,omitempty"`
	Reason      string    `json:"reason,omitempty"`
	Order       string    `json:"order,omitempty"`
	EPC         string    `json:"epc,omitempty"`
	CountID     string    `json:"count_id,omitempty"`
	Seq         uint64    `json:"seq"`
	Postings    []Posting `json:"postings,omitempty"`
	Book        int64     `json:"book,omitempty"`
	COGS        int64     `json:"cogs,omitempty"`
	ValueDelta  int64     `json:"value_delta,omitempty"`
}

// Posting is one balance change made by an event, with the balance after.
type Posting struct {
	Location string `json:"location"`
	State    string `json:"state"` // "on_hand" or "damaged"
	Delta    int64  `json:"delta"`
	After    int64  `json:"after"`
}
