package connect

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// GenerateHint is how to make a key, for error messages.
const GenerateHint = "generate one with `head -c 32 /dev/urandom > /etc/edged-relay/secrets.key && chmod 600 /etc/edged-relay/secrets.key`"

// ParseKey reads a key as 32 raw bytes, 64 hexadecimal characters or
// base64 (standard or URL alphabet, padded or not) of 32 bytes; spaces
// and a trailing newline around the text forms are ignored. Its errors
// say which lengths were tried, never the bytes.
func ParseKey(b []byte) ([]byte, error) {
	if len(b) == KeySize {
		return append([]byte(nil), b...), nil
	}
	s := strings.TrimSpace(string(b))
	if len(s) == 2*KeySize {
		if k, err := hex.DecodeString(s); err == nil {
			return k, nil
		}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil && len(k) == KeySize {
			return k, nil
		}
	}
	return nil, fmt.Errorf("the key is %d bytes: want 32 raw bytes, 64 hex characters or base64 of 32 bytes", len(b))
}
