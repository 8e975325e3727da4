package mosquittotest_test

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
)

// connack sends a minimal MQTT 3.1.1 CONNECT and reads the CONNACK.
func connack(t *testing.T, addr string) []byte {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	connect := []byte{0x10, 14, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 30, 0, 2, 'c', '1'}
	if _, err := c.Write(connect); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
	buf := make([]byte, 4)
	n, _ := c.Read(buf)
	return buf[:n]
}

func TestBrokerStartRestartStop(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	if got := connack(t, b.Addr()); len(got) != 4 || got[0] != 0x20 || got[3] != 0 {
		t.Fatalf("CONNACK %x", got)
	}
	b.Restart()
	if got := connack(t, b.Addr()); len(got) != 4 || got[3] != 0 {
		t.Fatalf("CONNACK after restart %x", got)
	}
	if !strings.Contains(b.Log(), "mosquitto version") {
		t.Fatalf("log: %s", b.Log())
	}
	b.Stop()
	if b.Running() {
		t.Fatal("still running")
	}
}

func TestProxyBlackhole(t *testing.T) {
	b := mosquittotest.Start(t, mosquittotest.Options{})
	p := mosquittotest.NewProxy(t, b.Addr())
	addr := strings.TrimPrefix(p.URL(), "tcp://")
	if got := connack(t, addr); len(got) != 4 {
		t.Fatalf("through the proxy: %x", got)
	}
	p.Blackhole(false, true)
	if got := connack(t, addr); len(got) != 0 {
		t.Fatalf("a black-holed proxy answered %x", got)
	}
}
