package gateway

import (
	"context"
	"fmt"
	"time"

	"github.com/edged/edged/config"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/wire"
)

// MQTTConfig is the broker the uplink sends to. Without a broker the
// gateway records into the ledger and sends nothing.
type MQTTConfig struct {
	// Broker is tcp://host:1883 or ssl://host:8883. Empty: no uplink.
	Broker string `mapstructure:"broker"`
	// Username defaults to the gateway id; Password is optional and
	// never logged.
	Username string        `mapstructure:"username"`
	Password config.Secret `mapstructure:"password"`
	// TLS names PEM files: the CA that signed the broker, and this
	// gateway's certificate (CN = gateway id) and key for mutual TLS.
	TLS TLSFiles `mapstructure:"tls"`
	// KeepAlive is the MQTT keepalive, 30 s to 240 s. Default 60 s.
	KeepAlive time.Duration `mapstructure:"keepalive"`
	// DrainOnStop is how long a stopping daemon waits for the relay to
	// acknowledge what is pending. Default 5 s; what is left is sent
	// after the next start.
	DrainOnStop time.Duration `mapstructure:"drain_on_stop"`
}

// TLSFiles are PEM file paths.
type TLSFiles struct {
	CA         string `mapstructure:"ca"`
	Cert       string `mapstructure:"cert"`
	Key        string `mapstructure:"key"`
	ServerName string `mapstructure:"server_name"`
}

// uplinkConfig is the uplink's configuration with the top-level ids.
func (c *Config) uplinkConfig() uplink.Config {
	u := c.Uplink
	u.Site, u.Gateway = c.Site, c.Gateway
	return u
}

func (c *Config) validateUplink() []error {
	var errs []error
	if c.Uplink.Site != "" || c.Uplink.Gateway != "" {
		errs = append(errs, fmt.Errorf("uplink.site, uplink.gateway: leave them out; the top-level site and gateway are used"))
	}
	if c.MQTT.Broker == "" {
		return errs
	}
	if err := c.uplinkConfig().Validate(); err != nil {
		errs = append(errs, prefixed("uplink.", err))
	}
	if (c.MQTT.TLS.Cert == "") != (c.MQTT.TLS.Key == "") {
		errs = append(errs, fmt.Errorf("mqtt.tls: cert and key go together (mutual TLS) or not at all"))
	}
	return errs
}

// newUplink builds the uplink when a broker is configured.
func (g *Gateway) newUplink(cfg Config) error {
	if cfg.MQTT.Broker == "" {
		g.log.Warn("no mqtt.broker configured: movements are recorded in the ledger but nothing is uplinked, " +
			"so the marketplaces will not see them; set mqtt.broker (e.g. tcp://relay.example:1883) to send them")
		return nil
	}
	if g.parts.UplinkDialer == nil {
		return fmt.Errorf("gateway: mqtt.broker is set but no uplink dialer was given")
	}
	u, err := uplink.New(cfg.uplinkConfig(), uplink.Deps{Outbox: g.parts.Ledger, Dialer: g.parts.UplinkDialer,
		Health: g, Reload: g.parts.OnReloadCommand, Logger: g.log.With("part", "uplink"), Version: g.parts.Version})
	g.uplink = u
	return err
}

// HostHealth is the gateway's part of the uplink's health message.
func (g *Gateway) HostHealth() uplink.HostHealth {
	h := uplink.HostHealth{DiskFreeBytes: -1}
	if g.parts.DiskFree != nil {
		h.DiskFreeBytes = g.parts.DiskFree()
	}
	if g.parts.ClockSynced != nil {
		h.ClockSynced = g.parts.ClockSynced()
	}
	for _, r := range g.readerHealth() {
		d := wire.DeviceHealth{ID: r.Name, Kind: "rfid", State: deviceState(r.State), ReadsPerSec: r.ReadsPerSecond,
			Errors: r.Reconnects + r.Drops, LastError: r.LastError}
		h.Devices = append(h.Devices, d)
	}
	for _, s := range g.scan.snapshot() {
		state := "down"
		if s.Online {
			state = "up"
		}
		h.Devices = append(h.Devices, wire.DeviceHealth{ID: s.Name, Kind: "scanner", State: state,
			LastRead: s.LastScan, Errors: s.Rejected, LastError: s.LastErr})
	}
	return h
}

func deviceState(s string) string {
	switch s {
	case "reading":
		return "up"
	case "connecting", "configuring":
		return "connecting"
	}
	return "down"
}

// startUplink runs the uplink until the returned stop function is
// called; stop first waits up to drain for the relay to acknowledge
// everything recorded.
func (g *Gateway) startUplink(drain time.Duration) func() {
	if g.uplink == nil {
		return func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = g.uplink.Run(ctx) }()
	return func() {
		g.waitAcked(drain)
		cancel()
		<-done
	}
}

func (g *Gateway) waitAcked(drain time.Duration) {
	deadline := time.Now().Add(drain)
	g.uplink.Notify()
	for time.Now().Before(deadline) {
		if st, err := g.parts.Ledger.Status(); err != nil || st.Pending == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// notifying is the ledger as tagflow and the floor workflows record into
// it: every recorded event wakes the uplink at once.
type notifying struct {
	*ledger.Ledger
	g *Gateway
}

func (n notifying) Append(ctx context.Context, e ledger.Event) (ledger.Result, error) {
	res, err := n.Ledger.Append(ctx, e)
	if err == nil && !res.Duplicate && n.g.uplink != nil {
		n.g.uplink.Notify()
	}
	return res, err
}
