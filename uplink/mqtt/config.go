package mqtt

import (
	"errors"
	"fmt"
	"net/url"
	"time"
)

// Config is the broker connection. The zero value of every field means
// its default; Broker and ClientID are required.
type Config struct {
	// Broker is the URL: tcp://host:1883 or ssl://host:8883.
	Broker string `mapstructure:"broker"`
	// ClientID is the gateway id (also the username and certificate CN
	// under the recommended mosquitto configuration).
	ClientID string `mapstructure:"client_id"`
	// Username defaults to ClientID; Password is optional.
	Username string `mapstructure:"username"`
	Password string `mapstructure:"password"`
	// KeepAlive is the MQTT keepalive: 30 s to 240 s, default 60 s
	// (below the ~270 s some carrier NATs allow).
	KeepAlive time.Duration `mapstructure:"keepalive"`
	// PingTimeout is how long a PINGRESP may take. Default 15 s.
	PingTimeout time.Duration `mapstructure:"ping_timeout"`
	// ConnectTimeout bounds TCP, TLS and CONNACK. Default 20 s.
	ConnectTimeout time.Duration `mapstructure:"connect_timeout"`
	// WriteTimeout bounds one packet write. Default 20 s.
	WriteTimeout time.Duration `mapstructure:"write_timeout"`
	// UserTimeout is TCP_USER_TIMEOUT: unacknowledged data older than
	// this drops the connection. Default 90 s.
	UserTimeout time.Duration `mapstructure:"user_timeout"`
	// AllowShortKeepAlive lifts the 30 s lower bound (tests only).
	AllowShortKeepAlive bool `mapstructure:"-"`
}

// WithDefaults returns c with zero fields set to their defaults.
func (c Config) WithDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&c.KeepAlive, time.Minute)
	def(&c.PingTimeout, 15*time.Second)
	def(&c.ConnectTimeout, 20*time.Second)
	def(&c.WriteTimeout, 20*time.Second)
	def(&c.UserTimeout, 90*time.Second)
	if c.Username == "" {
		c.Username = c.ClientID
	}
	return c
}

// Validate returns every problem, each naming its field as "mqtt.<field>".
func (c Config) Validate() error {
	c = c.WithDefaults()
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("mqtt.%s: "+format, append([]any{field}, args...)...))
	}
	if u, err := url.Parse(c.Broker); err != nil || u.Host == "" || !validScheme(u.Scheme) {
		bad("broker", "%q must be tcp://host:port, ssl://host:port or mqtts://host:port", c.Broker)
	}
	if c.ClientID == "" {
		bad("client_id", "is required (the gateway id)")
	}
	if !c.AllowShortKeepAlive && (c.KeepAlive < 30*time.Second || c.KeepAlive > 240*time.Second) {
		bad("keepalive", "%s must be 30s to 240s", c.KeepAlive)
	}
	for _, d := range []struct {
		f string
		v time.Duration
	}{{"ping_timeout", c.PingTimeout}, {"connect_timeout", c.ConnectTimeout}, {"write_timeout", c.WriteTimeout}, {"user_timeout", c.UserTimeout}, {"keepalive", c.KeepAlive}} {
		if d.v <= 0 {
			bad(d.f, "%s must be positive", d.v)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrConfig, errors.Join(errs...))
	}
	return nil
}

func validScheme(s string) bool { return s == "tcp" || s == "ssl" || s == "tls" || s == "mqtts" }
