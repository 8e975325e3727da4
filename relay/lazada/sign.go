package lazada

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// Sign returns the request signature: upper-case hex HMAC-SHA256 keyed with
// the app secret over apiPath (without /rest) followed by name+value of every
// parameter except sign, sorted by name, empty values skipped.
func Sign(secret, apiPath string, params map[string]string) string {
	names := make([]string, 0, len(params))
	for k, v := range params {
		if k != "sign" && v != "" {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	var b strings.Builder
	b.WriteString(apiPath)
	for _, k := range names {
		b.WriteString(k)
		b.WriteString(params[k])
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(b.String()))
	return strings.ToUpper(hex.EncodeToString(m.Sum(nil)))
}

// PushSignature is the lower-case hex HMAC-SHA256(secret, appKey + body)
// that Lazada sends in the Authorization header of a push.
func PushSignature(secret, appKey string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(appKey))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// VerifyPush checks a push's Authorization header in constant time.
func VerifyPush(secret, appKey string, body []byte, auth string) bool {
	want := PushSignature(secret, appKey, body)
	return len(body) > 0 && hmac.Equal([]byte(want), []byte(strings.ToLower(strings.TrimSpace(auth))))
}
