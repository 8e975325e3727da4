package tiktok

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"slices"
	"strings"
)

// Sign returns the request signature: lower-case hex HMAC-SHA256 keyed with
// the app secret over secret + path + sorted key+value of the query (sign
// and access_token left out) + the exact body bytes + secret.
func Sign(secret, path string, query url.Values, body []byte) string {
	keys := make([]string, 0, len(query))
	for k := range query {
		if k != "sign" && k != "access_token" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString(secret)
	b.WriteString(path)
	for _, k := range keys {
		b.WriteString(k)
		b.WriteString(query.Get(k))
	}
	b.Write(body)
	b.WriteString(secret)
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(b.String()))
	return hex.EncodeToString(m.Sum(nil))
}

// WebhookSignature is hex HMAC-SHA256(secret, appKey + body), the
// Authorization header of a webhook.
func WebhookSignature(secret, appKey string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(appKey))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// VerifyWebhook checks a webhook's Authorization header in constant time.
func VerifyWebhook(secret, appKey string, body []byte, auth string) bool {
	want := WebhookSignature(secret, appKey, body)
	return len(body) > 0 && hmac.Equal([]byte(want), []byte(strings.ToLower(strings.TrimSpace(auth))))
}
