package mqtt

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log/slog"
	"net"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/edged/edged/uplink"
)

// Dialer opens MQTT sessions for the uplink.
type Dialer struct {
	cfg Config
	tls *tls.Config
	log *slog.Logger
}

var _ uplink.Dialer = (*Dialer)(nil)

// NewDialer checks cfg. tlsConfig (from NewTLSConfig) is used for ssl://
// brokers, raised to at least TLS 1.2; nil means the system roots and no
// client certificate.
func NewDialer(cfg Config, tlsConfig *tls.Config, log *slog.Logger) (*Dialer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if tlsConfig != nil && tlsConfig.MinVersion < tls.VersionTLS12 {
		tlsConfig = tlsConfig.Clone()
		tlsConfig.MinVersion = tls.VersionTLS12 // never negotiate TLS 1.0 or 1.1
	}
	return &Dialer{cfg: cfg.WithDefaults(), tls: tlsConfig, log: log}, nil
}

// Dial connects, subscribes spec.Subscribe at QoS 1 and returns the
// session. It fails if ctx ends first.
func (d *Dialer) Dial(ctx context.Context, spec uplink.DialSpec) (uplink.Conn, error) {
	c := &conn{lost: make(chan struct{})}
	c.client = paho.NewClient(d.options(spec, c))
	if err := wait(ctx, c.client.Connect(), d.cfg.ConnectTimeout, "connect"); err != nil {
		c.client.Disconnect(0)
		return nil, err
	}
	if err := d.subscribe(ctx, c, spec); err != nil {
		c.client.Disconnect(0)
		return nil, err
	}
	return c, nil
}

func (d *Dialer) options(spec uplink.DialSpec, c *conn) *paho.ClientOptions {
	o := paho.NewClientOptions().AddBroker(d.cfg.Broker).SetClientID(d.cfg.ClientID).
		SetUsername(d.cfg.Username).SetPassword(d.cfg.Password).
		SetCleanSession(true).SetAutoReconnect(false).SetConnectRetry(false).SetOrderMatters(true).
		SetProtocolVersion(4).SetKeepAlive(d.cfg.KeepAlive).SetPingTimeout(d.cfg.PingTimeout).
		SetConnectTimeout(d.cfg.ConnectTimeout).SetWriteTimeout(d.cfg.WriteTimeout).
		SetConnectionLostHandler(func(_ paho.Client, err error) { c.setLost(err) }).
		SetDialer(&net.Dialer{Timeout: d.cfg.ConnectTimeout, Control: userTimeout(d.cfg.UserTimeout),
			KeepAliveConfig: net.KeepAliveConfig{Enable: true, Idle: d.cfg.KeepAlive, Interval: 10 * time.Second, Count: 3}})
	if spec.Will.Topic != "" {
		o.SetBinaryWill(spec.Will.Topic, spec.Will.Payload, spec.Will.QoS, spec.Will.Retain)
	}
	if d.tls != nil {
		o.SetTLSConfig(d.tls)
	}
	return o
}

func (d *Dialer) subscribe(ctx context.Context, c *conn, spec uplink.DialSpec) error {
	if len(spec.Subscribe) == 0 {
		return nil
	}
	filters := make(map[string]byte, len(spec.Subscribe))
	for _, f := range spec.Subscribe {
		filters[f] = 1
	}
	// In order (SetOrderMatters above): the relay's offline and online
	// states must not overtake each other. OnMessage does not block.
	handler := func(_ paho.Client, m paho.Message) {
		if spec.OnMessage != nil {
			spec.OnMessage(uplink.Message{Topic: m.Topic(), Payload: m.Payload(), QoS: m.Qos(), Retain: m.Retained()})
		}
	}
	tok := c.client.SubscribeMultiple(filters, handler)
	if err := wait(ctx, tok, d.cfg.ConnectTimeout, "subscribe"); err != nil {
		return err
	}
	for f, code := range tok.(*paho.SubscribeToken).Result() {
		if code >= 0x80 {
			return fmt.Errorf("%w: subscription to %q (code 0x%02x); check the broker ACL for %s", ErrRefused, f, code, d.cfg.ClientID)
		}
	}
	return nil
}

// wait waits for a paho token within timeout or until ctx ends.
func wait(ctx context.Context, tok paho.Token, timeout time.Duration, what string) error {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-tok.Done():
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return fmt.Errorf("%w: %s after %s", ErrTimeout, what, timeout)
	}
	if err := tok.Error(); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrRefused, what, err)
	}
	return nil
}
