package server

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/edged/edged/config"
	"github.com/edged/edged/internal/broker"
	"github.com/edged/edged/internal/logfmt"
	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/lazada"
	"github.com/edged/edged/relay/shopee"
	"github.com/edged/edged/relay/shopify"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
	"github.com/edged/edged/relay/tiktok"
)

// Config is relay.yaml. Zero fields take their defaults.
type Config struct {
	// Store is the relay's bbolt file (one relay), or a PostgreSQL DSN,
	// postgres://user@host/db, that several relays share. Default
	// /var/lib/edged-relay/relay.db. Keep a DSN's password out of the
	// file: EDGED_STORE sets it from the environment, or leave the password
	// out and let PostgreSQL's PGPASSWORD or ~/.pgpass supply it.
	Store string `mapstructure:"store"`
	// Fleet tunes several relays on one PostgreSQL store.
	Fleet FleetConfig `mapstructure:"fleet"`
	// Mapping is the CSV of each SKU's listing on each channel (see
	// relay/stock.ParseMapping). Required.
	Mapping string `mapstructure:"mapping"`
	// Stock sets the safety buffers and the allowed gateways.
	Stock stock.Config `mapstructure:"stock"`
	// Intake sets the gap hold.
	Intake intake.Config `mapstructure:"intake"`
	// MQTT is the broker; an empty broker starts an embedded one.
	MQTT MQTTConfig `mapstructure:"mqtt"`
	// Channels are the marketplaces; a channel without a base_url is off.
	Channels Channels `mapstructure:"channels"`
	// ReconcileEvery pushes every listing again at this period, repairing
	// what a marketplace changed on its own. Default 10 minutes.
	ReconcileEvery time.Duration `mapstructure:"reconcile_every"`
	// DiscoverEvery re-reads every channel's listings at this period and
	// shows on the status page how the mapping file drifted from them
	// (see relay/discover). Default 6h; 0 turns the check off.
	DiscoverEvery *time.Duration `mapstructure:"discover_every"`
	// HTTP serves the status page and the webhooks.
	HTTP HTTPConfig `mapstructure:"http"`
	// Secrets holds the key that seals the channels' stored connections.
	Secrets SecretsConfig `mapstructure:"secrets"`
	// Audit sets how long the central audit trail keeps its rows.
	Audit AuditConfig `mapstructure:"audit"`
	// Console is the seller's web console under /console/: its users
	// and bearer token (see ConsoleConfig); off while neither is set.
	Console ConsoleConfig `mapstructure:"console"`
	// Log sets the level (debug, info, warn, error; default info) and the
	// format (text, json or journal; default journal under systemd, else
	// text: see internal/logfmt).
	Log struct {
		Level  string `mapstructure:"level"`
		Format string `mapstructure:"format"`
	} `mapstructure:"log"`
}

// MQTTConfig is the relay's broker connection.
type MQTTConfig struct {
	// Broker is tcp://host:1883 or ssl://host:8883; empty: embedded.
	Broker string `mapstructure:"broker"`
	// Embedded is where the embedded broker listens. Default 127.0.0.1:1883.
	Embedded   string        `mapstructure:"embedded"`
	ClientID   string        `mapstructure:"client_id"`
	Username   string        `mapstructure:"username"`
	Password   config.Secret `mapstructure:"password"`
	ShareGroup string        `mapstructure:"share_group"`
	TLS        struct {
		CA   string `mapstructure:"ca"`
		Cert string `mapstructure:"cert"`
		Key  string `mapstructure:"key"`
	} `mapstructure:"tls"`

	// EmbeddedUsers, when set, are the only clients the embedded broker
	// lets in (name and password_hash from `relay hash-password`); the
	// relay connects as Username. Required when Embedded is not loopback.
	EmbeddedUsers []broker.User `mapstructure:"embedded_users"`
}

// validateEmbedded refuses an anonymous embedded broker beyond loopback
// (anyone could send deltas) and users the relay is not one of.
func (m MQTTConfig) validateEmbedded() []error {
	if m.Broker != "" {
		return nil
	}
	var errs []error
	if len(m.EmbeddedUsers) == 0 && m.Embedded != "" && !broker.Loopback(m.Embedded) {
		errs = append(errs, fmt.Errorf("mqtt.embedded %s listens beyond this machine; configure mqtt.embedded_users or listen on 127.0.0.1", m.Embedded))
	}
	for _, err := range broker.CheckUsers(m.EmbeddedUsers) {
		errs = append(errs, fmt.Errorf("mqtt.embedded_users%w", err)) // err starts with its [index]
	}
	if len(m.EmbeddedUsers) > 0 && !slices.ContainsFunc(m.EmbeddedUsers, func(u broker.User) bool { return u.Name == m.Username }) {
		errs = append(errs, fmt.Errorf("mqtt.username: %q is not in mqtt.embedded_users; the relay connects to its embedded broker as one of them (set mqtt.username and mqtt.password)", m.Username))
	}
	return errs
}

