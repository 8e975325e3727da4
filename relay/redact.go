package relay

import (
	"net/url"
	"strings"
)

// Redacted is what [Redact] puts in place of a secret.
const Redacted = "REDACTED"

// MinSecretLen is the shortest value [Redact] replaces wherever it
// appears; shorter ones (an unset field, a test's "x") would mangle
// ordinary text. Values of sensitive fields are redacted whatever their
// length.
const MinSecretLen = 6

// queryNames are the parameters (name=value) whose values are secrets,
// in lower case.
var queryNames = map[string]bool{
	"access_token": true, "refresh_token": true, "token": true,
	"app_secret": true, "client_secret": true, "partner_key": true, "secret": true,
	"sign": true, "signature": true, "hmac": true,
	"code": true, "auth_code": true, "password": true,
	"x-tts-access-token": true, "x-shopify-access-token": true,
}

// jsonNames are the JSON fields ("name": "value") whose values are
// secrets: the same as queryNames but "code", which in Lazada's and
// TikTok Shop's answers is the error code.
var jsonNames = func() map[string]bool {
	m := map[string]bool{}
	for k := range queryNames {
		m[k] = k != "code"
	}
	return m
}()

// Redact returns s with every given secret (and its query-escaped form)
// replaced by [Redacted], and the values of sensitive parameters
// (access_token=…, sign=…, code=…; names compared case-insensitively) and
// sensitive JSON string fields ("refresh_token": "…") replaced too. It is
// cheap when s holds none: it allocates only when it replaces.
func Redact(s string, secrets ...string) string {
	// Longest first, so that a secret that begins another does not leave
	// the other's end behind; without sorting, which would allocate.
	for prev := int(^uint(0) >> 1); ; {
		n := 0
		for _, v := range secrets {
			if len(v) < prev {
				n = max(n, len(v))
			}
		}
		if n < MinSecretLen {
			break
		}
		for _, v := range secrets {
			if len(v) == n {
				s = replaceSecret(s, v)
			}
		}
		prev = n
	}
	return redactFields(s)
}

func replaceSecret(s, v string) string {
	if e := url.QueryEscape(v); e != v {
		s = strings.ReplaceAll(s, e, Redacted)
	}
	return strings.ReplaceAll(s, v, Redacted)
}

// redactFields replaces the values of sensitive name=value parameters and
// "name":"value" JSON fields (also escaped inside a quoted string).
func redactFields(s string) string {
	if !strings.ContainsAny(s, "=:") {
		return s
	}
	var b strings.Builder
	last := 0 // s[last:] is not copied yet
	for i := 0; i < len(s); i++ {
		start, end := -1, -1
		switch s[i] {
		case '=':
			start, end = queryValue(s, i)
		case ':':
			start, end = jsonValue(s, i)
		}
		if start < 0 || end == start || s[start:end] == Redacted {
			continue
		}
		b.WriteString(s[last:start])
		b.WriteString(Redacted)
		last, i = end, end-1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// queryValue returns the bounds of the value after s[eq] == '=' when the
// name before it is sensitive, else -1, -1.
func queryValue(s string, eq int) (int, int) {
	if !queryNames[strings.ToLower(nameBefore(s, eq))] {
		return -1, -1
	}
	end := eq + 1
	for end < len(s) && !strings.ContainsRune("&;, \t\r\n\"'`<>()[]{}#\\", rune(s[end])) {
		end++
	}
	return eq + 1, end
}

// jsonValue returns the bounds of the string value after s[colon] == ':'
// when the field before it is sensitive, else -1, -1.
func jsonValue(s string, colon int) (int, int) {
	k := colon
	for k > 0 && s[k-1] == ' ' {
		k--
	}
	if k == 0 || s[k-1] != '"' {
		return -1, -1
	}
	k--
	if k > 0 && s[k-1] == '\\' {
		k--
	}
	if !jsonNames[strings.ToLower(nameBefore(s, k))] {
		return -1, -1
	}
	v := colon + 1
	for v < len(s) && s[v] == ' ' {
		v++
	}
	if v < len(s) && s[v] == '\\' {
		v++
	}
	if v >= len(s) || s[v] != '"' {
		return -1, -1
	}
	end := v + 1
	for end < len(s) && s[end] != '"' && s[end] != '\\' {
		end++
	}
	return v + 1, end
}

// nameBefore returns the parameter name that ends at s[end].
func nameBefore(s string, end int) string {
	i := end
	for i > 0 && isNameByte(s[i-1]) {
		i--
	}
	return s[i:end]
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}
