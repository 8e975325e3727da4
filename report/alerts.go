package report

import (
	"encoding/json"
	"fmt"
	"time"
)

// Publisher sends one message; the daemon wires it to the MQTT uplink.
type Publisher interface {
	Publish(topic string, payload []byte) error
}

// DeadAlert is one SKU of dead stock.
type DeadAlert struct {
	SKU      string    `json:"sku"`
	OnHand   int64     `json:"on_hand"`
	Value    string    `json:"value"` // at FIFO cost
	LastSale time.Time `json:"last_sale,omitzero"`
}

// AlertBatch is the payload of an alert message: the complete current
// list, so a consumer can replace what it shows (an empty list clears).
type AlertBatch[T any] struct {
	Kind   string    `json:"kind"` // "low_stock" or "dead_stock"
	At     time.Time `json:"at"`
	Alerts []T       `json:"alerts"`
}

// PublishAlerts publishes the low-stock list to topic+"/low_stock" and
// the dead-stock list to topic+"/dead_stock".
func PublishAlerts(pub Publisher, topic string, d *Dataset, deadDays int, at time.Time) error {
	low := LowStock(d)
	if low == nil {
		low = []Low{}
	}
	dead := []DeadAlert{}
	for _, s := range DeadStock(d, deadDays) {
		dead = append(dead, DeadAlert{s.SKU, s.CloseQty, money(s.CloseValue), s.LastSale})
	}
	if err := publishJSON(pub, topic+"/low_stock", AlertBatch[Low]{"low_stock", at.UTC(), low}); err != nil {
		return err
	}
	return publishJSON(pub, topic+"/dead_stock", AlertBatch[DeadAlert]{"dead_stock", at.UTC(), dead})
}

func publishJSON(pub Publisher, topic string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if err := pub.Publish(topic, b); err != nil {
		return fmt.Errorf("report: publish %s: %w", topic, err)
	}
	return nil
}
