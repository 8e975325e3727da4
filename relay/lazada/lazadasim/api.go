package lazadasim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// reply writes Lazada's JSON envelope.
func reply(w http.ResponseWriter, code, msg string, extra map[string]any) {
	out := map[string]any{"code": code, "request_id": "0b8d7f1e1713" + code}
	if code != "0" {
		out["type"], out["message"] = "ISV", msg
	}
	for k, v := range extra {
		out[k] = v
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

// params merges the query and a form body, as Lazada does.
func params(r *http.Request) map[string]string {
	r.ParseForm()
	p := map[string]string{}
	for k, v := range r.Form {
		p[k] = v[0]
	}
	return p
}

// authorize checks the system parameters and the signature; it answers and
// returns false on failure.
func (s *Sim) authorize(w http.ResponseWriter, r *http.Request, apiPath string) (map[string]string, bool) {
	p := params(r)
	for _, k := range []string{"app_key", "timestamp", "sign_method", "sign", "access_token"} {
		if p[k] == "" {
			reply(w, "MissingParameter", "missing "+k, nil)
			return nil, false
		}
	}
	switch {
	case p["app_key"] != s.cfg.AppKey:
		reply(w, "InvalidAppKey", "app_key not found", nil)
	case p["sign_method"] != "sha256":
		reply(w, "InvalidSignMethod", "sign_method must be sha256", nil)
	case !s.tokenOK(p["access_token"]):
		reply(w, "IllegalAccessToken", "The specified access token is invalid or expired", nil)
	case !s.freshTimestamp(p["timestamp"]):
		reply(w, "InvalidTimestamp", "timestamp is out of the 7200 s window", nil)
	case !hmac.Equal([]byte(sign(s.cfg.AppSecret, apiPath, p)), []byte(p["sign"])):
		reply(w, "IncompleteSignature", "The request signature does not conform to platform standards", nil)
	case !s.win.Allow(s.cfg.Now(), s.cfg.RatePerSecond):
		reply(w, "901", "Limit service request speed in server side temporarily. API level QPS limiting flow, please retry in the next second", nil)
	default:
		return p, true
	}
	return nil, false
}

func (s *Sim) freshTimestamp(v string) bool {
	ms, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return false
	}
	d := s.cfg.Now().Sub(time.UnixMilli(ms))
	return d < 7200*time.Second && d > -7200*time.Second
}

// sign is the simulator's own implementation of Lazada's algorithm.
func sign(secret, apiPath string, p map[string]string) string {
	keys := make([]string, 0, len(p))
	for k, v := range p {
		if k != "sign" && v != "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(apiPath))
	for _, k := range keys {
		m.Write([]byte(k + p[k]))
	}
	return strings.ToUpper(hex.EncodeToString(m.Sum(nil)))
}

type xmlRequest struct {
	XMLName xml.Name `xml:"Request"`
	Skus    []xmlSku `xml:"Product>Skus>Sku"`
}

// xmlSku is one Sku element. Multi is non-nil whenever the element has a
// MultiWarehouseInventories child, even an empty one, so that the shape
// check sees the multi-warehouse form however little of it was sent.
type xmlSku struct {
	ItemID    string    `xml:"ItemId"`
	SkuID     string    `xml:"SkuId"`
	SellerSku string    `xml:"SellerSku"`
	Sellable  *int64    `xml:"SellableQuantity"`
	Multi     *xmlMulti `xml:"MultiWarehouseInventories"`
}

type xmlMulti struct {
	Warehouses []struct {
		Code     string `xml:"WarehouseCode"`
		Sellable int64  `xml:"SellableQuantity"`
	} `xml:"MultiWarehouseInventory"`
}

func (s *Sim) orderItems(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authorize(w, r, "/order/items/get")
	if !ok {
		return
	}
	units, status := s.orderUnits(p["order_id"])
	if units == nil {
		reply(w, "16", "order not found", nil)
		return
	}
	items := make([]map[string]any, len(units))
	for i, id := range units {
		k, _ := s.lookup(id)
		items[i] = map[string]any{"order_item_id": 1000 + i, "order_id": p["order_id"], "sku_id": id, "sku": k.SellerSku, "status": status}
	}
	reply(w, "0", "", map[string]any{"data": items})
}

func errf(format string, a ...any) string { return fmt.Sprintf(format, a...) }
