package uplinktest

import (
	"crypto/tls"
	"sync"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/edged/edged/uplink/wire"
)

// Relay is the test relay. Its methods are safe for concurrent use.
type Relay struct {
	t      testing.TB
	broker string
	id     string
	tls    *tls.Config

	mu      sync.Mutex
	client  paho.Client
	gws     map[string]*gateway
	acking  bool
	changed chan struct{} // closed and replaced on every change
	online  chan struct{} // receives after each onConnect has announced online
}

// gateway is the relay's state for one gateway.
type gateway struct {
	site, epoch string
	applied     uint64
	events      []wire.Event
	duplicates  int
	resyncFrom  uint64
	states      []wire.State
	health      []wire.Health
}

// StartRelay connects a relay with client id "relay" to brokerURL and
// stops it at cleanup.
func StartRelay(t testing.TB, brokerURL string) *Relay {
	t.Helper()
	return StartRelayTLS(t, brokerURL, nil)
}

// StartRelayTLS is StartRelay over TLS with tlsConfig (the relay's
// client certificate has CN "relay").
func StartRelayTLS(t testing.TB, brokerURL string, tlsConfig *tls.Config) *Relay {
	t.Helper()
	r := &Relay{t: t, broker: brokerURL, id: "relay", tls: tlsConfig, gws: map[string]*gateway{}, acking: true,
		changed: make(chan struct{}), online: make(chan struct{}, 1)}
	r.Start()
	t.Cleanup(r.Stop)
	return r
}

// Start connects (again) and announces the relay online.
func (r *Relay) Start() {
	r.t.Helper()
	select {
	case <-r.online: // a stale signal of an earlier automatic reconnect
	default:
	}
	o := paho.NewClientOptions().AddBroker(r.broker).SetClientID(r.id).SetUsername(r.id).SetCleanSession(true).
		SetAutoReconnect(true).SetMaxReconnectInterval(200*time.Millisecond).SetConnectRetry(true).
		SetConnectRetryInterval(100*time.Millisecond).SetOrderMatters(true).SetKeepAlive(5*time.Second).
		SetBinaryWill(wire.RelayStateTopic, wire.Encode(&wire.RelayState{}), 1, true).
		SetOnConnectHandler(r.onConnect)
	if r.tls != nil {
		o.SetTLSConfig(r.tls)
	}
	c := paho.NewClient(o)
	if tok := c.Connect(); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		r.t.Fatalf("relay connect: %v", tok.Error())
	}
	r.mu.Lock()
	r.client = c
	r.mu.Unlock()
	r.waitOnline()
}

func (r *Relay) onConnect(c paho.Client) {
	filters := map[string]byte{wire.Filter(wire.KindDeltas): 1, wire.Filter(wire.KindState): 1, wire.Filter(wire.KindHealth): 0}
	c.SubscribeMultiple(filters, r.receive).WaitTimeout(5 * time.Second)
	c.Publish(wire.RelayStateTopic, 1, true, wire.Encode(&wire.RelayState{Online: true, Time: time.Now()})).WaitTimeout(5 * time.Second)
	r.notify()
	select {
	case r.online <- struct{}{}:
	default:
	}
}

// waitOnline waits until the relay has subscribed and announced itself.
func (r *Relay) waitOnline() {
	r.t.Helper()
	select {
	case <-r.online:
	case <-time.After(10 * time.Second):
		r.t.Fatal("relay did not come online within 10 s")
	}
}

// Stop announces the relay offline and disconnects: the gateways see a
// relay that is down for as long as it stays stopped.
func (r *Relay) Stop() {
	r.mu.Lock()
	c := r.client
	r.client = nil
	r.mu.Unlock()
	if c == nil {
		return
	}
	if c.IsConnectionOpen() {
		c.Publish(wire.RelayStateTopic, 1, true, wire.Encode(&wire.RelayState{Time: time.Now()})).WaitTimeout(2 * time.Second)
	}
	c.Disconnect(100)
}

// SetAcking turns the acks off (the relay applies but never answers) or
// back on.
func (r *Relay) SetAcking(on bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.acking = on
}

func (r *Relay) notify() {
	r.mu.Lock()
	defer r.mu.Unlock()
	close(r.changed)
	r.changed = make(chan struct{})
}

// Command publishes cmd/{name} to a gateway.
func (r *Relay) Command(site, gateway, name string, payload []byte) {
	r.Publish(wire.CmdTopic(site, gateway, name), payload)
}

// Publish sends any QoS 1 message as the relay (e.g. a forged ack).
func (r *Relay) Publish(topic string, payload []byte) {
	r.mu.Lock()
	c := r.client
	r.mu.Unlock()
	if c != nil {
		c.Publish(topic, 1, false, payload).WaitTimeout(5 * time.Second)
	}
}
