package intake

import (
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/edged/edged/uplink/wire"
)

var (
	// ErrMQTTConfig is returned by Connect for a configuration it cannot use.
	ErrMQTTConfig = errors.New("intake: bad mqtt configuration")
	// ErrNotConnected is returned by Publish while the broker is down.
	ErrNotConnected = errors.New("intake: not connected to the broker")
	// ErrSubscribeRefused means the broker's SUBACK refused a filter
	// (0x80), typically its ACL.
	ErrSubscribeRefused = errors.New("intake: subscription refused by the broker")
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
	// RetryMin and RetryMax bound the wait between attempts to connect
	// and to subscribe: it doubles per failure, drawn at random from the
	// upper half of the bound. Defaults 0.5 s and 30 s.
	RetryMin time.Duration `mapstructure:"retry_min"`
	RetryMax time.Duration `mapstructure:"retry_max"`
}

const (
	inboxSize      = 256 // deltas messages received and not yet handled
	connectTimeout = 20 * time.Second
	answerTimeout  = 10 * time.Second // SUBACK, PUBACK
	closeTimeout   = 2 * time.Second  // the offline announcement at Close
)

// Client is the relay's MQTT session: it subscribes to every gateway's
// deltas and publishes acks, resync requests and its retained state.
// It connects in the background and again after every loss, until Close.
type Client struct {
	cfg    MQTTConfig
	tls    *tls.Config
	log    *slog.Logger
	broker string // redacted, for logs
	filter string
	handle func(topic string, payload []byte)
	inbox  chan paho.Message
	fleet  chan struct{} // another relay instance announced offline
	avail  chan struct{} // SetAvailable changed
	down   atomic.Bool   // the relay cannot apply deltas (its store is away)
	stop   chan struct{}
	once   sync.Once
	wg     sync.WaitGroup

	mu            sync.Mutex
	conn          paho.Client // the connected session; nil while down
	connectedOnce bool
	state         BrokerState
	presence      *presenceBook
}

// Connect checks cfg and returns a Client that connects in the
// background; the error is only for a configuration it cannot use. handle
// receives every deltas message, in order, from one goroutine.
//
// The Client owns its reconnect loop (backoff with jitter, RetryMin to
// RetryMax) rather than paho's AutoReconnect or ConnectRetry: with those,
// a publish made while reconnecting is queued and its token can later
// report success without a PUBACK, so an ack could neither fail fast nor
// be trusted. After each connect it subscribes, retrying until the
// broker grants the subscription, and only then announces the relay
// online: gateways resend on that announcement, so it must be heard.
func Connect(cfg MQTTConfig, tlsConfig *tls.Config, log *slog.Logger, handle func(topic string, payload []byte)) (*Client, error) {
	cfg = cfg.withDefaults()
	broker, err := cfg.validate()
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	filter := wire.Filter(wire.KindDeltas)
	if cfg.ShareGroup != "" {
		filter = "$share/" + cfg.ShareGroup + "/" + filter
	}
	c := &Client{cfg: cfg, tls: tlsConfig, log: log, broker: broker, filter: filter, handle: handle,
		inbox: make(chan paho.Message, inboxSize), fleet: make(chan struct{}, 1), avail: make(chan struct{}, 1), stop: make(chan struct{})}
	c.state.Since = time.Now()
	c.presence = newPresenceBook(time.Now)
	c.wg.Go(c.deliver)
	c.wg.Go(c.run)
	return c, nil
}

func (cfg MQTTConfig) withDefaults() MQTTConfig {
	if cfg.ClientID == "" {
		cfg.ClientID = "relay"
	}
	if cfg.RetryMin <= 0 {
		cfg.RetryMin = 500 * time.Millisecond
	}
	if cfg.RetryMax <= 0 {
		cfg.RetryMax = 30 * time.Second
	}
	return cfg
}

// validate returns the broker URL with any password redacted.
func (cfg MQTTConfig) validate() (string, error) {
	u, err := url.Parse(cfg.Broker)
	switch {
	case cfg.Broker == "":
		return "", fmt.Errorf("%w: mqtt.broker is empty; set it to tcp://host:1883 or ssl://host:8883", ErrMQTTConfig)
	case err != nil:
		return "", fmt.Errorf("%w: mqtt.broker: %w", ErrMQTTConfig, err)
	case !slices.Contains([]string{"tcp", "ssl", "tls", "mqtt", "mqtts", "ws", "wss"}, u.Scheme) || u.Host == "":
		return "", fmt.Errorf("%w: mqtt.broker %q: want tcp://host:port or ssl://host:port", ErrMQTTConfig, u.Redacted())
	case strings.ContainsAny(cfg.ShareGroup, "/+#"):
		return "", fmt.Errorf("%w: mqtt.share_group %q must not contain '/', '+' or '#'", ErrMQTTConfig, cfg.ShareGroup)
	case cfg.RetryMax < cfg.RetryMin:
		return "", fmt.Errorf("%w: mqtt.retry_max %s is below retry_min %s", ErrMQTTConfig, cfg.RetryMax, cfg.RetryMin)
	}
	return u.Redacted(), nil
}

// SetAvailable says whether the relay can apply deltas now. While it
// cannot (its store is away) the relay announces itself offline and does
// not answer other instances' offline; once it can again it announces
// online, and gateways resend what it did not acknowledge at once rather
// than after their retransmit_after.
func (c *Client) SetAvailable(ok bool) {
	if c.down.Swap(!ok) == !ok {
		return
	}
	select {
	case c.avail <- struct{}{}:
	default:
	}
}

// Publish sends a QoS 1 message and waits for the broker's PUBACK. While
// the broker is down it fails at once with ErrNotConnected (the gateway
// sends its deltas again later), and a connection lost while waiting
// fails it as soon as paho notices.
func (c *Client) Publish(topic string, payload []byte, retained bool) error {
	pc := c.current()
	if pc == nil {
		return fmt.Errorf("%w: %s not sent", ErrNotConnected, topic)
	}
	if err := wait(pc.Publish(topic, 1, retained, payload), answerTimeout, c.stop); err != nil {
		return fmt.Errorf("intake: publish %s: %w", topic, err)
	}
	return nil
}

// Close announces the relay offline (when it had announced itself
// online), disconnects and waits for the Client's goroutines; deltas
// received and not yet handled are dropped (they are unacknowledged, so
// gateways send them again). Close is idempotent.
func (c *Client) Close() {
	c.once.Do(func() { close(c.stop) })
	c.wg.Wait()
}

func (c *Client) current() paho.Client {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.conn
}

// receive queues a deltas message for deliver; paho calls it in order.
// It blocks only while the queue is full, which holds back reading from
// the broker.
func (c *Client) receive(_ paho.Client, m paho.Message) {
	c.presence.observe(m.Topic(), nil) // seen, whatever the inbox does
	select {
	case c.inbox <- m:
	case <-c.stop:
	}
}

// deliver hands queued messages to handle. handle runs outside paho's
// reader: it waits for the PUBACK of its ack, which paho could not read
// while blocked in a handler behind the next deltas message.
func (c *Client) deliver() {
	for {
		select {
		case <-c.stop:
			return
		case m := <-c.inbox:
			c.handle(m.Topic(), m.Payload())
		}
	}
}

// wait waits for a paho token, at most d or until stop is closed (nil:
// never).
func wait(tok paho.Token, d time.Duration, stop <-chan struct{}) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-tok.Done():
		return tok.Error()
	case <-t.C:
		return fmt.Errorf("no answer from the broker within %s", d)
	case <-stop:
		return errClosing
	}
}

var errClosing = errors.New("intake: client closing")

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
