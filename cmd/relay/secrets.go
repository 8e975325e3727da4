package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/edged/edged/relay/connect"
	"github.com/edged/edged/relay/server"
)

// errNoKey means neither a key file nor a key variable is configured.
var errNoKey = errors.New("no secrets key configured: set secrets.key_file (or secrets.key_env) in the relay configuration; " + connect.GenerateHint)

// loadKey reads the configured secrets key from its file or, for
// key_env, from the environment (looked up with lookup, os.LookupEnv in
// production). Errors name the source and how to fix it, never the key.
func loadKey(s server.SecretsConfig, lookup func(string) (string, bool)) ([]byte, error) {
	switch {
	case s.KeyFile != "":
		b, err := os.ReadFile(s.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("secrets.key_file: %w; %s", err, connect.GenerateHint)
		}
		k, err := connect.ParseKey(b)
		if err != nil {
			return nil, fmt.Errorf("secrets.key_file %s: %w; %s", s.KeyFile, err, connect.GenerateHint)
		}
		return k, nil
	case s.KeyEnv != "":
		v, ok := lookup(s.KeyEnv)
		if !ok || v == "" {
			return nil, fmt.Errorf("secrets.key_env: the variable %s is not set; export it with a key, "+
				"e.g. %s=$(head -c 32 /dev/urandom | base64)", s.KeyEnv, s.KeyEnv)
		}
		k, err := connect.ParseKey([]byte(v))
		if err != nil {
			return nil, fmt.Errorf("secrets.key_env %s: %w", s.KeyEnv, err)
		}
		return k, nil
	}
	return nil, errNoKey
}

// configuredKey is the key when one is configured, else nil.
func configuredKey(s server.SecretsConfig) ([]byte, error) {
	if !s.Configured() {
		return nil, nil
	}
	return loadKey(s, os.LookupEnv)
}

// checkKeyFile reports what is wrong with a configured key file: that it
// cannot be read or parsed, or that other users may read it.
func checkKeyFile(s server.SecretsConfig) error {
	if s.KeyFile == "" {
		return nil
	}
	if _, err := loadKey(server.SecretsConfig{KeyFile: s.KeyFile}, nil); err != nil {
		return err
	}
	return checkPrivate("secrets.key_file", s.KeyFile, "key")
}

// checkPrivate refuses a secret's file that other users may read.
func checkPrivate(key, path, what string) error {
	fi, err := os.Stat(path)
	if err == nil && fi.Mode().Perm()&0o007 != 0 {
		return fmt.Errorf("%s %s: mode %v lets other users read the %s; run `chmod 600 %s` (and chown it to the relay's user)",
			key, path, fi.Mode().Perm(), what, path)
	}
	return nil
}

// vaultOf reads the configured secrets key.
func vaultOf(cfg server.Config) (*connect.Vault, error) {
	k, err := loadKey(cfg.Secrets, os.LookupEnv)
	if err == nil {
		var v *connect.Vault
		if v, err = connect.NewVault(k); err == nil {
			return v, nil
		}
	}
	return nil, fmt.Errorf("secrets: %w", err)
}
