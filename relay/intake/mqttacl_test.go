package intake_test

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/uplink/wire"
)

// dynsec is a mosquitto dynamic-security configuration for anonymous
// clients: they may subscribe to the relay state and test/#, and to the
// deltas only when grant is added. (mosquitto 2.0's acl_file grants
// every SUBSCRIBE and filters at delivery; dynamic security answers a
// denied one with SUBACK 0x80, as a cloud broker's ACL does.)
func dynsec(grant string) string {
	return `{"defaultACLAccess": {"publishClientSend": true, "publishClientReceive": true, "subscribe": false, "unsubscribe": true},
 "anonymousGroup": "anon", "clients": [], "groups": [{"groupname": "anon", "roles": [{"rolename": "anon"}]}],
 "roles": [{"rolename": "anon", "acls": [` + grant + `
  {"acltype": "subscribePattern", "topic": "edged/v1/relay/state", "allow": true},
  {"acltype": "subscribePattern", "topic": "test/#", "allow": true}]}]}`
}

const grantDeltas = `{"acltype": "subscribePattern", "topic": "edged/v1/+/+/deltas", "allow": true},`

func dynsecPlugin(t *testing.T) string {
	t.Helper()
	for _, pattern := range []string{"/usr/lib/*/mosquitto_dynamic_security.so", "/usr/lib/mosquitto_dynamic_security.so"} {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			return m[0]
		}
	}
	t.Fatal("mosquitto_dynamic_security.so not found; it ships with the Debian package mosquitto (make deps)")
	return ""
}

// TestSubscribeRefusedKeepsTheRelayOffline: a deltas subscription the
// broker refuses is logged as an error, shown in the state and retried;
// the relay does not announce itself online (gateways would resend to
// nobody) until the subscription is granted.
func TestSubscribeRefusedKeepsTheRelayOffline(t *testing.T) {
	broker := mosquittotest.Start(t, mosquittotest.Options{
		Global: []string{"plugin " + dynsecPlugin(t), "plugin_opt_config_file {dir}/dynsec.json"},
		Files:  map[string][]byte{"dynsec.json": []byte(dynsec(""))}})
	obs := observe(t, broker.URL())
	logs := &records{}
	cl := connectIntake(t, fastRetry(broker.URL()), engine(t), slog.New(logs))
	eventually(t, "the subscription retried", func() bool {
		return logs.count(slog.LevelDebug, "deltas subscription failed again") >= 2
	})
	if n := logs.count(slog.LevelError, "deltas subscription failed"); n != 1 {
		t.Fatalf("%d errors logged for the refusal, want 1:\n%s", n, logs)
	}
	st := cl.State()
	if !st.Connected || st.Subscribed || st.Online || !strings.Contains(st.LastError, intake.ErrSubscribeRefused.Error()) {
		t.Fatalf("state with the subscription refused: %+v", st)
	}
	if got := obs.states(); len(got) != 0 {
		t.Fatalf("relay states published while the subscription is refused: %+v", got)
	}

	broker.Stop()
	if err := os.WriteFile(filepath.Join(broker.Dir(), "dynsec.json"), []byte(dynsec(grantDeltas)), 0o600); err != nil {
		t.Fatal(err)
	}
	broker.Restart()
	eventually(t, "the relay online once granted", func() bool { return cl.State().Online })
	if got := observe(t, broker.URL()).states(); len(got) != 1 || !got[0].Online {
		t.Fatalf("retained relay state %+v, want online", got)
	}
}

// TestAnotherInstanceOfflineIsAnsweredOnline: when one relay instance
// leaves (its offline state), the others announce themselves online
// again, so gateways resend what it had not acknowledged.
func TestAnotherInstanceOfflineIsAnsweredOnline(t *testing.T) {
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	e := engine(t)
	a := fastRetry(broker.URL())
	a.ClientID, a.ShareGroup = "relay-a", "relays"
	b := a
	b.ClientID = "relay-b"
	ca := connectIntake(t, a, e, nil)
	cb := connectIntake(t, b, e, nil)
	eventually(t, "both online", func() bool { return ca.State().Online && cb.State().Online })
	obs := observe(t, broker.URL())
	eventually(t, "the retained online", func() bool { return len(obs.states()) == 1 })
	ca.Close()
	eventually(t, "offline, then online from relay-b", func() bool {
		s := obs.states()
		return len(s) >= 3 && !s[1].Online && s[len(s)-1].Online
	})
}

func TestConnectRefusesABadConfiguration(t *testing.T) {
	for _, cfg := range []intake.MQTTConfig{
		{},
		{Broker: "localhost:1883"},
		{Broker: "http://localhost"},
		{Broker: "tcp://localhost:1883", ShareGroup: "a/b"},
		{Broker: "tcp://localhost:1883", RetryMin: time.Minute, RetryMax: time.Second},
	} {
		if _, err := intake.Connect(cfg, nil, nil, func(string, []byte) {}); !errors.Is(err, intake.ErrMQTTConfig) {
			t.Errorf("%+v: %v, want ErrMQTTConfig", cfg, err)
		}
	}
}

// observer records the relay states a plain client receives.
type observer struct {
	mu  sync.Mutex
	got []wire.RelayState
}