// Channels holds one configuration per marketplace.
type Channels struct {
	Shopify shopify.Config `mapstructure:"shopify"`
	Lazada  lazada.Config  `mapstructure:"lazada"`
	Shopee  shopee.Config  `mapstructure:"shopee"`
	TikTok  tiktok.Config  `mapstructure:"tiktok"`
}

// Secrets are the configured keys and tokens, which no output may show.
func (c Channels) Secrets() []string {
	return []string{
		c.Shopify.AccessToken, c.Shopify.ClientSecret,
		c.Lazada.AccessToken, c.Lazada.AppSecret,
		c.Shopee.AccessToken, c.Shopee.RefreshToken, c.Shopee.PartnerKey,
		c.TikTok.AccessToken, c.TikTok.AppSecret,
	}
}

// HTTPConfig is the status page and webhook listener.
type HTTPConfig struct {
	// Listen is the address. Default 127.0.0.1:9338. Webhooks are under
	// /webhooks/<channel>: publish this listener through a TLS proxy.
	Listen string `mapstructure:"listen"`
}

// Defaults fills zero fields; host is the machine's name, for the default
// fleet.instance.
func (c *Config) Defaults(host string) {
	if c.Store == "" {
		c.Store = "/var/lib/edged-relay/relay.db"
	}
	if c.MQTT.Embedded == "" {
		c.MQTT.Embedded = "127.0.0.1:1883"
	}
	if c.ReconcileEvery == 0 {
		c.ReconcileEvery = 10 * time.Minute
	}
	if c.HTTP.Listen == "" {
		c.HTTP.Listen = "127.0.0.1:9338"
	}
	c.Fleet.defaults(host, c.HTTP.Listen)
	if c.MQTT.ClientID == "" && c.MQTT.ShareGroup != "" {
		c.MQTT.ClientID = "relay-" + c.Fleet.Instance // one client id per instance
	}
}

// Validate reports every problem with its key.
func (c *Config) Validate() error {
	var errs []error
	if c.Mapping == "" {
		errs = append(errs, errors.New("mapping: required; the CSV of each SKU's listings (channel,sku,site,item,variant,location,seller_sku)"))
	}
	if err := c.Stock.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("stock: %w", err))
	}
	for _, ch := range c.Channels.enabled() {
		if err := ch.validate(); err != nil {
			errs = append(errs, fmt.Errorf("channels.%s: %w", ch.name, err))
		}
	}
	if c.DiscoverEvery != nil && *c.DiscoverEvery < 0 {
		errs = append(errs, errors.New("discover_every: must not be negative; 0 turns the drift check off"))
	}
	if c.ReconcileEvery < 0 {
		errs = append(errs, errors.New("reconcile_every: must not be negative"))
	}
	if c.MQTT.ShareGroup != "" && !pgstore.IsDSN(c.Store) { // an empty store is the default bbolt file
		errs = append(errs, fmt.Errorf("mqtt.share_group: %q splits the gateways between relays, but store %q is a bbolt file "+
			"that only this relay sees: each relay would keep part of the stock and push its own quantities (split brain). "+
			"Give every relay the same PostgreSQL store (store: postgres://user@host/db, or EDGED_STORE), or remove share_group to run one relay",
			c.MQTT.ShareGroup, c.Store))
	}
	errs = append(errs, c.MQTT.validateEmbedded()...)
	errs = append(errs, c.Fleet.validate()...)
	errs = append(errs, c.Secrets.validate()...)
	errs = append(errs, c.Audit.validate()...)
	errs = append(errs, c.Console.validate()...)
	if err := logfmt.Check(c.Log.Level, c.Log.Format); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// channelConf is one enabled channel.
type channelConf struct {
	name     string
	validate func() error
}

func (ch Channels) enabled() []channelConf {
	var out []channelConf
	if ch.Shopify.BaseURL != "" {
		out = append(out, channelConf{"shopify", ch.Shopify.Validate})
	}
	if ch.Lazada.BaseURL != "" {
		out = append(out, channelConf{"lazada", ch.Lazada.Validate})
	}
	if ch.Shopee.BaseURL != "" {
		out = append(out, channelConf{"shopee", ch.Shopee.Validate})
	}
	if ch.TikTok.BaseURL != "" {
		out = append(out, channelConf{"tiktok", ch.TikTok.Validate})
	}
	return out
}
