package intake_test

import (
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
