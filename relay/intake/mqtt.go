package intake

import (
	"crypto/tls"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/edged/edged/uplink/wire"
)

// MQTTConfig is the relay's broker connection.
type MQTTConfig struct {
	// Broker is tcp://host:1883 or ssl://host:8883.
	Broker string `mapstructure:"broker"`
	// ClientID identifies this relay instance. Default "relay".
	ClientID string `mapstructure:"client_id"`
	Username string `mapstructure:"username"`
	Password string `mapstructure:"password"`
	// ShareGroup, when set, subscribes through $share/<group>/ so that
	// the relay instances of one group split the gateways.
	ShareGroup string `mapstructure:"share_group"`
}

// Client is the relay's MQTT session: it subscribes to every gateway's
// deltas and publishes acks, resync requests and its retained state.
type Client struct {
	c   paho.Client
	log *slog.Logger
}

// Connect opens the session and subscribes; handle receives every deltas
// message in order. paho reconnects by itself and subscribes again: the
// relay loses nothing by it, since gateways resend what is unacknowledged.
func Connect(cfg MQTTConfig, tlsConfig *tls.Config, log *slog.Logger, handle func(topic string, payload []byte)) (*Client, error) {
	if cfg.ClientID == "" {
		cfg.ClientID = "relay"
	}
	filter := wire.Filter(wire.KindDeltas)
	if cfg.ShareGroup != "" {
		filter = "$share/" + cfg.ShareGroup + "/" + filter
	}
	offline := wire.Encode(&wire.RelayState{Online: false})
	o := paho.NewClientOptions().AddBroker(cfg.Broker).SetClientID(cfg.ClientID).
		SetUsername(cfg.Username).SetPassword(cfg.Password).SetTLSConfig(tlsConfig).
		SetCleanSession(true).SetAutoReconnect(true).SetOrderMatters(true).
		SetConnectTimeout(20*time.Second).SetBinaryWill(wire.RelayStateTopic, offline, 1, true)
	cl := &Client{log: log}
	o.SetOnConnectHandler(func(c paho.Client) {
		c.Subscribe(filter, 1, func(_ paho.Client, m paho.Message) { handle(m.Topic(), m.Payload()) })
		online := wire.Encode(&wire.RelayState{Online: true, Time: time.Now().UTC()})
		c.Publish(wire.RelayStateTopic, 1, true, online)
	})
	cl.c = paho.NewClient(o)
	if t := cl.c.Connect(); !t.WaitTimeout(30*time.Second) || t.Error() != nil {
		return nil, fmt.Errorf("intake: connect to %s: %v", cfg.Broker, t.Error())
	}
	return cl, nil
}

// Publish sends a QoS 1 message and waits for the broker.
func (c *Client) Publish(topic string, payload []byte, retained bool) error {
	t := c.c.Publish(topic, 1, retained, payload)
	if !t.WaitTimeout(10 * time.Second) {
		return fmt.Errorf("intake: publish %s: no answer from the broker", topic)
	}
	return t.Error()
}

// Close announces the relay offline and disconnects.
func (c *Client) Close() {
	_ = c.Publish(wire.RelayStateTopic, wire.Encode(&wire.RelayState{Online: false, Time: time.Now().UTC()}), true)
	c.c.Disconnect(250)
}

// LatePublisher lets an Intake exist before the client it answers
// through: messages can arrive while Connect is still returning. Until
// Set, Publish fails, and the gateway sends the batch again later.
type LatePublisher struct {
	p atomic.Pointer[Client]
}

// Set makes c the publisher.
func (l *LatePublisher) Set(c *Client) { l.p.Store(c) }

// Publish sends through the client once set.
func (l *LatePublisher) Publish(topic string, payload []byte, retained bool) error {
	c := l.p.Load()
	if c == nil {
		return fmt.Errorf("intake: not connected yet; the gateway will send %s again", topic)
	}
	return c.Publish(topic, payload, retained)
}
