package connect

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
)

// GenerateHint is how to make a key, for error messages.
const GenerateHint = "generate one with `head -c 32 /dev/urandom > /etc/edged-relay/secrets.key && chmod 600 /etc/edged-relay/secrets.key`"

// ErrNoKey means neither a key file nor a key variable is configured.
var ErrNoKey = errors.New("connect: no secrets key configured: set secrets.key_file (or secrets.key_env) in the relay configuration; " + GenerateHint)

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

// LoadKey reads the key from file or, when file is empty, from the
// environment variable env (looked up with lookup, os.LookupEnv in
// production). Errors name the source and how to fix it.
func LoadKey(file, env string, lookup func(string) (string, bool)) ([]byte, error) {
	switch {
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("secrets.key_file: %w; %s", err, GenerateHint)
		}
		k, err := ParseKey(b)
		if err != nil {
			return nil, fmt.Errorf("secrets.key_file %s: %w; %s", file, err, GenerateHint)
		}
		return k, nil
	case env != "":
		v, ok := lookup(env)
		if !ok || v == "" {
			return nil, fmt.Errorf("secrets.key_env: the variable %s is not set; export it with a key, "+
				"e.g. %s=$(head -c 32 /dev/urandom | base64)", env, env)
		}
		k, err := ParseKey([]byte(v))
		if err != nil {
			return nil, fmt.Errorf("secrets.key_env %s: %w", env, err)
		}
		return k, nil
	}
	return nil, ErrNoKey
}
