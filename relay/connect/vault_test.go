package connect_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/connect"
)

func key(b byte) []byte { return bytes.Repeat([]byte{b}, connect.KeySize) }

func vault(t *testing.T, b byte) *connect.Vault {
	t.Helper()
	v, err := connect.NewVault(key(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

var token = relay.Token{Channel: relay.Shopee, Shop: "8001", Access: "access-secret-1", Refresh: "refresh-secret-1",
	AccessExpires: time.Date(2026, 5, 1, 4, 0, 0, 0, time.UTC), Scopes: []string{"item"}, Extra: map[string]string{"region": "SG"}}

func TestVaultRoundTrip(t *testing.T) {
	v := vault(t, 1)
	sealed, err := v.Seal(token)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, []byte("secret")) {
		t.Fatal("the sealed record shows the token")
	}
	again, _ := v.Seal(token)
	if bytes.Equal(sealed, again) {
		t.Error("two seals of one token are equal: the nonce is not random")
	}
	got, err := v.Open(relay.Shopee, sealed)
	if err != nil || got.Access != token.Access || got.Refresh != token.Refresh || !got.AccessExpires.Equal(token.AccessExpires) || got.Extra["region"] != "SG" {
		t.Errorf("Open: %+v, %v", got, err)
	}
}

func TestVaultWrongKeyNamesNoKey(t *testing.T) {
	sealed, _ := vault(t, 1).Seal(token)
	_, err := vault(t, 2).Open(relay.Shopee, sealed)
	if !errors.Is(err, connect.ErrWrongKey) {
		t.Fatalf("Open with another key: %v, want ErrWrongKey", err)
	}
	for _, k := range [][]byte{key(1), key(2)} {
		for _, form := range []string{string(k), hex.EncodeToString(k), base64.StdEncoding.EncodeToString(k)} {
			if strings.Contains(err.Error(), form) {
				t.Errorf("the error shows a key: %v", err)
			}
		}
	}
	if !strings.Contains(err.Error(), "secrets.key_file") || !strings.Contains(err.Error(), "relay connect shopee") {
		t.Errorf("the error does not say how to fix it: %v", err)
	}
}

func TestVaultDetectsTampering(t *testing.T) {
	v := vault(t, 1)
	sealed, _ := v.Seal(token)
	for i := range sealed {
		if i >= 1 && i < 5 {
			continue // the key id: a wrong key, tested above
		}
		bad := bytes.Clone(sealed)
		bad[i] ^= 0x40
		if _, err := v.Open(relay.Shopee, bad); !errors.Is(err, connect.ErrTampered) {
			t.Fatalf("byte %d flipped: %v, want ErrTampered", i, err)
		}
	}
	if _, err := v.Open(relay.Lazada, sealed); !errors.Is(err, connect.ErrTampered) {
		t.Errorf("Shopee's record opened as Lazada's: %v", err)
	}
	if _, err := v.Open(relay.Shopee, sealed[:20]); !errors.Is(err, connect.ErrTampered) {
		t.Errorf("a truncated record: %v", err)
	}
}

func TestParseKeyForms(t *testing.T) {
	k := []byte("0123456789abcdef0123456789ABCDEF")
	for name, in := range map[string]string{"raw": string(k), "hex": hex.EncodeToString(k) + "\n",
		"base64": base64.StdEncoding.EncodeToString(k) + "\n", "base64url": base64.RawURLEncoding.EncodeToString(k)} {
		got, err := connect.ParseKey([]byte(in))
		if err != nil || !bytes.Equal(got, k) {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
	_, err := connect.ParseKey([]byte("hunter2hunter2"))
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("a short key: %v", err)
	}
}