// observe subscribes to the relay state and returns once subscribed.
func observe(t *testing.T, url string) *observer {
	t.Helper()
	o := &observer{}
	c := paho.NewClient(paho.NewClientOptions().AddBroker(url).SetAutoReconnect(false))
	if tok := c.Connect(); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatalf("observer connect: %v", tok.Error())
	}
	t.Cleanup(func() { c.Disconnect(0) })
	if tok := c.Subscribe(wire.RelayStateTopic, 1, o.receive); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatalf("observer subscribe: %v", tok.Error())
	}
	// A marker through the same connection: what was retained is in.
	mark := make(chan struct{})
	c.Subscribe("test/mark", 1, func(paho.Client, paho.Message) { close(mark) }).WaitTimeout(10 * time.Second)
	c.Publish("test/mark", 1, false, "x").WaitTimeout(10 * time.Second)
	select {
	case <-mark:
	case <-time.After(10 * time.Second):
		t.Fatal("observer marker not received")
	}
	return o
}

func (o *observer) receive(_ paho.Client, m paho.Message) {
	rs, err := wire.DecodeRelayState(m.Payload())
	if err != nil {
		return
	}
	o.mu.Lock()
	o.got = append(o.got, rs)
	o.mu.Unlock()
}

func (o *observer) states() []wire.RelayState {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]wire.RelayState(nil), o.got...)
}

// shippedACLBroker runs mosquitto with firmware-config/mosquitto/edged.acl
// behind mutual TLS, the identity taken from the certificate as there.
func shippedACLBroker(t *testing.T, pki *mosquittotest.PKI) *mosquittotest.Broker {
	t.Helper()
	acl, err := os.ReadFile("../../firmware-config/mosquitto/edged.acl")
	if err != nil {
		t.Fatal(err)
	}
	server := pki.Server()
	return mosquittotest.Start(t, mosquittotest.Options{Secure: true,
		Global: []string{"allow_anonymous false", "acl_file {dir}/edged.acl"},
		Listener: []string{"cafile {dir}/ca.crt", "certfile {dir}/server.crt", "keyfile {dir}/server.key",
			"require_certificate true", "use_identity_as_username true"},
		Files: map[string][]byte{"edged.acl": acl, "ca.crt": pki.CAPEM, "server.crt": server.CertPEM, "server.key": server.KeyPEM}})
}

// TestShippedACLKeepsAGatewayToItsSite: with the example ACL, gw-a (of
// wh1) cannot publish deltas under wh2 (not even under its own gateway
// level), nor can a gateway the file has no block for; its own site
// goes through. The broker drops them, so the relay never sees them.
func TestShippedACLKeepsAGatewayToItsSite(t *testing.T) {
	pki := mosquittotest.NewPKI(t)
	broker := shippedACLBroker(t, pki)
	e := boundEngine(t, stock.GatewaySites{"gw-a": "wh1", "gw-b": "wh2", "gw-c": "wh2"})
	in := intake.New(e, nopPublisher{}, intake.Config{}, nil, nil)
	cfg := fastRetry(broker.URL())
	cfg.ClientID = "relay"
	cl, err := intake.Connect(cfg, pki.ClientTLS(pki.Client("relay")), nil, func(topic string, payload []byte) {
		_ = in.Handle(context.Background(), topic, payload)
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	eventually(t, "the relay subscribed", func() bool { return cl.State().Subscribed })

	gwA := tlsClient(t, broker.URL(), pki, "gw-a")
	gwC := tlsClient(t, broker.URL(), pki, "gw-c")
	publishQoS1(t, gwA, wire.Topic("wh2", "gw-a", wire.KindDeltas), receiptBatch(t, "wh2", "gw-a", 1, 5))
	publishQoS1(t, gwC, wire.Topic("wh2", "gw-c", wire.KindDeltas), receiptBatch(t, "wh2", "gw-c", 1, 5))
	publishQoS1(t, gwA, wire.Topic("wh1", "gw-a", wire.KindDeltas), receiptBatch(t, "wh1", "gw-a", 1, 2))
	eventually(t, "gw-a's own deltas applied", func() bool { return e.Level("MUG-BLUE", "wh1").OnHand == 2 })
	if lv := e.Level("MUG-BLUE", "wh2"); lv.OnHand != 0 {
		t.Fatalf("wh2 on hand %d: the broker let a forged batch through", lv.OnHand)
	}
	if c := in.Counters(); c.Batches != 1 || c.WrongSite != 0 {
		t.Fatalf("relay counters %+v: the broker passed a batch the ACL forbids", c)
	}
}

func tlsClient(t *testing.T, url string, pki *mosquittotest.PKI, cn string) paho.Client {
	t.Helper()
	c := paho.NewClient(paho.NewClientOptions().AddBroker(url).SetClientID(cn).
		SetTLSConfig(pki.ClientTLS(pki.Client(cn))).SetAutoReconnect(false))
	if tok := c.Connect(); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatalf("%s connect: %v", cn, tok.Error())
	}
	t.Cleanup(func() { c.Disconnect(0) })
	return c
}

// publishQoS1 waits for the PUBACK, which mosquitto sends for a denied
// publish too (MQTT 3.1.1 has no way to say no).
func publishQoS1(t *testing.T, c paho.Client, topic string, payload []byte) {
	t.Helper()
	if tok := c.Publish(topic, 1, false, payload); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatalf("publish %s: %v", topic, tok.Error())
	}
}
