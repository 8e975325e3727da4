package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/edged/edged/config"
	"github.com/edged/edged/internal/broker"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
	"github.com/edged/edged/uplink/mqtt"
)

const defaultConfig = "/etc/edged-relay/relay.yaml"

func newRunCmd() *cobra.Command {
	var path string
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run the relay (an embedded MQTT broker when none is configured)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(path)
			if err != nil {
				return fmt.Errorf("configuration: %w", err)
			}
			return runRelay(cmd.Context(), cmd, cfg)
		},
	}
	cmd.Flags().StringVar(&path, "config", defaultConfig, "configuration file")
	return cmd
}

func newCheckCmd() *cobra.Command {
	var path string
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check the configuration and the mapping file; exit 1 listing every problem",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(path)
			if err == nil {
				err = cfg.Validate()
			}
			if err == nil {
				_, err = readMapping(cfg.Mapping)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "OK %s\n", path)
			return nil
		},
	}
	cmd.Flags().StringVar(&path, "config", defaultConfig, "configuration file")
	return cmd
}

func loadConfig(path string) (server.Config, error) {
	var cfg server.Config
	data, err := os.ReadFile(path)
	if err != nil {
		return cfg, err
	}
	loadErr := config.Load(&cfg, os.Environ(), config.Source{Name: path, Data: data})
	cfg.Defaults(hostname())
	if k := cfg.Secrets.KeyFile; k != "" && !filepath.IsAbs(k) {
		cfg.Secrets.KeyFile = filepath.Join(filepath.Dir(path), k)
	}
	if st := cfg.Store; st != "" && !pgstore.IsDSN(st) && !filepath.IsAbs(st) {
		cfg.Store = filepath.Join(filepath.Dir(path), st)
	}
	if cfg.Mapping != "" && !filepath.IsAbs(cfg.Mapping) {
		cfg.Mapping = filepath.Join(filepath.Dir(path), cfg.Mapping)
	}
	// The key file is checked here, after its path is resolved, and its
	// problems are reported with the configuration's.
	return cfg, errors.Join(loadErr, checkKeyFile(cfg.Secrets), readConsoleToken(&cfg.Console, filepath.Dir(path)))
}

func readMapping(path string) (*stock.Mapping, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	defer f.Close()
	return stock.ParseMapping(f, path)
}

func runRelay(ctx context.Context, cmd *cobra.Command, cfg server.Config) error {
	secrets := channelSecrets(cfg.Channels)
	log, err := logger(cmd.ErrOrStderr(), cfg.Log.Level, cfg.Log.Format, secrets.List)
	if err != nil {
		return err
	}
	key, err := configuredKey(cfg.Secrets)
	if err != nil {
		return err
	}
	m, err := readMapping(cfg.Mapping)
	if err != nil {
		return err
	}
	url, stopBroker, err := brokerURL(cfg.MQTT, log)
	if err != nil {
		return err
	}
	defer stopBroker()
	tlsConfig, err := relayTLS(cfg.MQTT)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.HTTP.Listen)
	if err != nil {
		return fmt.Errorf("http.listen %s: %w", cfg.HTTP.Listen, err)
	}
	s, err := server.New(ctx, cfg, server.Parts{Mapping: m, BrokerURL: url, TLS: tlsConfig, Listener: ln, Logger: log, Version: version(), Host: hostname(),
		Secrets: secrets, Key: key})
	if err != nil {
		return err
	}
	attrs := []any{"broker", url, "status", "http://" + ln.Addr().String() + "/"}
	if cfg.Console.Enabled() {
		attrs = append(attrs, "console", "http://"+ln.Addr().String()+"/console/")
	}
	log.Info("relay running", attrs...)
	return s.Run(ctx)
}

// brokerURL is the configured broker, or an embedded one started here:
// with mqtt.embedded_users only they may connect, the relay among them
// with mqtt.username and mqtt.password; without, only on loopback.
func brokerURL(m server.MQTTConfig, log interface{ Info(string, ...any) }) (string, func(), error) {
	if m.Broker != "" {
		return m.Broker, func() {}, nil
	}
	if len(m.EmbeddedUsers) > 0 && !broker.Authenticate(m.EmbeddedUsers, m.Username, []byte(m.Password.Reveal())) {
		return "", nil, fmt.Errorf("mqtt.password does not match the password_hash of mqtt.embedded_users %q: "+
			"the relay could not connect to its own broker; print the hash of the password with `relay hash-password`", m.Username)
	}
	ln, err := net.Listen("tcp", m.Embedded)
	if err != nil {
		return "", nil, fmt.Errorf("mqtt.embedded %s: %w", m.Embedded, err)
	}
	b, err := broker.Start(ln, broker.Options{Users: m.EmbeddedUsers}, nil)
	if err != nil {
		ln.Close()
		return "", nil, fmt.Errorf("mqtt.embedded %s: %w", m.Embedded, err)
	}
	log.Info("embedded MQTT broker", "url", b.URL(), "users", len(m.EmbeddedUsers))
	return b.URL(), func() { b.Close() }, nil
}

func relayTLS(m server.MQTTConfig) (*tls.Config, error) {
	if m.TLS.CA == "" && m.TLS.Cert == "" {
		return nil, nil
	}
	var pems [3][]byte
	for i, p := range []string{m.TLS.CA, m.TLS.Cert, m.TLS.Key} {
		if p == "" {
			continue
		}
		var err error
		if pems[i], err = os.ReadFile(p); err != nil {
			return nil, fmt.Errorf("mqtt.tls: %w", err)
		}
	}
	return mqtt.NewTLSConfig(pems[0], pems[1], pems[2], "")
}

// hostname is the machine's name, or "" when the system has none.
func hostname() string {
	h, _ := os.Hostname()
	return h
}
