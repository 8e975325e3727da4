package shopeesim

import (
	"encoding/json"
	"net/http"

	"github.com/edged/edged/relay/simkit"
)

// lostPush is a push the relay did not acknowledge, kept for recovery.
type lostPush struct {
	id   int64
	body []byte
}

// keepLost stores a push given up by the emitter (Shopee keeps them 3 days).
func (s *Sim) keepLost(d simkit.Delivery) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lostSeq++
	s.lost = append(s.lost, lostPush{id: s.lostSeq, body: d.Body})
}

// Lost returns how many pushes wait to be recovered.
func (s *Sim) Lost() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.lost)
}

// lostMessages serves the earliest 100 unconsumed pushes.
func (s *Sim) lostMessages(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, false) {
		return
	}
	s.mu.Lock()
	page := s.lost[:min(len(s.lost), 100)]
	more := len(s.lost) > len(page)
	list := make([]map[string]any, 0, len(page))
	last := int64(0)
	for _, p := range page {
		var m map[string]json.RawMessage
		json.Unmarshal(p.body, &m)
		list = append(list, map[string]any{"shop_id": s.cfg.ShopID, "code": m["code"], "timestamp": m["timestamp"], "data": string(m["data"])})
		last = p.id
	}
	s.mu.Unlock()
	reply(w, "", "", map[string]any{"has_next_page": more, "last_message_id": last, "push_message_list": list})
}

// confirmLost drops the pushes up to last_message_id.
func (s *Sim) confirmLost(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, false) {
		return
	}
	var req struct {
		LastMessageID int64 `json:"last_message_id"`
	}
	if json.NewDecoder(r.Body).Decode(&req) != nil {
		reply(w, "error_param", "last_message_id is required", nil)
		return
	}
	s.mu.Lock()
	for len(s.lost) > 0 && s.lost[0].id <= req.LastMessageID {
		s.lost = s.lost[1:]
	}
	s.mu.Unlock()
	reply(w, "", "", map[string]any{})
}
