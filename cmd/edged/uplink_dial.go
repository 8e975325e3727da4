package main

import (
	"crypto/tls"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"

	"github.com/edged/edged/gateway"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/mqtt"
)

// uplinkDialer builds the MQTT dialer when a broker is configured,
// reading the TLS files named by the configuration.
func uplinkDialer(cfg gateway.Config, log *slog.Logger) (uplink.Dialer, error) {
	m := cfg.MQTT
	if m.Broker == "" {
		return nil, nil
	}
	tlsConfig, err := readTLS(m.TLS)
	if err != nil {
		return nil, err
	}
	return mqtt.NewDialer(mqtt.Config{Broker: m.Broker, ClientID: cfg.Gateway, Username: m.Username,
		Password: m.Password.Reveal(), KeepAlive: m.KeepAlive}, tlsConfig, log.With("part", "mqtt"))
}

func readTLS(f gateway.TLSFiles) (tlsConfig *tls.Config, err error) {
	if f.CA == "" && f.Cert == "" {
		return nil, nil
	}
	var pems [3][]byte
	for i, path := range []string{f.CA, f.Cert, f.Key} {
		if path == "" {
			continue
		}
		if pems[i], err = os.ReadFile(path); err != nil {
			return nil, fmt.Errorf("mqtt.tls: %w (is edged allowed to read it?)", err)
		}
	}
	return mqtt.NewTLSConfig(pems[0], pems[1], pems[2], f.ServerName)
}

// diskFree is the free space of the ledger's filesystem.
func diskFree(ledgerPath string) func() int64 {
	dir := filepath.Dir(ledgerPath)
	return func() int64 {
		var st unix.Statfs_t
		if unix.Statfs(dir, &st) != nil {
			return -1
		}
		return int64(st.Bavail) * int64(st.Bsize)
	}
}
