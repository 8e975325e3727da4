package mqtt_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/mqtt"
	"github.com/edged/edged/uplink/uplinktest"
	"github.com/edged/edged/uplink/wire"
)

// sharedConfig turns firmware-config/mosquitto/edged.conf into options
// for a test broker: same security lines, files in the test directory,
// no persistence, the helper's own listener.
func sharedConfig(t *testing.T, pki *mosquittotest.PKI) mosquittotest.Options {
	conf, err := os.ReadFile("../../firmware-config/mosquitto/edged.conf")
	if err != nil {
		t.Fatal(err)
	}
	acl, err := os.ReadFile("../../firmware-config/mosquitto/edged.acl")
	if err != nil {
		t.Fatal(err)
	}
	server := pki.Server()
	o := mosquittotest.Options{Secure: true, Files: map[string][]byte{"edged.acl": acl, "ca.crt": pki.CAPEM,
		"server.crt": server.CertPEM, "server.key": server.KeyPEM}}
	section := &o.Global
	for _, line := range strings.Split(string(conf), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 0 || strings.HasPrefix(f[0], "#"):
		case f[0] == "listener":
			section = &o.Listener
		case f[0] == "persistence" || f[0] == "persistence_location" || f[0] == "autosave_interval":
		case f[0] == "acl_file" || f[0] == "cafile" || f[0] == "certfile" || f[0] == "keyfile":
			*section = append(*section, f[0]+" {dir}/"+f[1][strings.LastIndex(f[1], "/")+1:])
		default:
			*section = append(*section, line)
		}
	}
	return o
}

func dial(t *testing.T, b *mosquittotest.Broker, pki *mosquittotest.PKI, cn, clientID string) (uplink.Conn, error) {
	t.Helper()
	var pair mosquittotest.Pair
	if cn != "" {
		pair = pki.Client(cn)
	}
	tlsConfig, err := mqtt.NewTLSConfig(pki.CAPEM, pair.CertPEM, pair.KeyPEM, "localhost")
	if err != nil {
		t.Fatal(err)
	}
	d, err := mqtt.NewDialer(mqtt.Config{Broker: b.URL(), ClientID: clientID, KeepAlive: 5 * time.Second,
		ConnectTimeout: 5 * time.Second, AllowShortKeepAlive: true}, tlsConfig, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := d.Dial(context.Background(), uplink.DialSpec{})
	if err == nil {
		t.Cleanup(c.Close)
	}
	return c, err
}

func publish(t *testing.T, c uplink.Conn, topic string, payload []byte) {
	t.Helper()
	tok := c.Publish(uplink.Message{Topic: topic, Payload: payload, QoS: 1})
	select {
	case <-tok.Done():
	case <-time.After(5 * time.Second):
		t.Fatalf("no PUBACK for %s", topic)
	}
	if err := tok.Error(); err != nil {
		t.Fatalf("publish %s: %v", topic, err)
	}
}

// TestSharedBrokerConfigFencesGateways runs the shipped mosquitto
// configuration: gateway A can neither publish into gateway B's topics
// nor take B's client id, and a client without a certificate is refused.
func TestSharedBrokerConfigFencesGateways(t *testing.T) {
	pki := mosquittotest.NewPKI(t)
	b := mosquittotest.Start(t, sharedConfig(t, pki))
	relayPair := pki.Client("relay")
	relay := uplinktest.StartRelayTLS(t, b.URL(), pki.ClientTLS(relayPair))
	a, err := dial(t, b, pki, "gw-a", "gw-a")
	if err != nil {
		t.Fatal(err)
	}
	bConn, err := dial(t, b, pki, "gw-b", "gw-b")
	if err != nil {
		t.Fatal(err)
	}
	forged := wire.Encode(&wire.State{Site: "wh1", Gateway: "gw-b", Online: false, Boot: "forged", Session: 9})
	for _, kind := range []string{wire.KindState, wire.KindHealth, wire.KindDeltas} {
		publish(t, a, wire.Topic("wh1", "gw-b", kind), forged) // v3.1.1: PUBACKed, then dropped
	}
	publish(t, a, wire.Topic("wh1", "gw-a", wire.KindHealth), wire.Encode(&wire.Health{Gateway: "gw-a"}))
	relay.WaitFor(10*time.Second, "gateway A's own health", func() bool { return len(relay.Health("gw-a")) == 1 })
	if s, h := relay.States("gw-b"), relay.Health("gw-b"); len(s)+len(h) != 0 || relay.Applied("gw-b") != 0 {
		t.Fatalf("gateway A published into B's topics: states %v health %v", s, h)
	}

	thief, err := dial(t, b, pki, "gw-a", "gw-b") // A's certificate, B's client id
	if err != nil {
		t.Fatal(err)
	}
	publish(t, thief, wire.Topic("wh1", "gw-b", wire.KindHealth), wire.Encode(&wire.Health{Gateway: "gw-b"}))
	publish(t, bConn, wire.Topic("wh1", "gw-b", wire.KindHealth), wire.Encode(&wire.Health{Gateway: "gw-b"}))
	relay.WaitFor(10*time.Second, "gateway B's own health", func() bool { return len(relay.Health("gw-b")) == 1 })
	select {
	case <-bConn.Lost():
		t.Fatalf("gateway B was disconnected by a client using its id: %v", bConn.Err())
	default:
	}
	if log := b.Log(); strings.Count(log, " as gw-b (") != 1 || strings.Count(log, " as gw-a (") != 2 {
		t.Fatalf("the broker did not rename the thief to its certificate identity:\n%s", log)
	}

	if _, err := dial(t, b, pki, "", "gw-c"); err == nil { // server-verified TLS, no client certificate
		t.Fatal("a client without a certificate was accepted")
	}
}
