package tiktoksim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

func reply(w http.ResponseWriter, status, code int, msg string, data any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"code": code, "message": msg, "request_id": "202311071", "data": data})
}

// authorize checks the common parameters and the signature over the raw
// request; it answers and returns nil on failure.
func (s *Sim) authorize(w http.ResponseWriter, r *http.Request) []byte {
	body, _ := io.ReadAll(r.Body)
	q := r.URL.Query()
	switch {
	case q.Get("app_key") != s.cfg.AppKey || q.Get("sign") == "":
		reply(w, 401, 36009004, "invalid app_key or missing sign", nil)
	case !s.fresh(q.Get("timestamp")):
		reply(w, 401, 36009004, "timestamp is outside [now-300s, now+30s]", nil)
	case q.Get("shop_cipher") == "":
		reply(w, 400, 106013, "shop_cipher is required", nil)
	case s.badToken(w, r):
	case r.Method == http.MethodPost && r.Header.Get("Content-Type") != "application/json":
		reply(w, 400, 36009022, "content-type must be application/json", nil)
	case !hmac.Equal([]byte(sign(s.cfg.AppSecret, r.URL.Path, q, body)), []byte(q.Get("sign"))):
		reply(w, 401, 106001, "invalid sign", nil)
	case !s.win.Allow(s.cfg.Now(), s.cfg.RatePerSecond):
		reply(w, 429, 36009002, "Too many requests", nil)
	default:
		return body // io.ReadAll never returns nil
	}
	return nil
}

func (s *Sim) fresh(v string) bool {
	if len(v) != 10 {
		return false
	}
	ts, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return false
	}
	d := time.Unix(ts, 0).Sub(s.cfg.Now())
	return d >= -300*time.Second && d <= 30*time.Second
}

// sign is the simulator's own implementation of the request signature.
func sign(secret, path string, q url.Values, body []byte) string {
	var keys []string
	for k := range q {
		if k != "sign" && k != "access_token" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString(secret + path)
	for _, k := range keys {
		b.WriteString(k + q.Get(k))
	}
	b.Write(body)
	b.WriteString(secret)
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(b.String()))
	return hex.EncodeToString(m.Sum(nil))
}

func (s *Sim) orderDetail(w http.ResponseWriter, r *http.Request) {
	if s.authorize(w, r) == nil {
		return
	}
	id := r.URL.Query().Get("ids")
	s.mu.Lock()
	lines, status := s.orders[id], s.status[id]
	s.mu.Unlock()
	if lines == nil {
		reply(w, 200, 21011001, "order not found", nil)
		return
	}
	reply(w, 200, 0, "Success", map[string]any{"orders": []any{map[string]any{"id": id, "status": status, "line_items": lines}}})
}
