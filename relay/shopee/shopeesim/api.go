package shopeesim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

func reply(w http.ResponseWriter, errCode, msg string, resp any) {
	w.Header().Set("Content-Type", "application/json")
	out := map[string]any{"error": errCode, "message": msg, "request_id": "e3e3e7f3" + errCode}
	if resp != nil {
		out["response"] = resp
	}
	json.NewEncoder(w).Encode(out)
}

// authorize checks the common query parameters; shop APIs also need the
// token and shop id. It answers and returns false on failure.
func (s *Sim) authorize(w http.ResponseWriter, r *http.Request, shop bool) bool {
	q := r.URL.Query()
	ts, terr := strconv.ParseInt(q.Get("timestamp"), 10, 64)
	base := q.Get("partner_id") + r.URL.Path + q.Get("timestamp")
	if shop {
		base += q.Get("access_token") + q.Get("shop_id")
	}
	switch {
	case q.Get("partner_id") != itoa(s.cfg.PartnerID) || q.Get("sign") == "":
		reply(w, "error_param", "Wrong partner_id or missing sign.", nil)
	case terr != nil || s.cfg.Now().Sub(time.Unix(ts, 0)).Abs() > 5*time.Minute:
		reply(w, "error_param", "Invalid timestamp", nil)
	case !hmac.Equal([]byte(sign(s.cfg.PartnerKey, base)), []byte(q.Get("sign"))):
		reply(w, "error_sign", "Wrong sign.", nil)
	case shop && (q.Get("shop_id") != itoa(s.cfg.ShopID) || !s.tokenOK(q.Get("access_token"))):
		reply(w, "error_auth", "Invalid access_token.", nil)
	case !s.win.Allow(s.cfg.Now(), s.cfg.RatePerSecond):
		reply(w, "error_system_busy", "Our system is taking some time to respond, please try later.", nil)
	default:
		return true
	}
	return false
}

// sign is the simulator's own implementation.
func sign(key, base string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(base))
	return hex.EncodeToString(m.Sum(nil))
}

func (s *Sim) orderDetail(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, true) {
		return
	}
	sn := r.URL.Query().Get("order_sn_list")
	s.mu.Lock()
	lines, status := s.orders[sn], s.status[sn]
	s.mu.Unlock()
	if lines == nil {
		reply(w, "error_not_found", "order not found", nil)
		return
	}
	var items []map[string]any
	for _, l := range lines {
		items = append(items, map[string]any{"item_id": l.item, "model_id": l.model, "model_quantity_purchased": l.qty})
	}
	reply(w, "", "", map[string]any{"order_list": []any{map[string]any{"order_sn": sn, "order_status": status, "item_list": items}}})
}
