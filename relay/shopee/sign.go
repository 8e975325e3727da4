package shopee

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// Sign returns the shop API signature: lower-case hex HMAC-SHA256 keyed with
// the partner key over partner_id + path + timestamp + access_token +
// shop_id. With an empty token and shop id 0 it is the public API signature.
func Sign(partnerKey string, partnerID int64, path string, ts int64, token string, shopID int64) string {
	base := strconv.FormatInt(partnerID, 10) + path + strconv.FormatInt(ts, 10)
	if token != "" || shopID != 0 {
		base += token + strconv.FormatInt(shopID, 10)
	}
	return SignBase(partnerKey, base)
}

// SignBase signs a ready-made base string.
func SignBase(partnerKey, base string) string {
	m := hmac.New(sha256.New, []byte(partnerKey))
	m.Write([]byte(base))
	return hex.EncodeToString(m.Sum(nil))
}

// PushSignature is hex HMAC-SHA256(partnerKey, callbackURL + "|" + body).
func PushSignature(partnerKey, callbackURL string, body []byte) string {
	return SignBase(partnerKey, callbackURL+"|"+string(body))
}

// VerifyPush checks a push's Authorization header in constant time.
func VerifyPush(partnerKey, callbackURL string, body []byte, auth string) bool {
	want := PushSignature(partnerKey, callbackURL, body)
	return len(body) > 0 && hmac.Equal([]byte(want), []byte(strings.ToLower(strings.TrimSpace(auth))))
}
