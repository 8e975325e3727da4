package mqtt_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/uplink/mqtt"
)

func TestConfigValidate(t *testing.T) {
	err := mqtt.Config{Broker: "http://x", KeepAlive: 10 * time.Second, PingTimeout: -1}.Validate()
	if !errors.Is(err, mqtt.ErrConfig) {
		t.Fatalf("err = %v", err)
	}
	for _, f := range []string{"mqtt.broker", "mqtt.client_id", "mqtt.keepalive", "mqtt.ping_timeout"} {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("%v does not name %s", err, f)
		}
	}
	if err := (mqtt.Config{Broker: "ssl://broker:8883", ClientID: "gw-1"}).Validate(); err != nil {
		t.Fatal(err)
	}
	// The defaults find a half-open link within 2 minutes: idle by the
	// missing PINGRESP, busy by TCP_USER_TIMEOUT.
	d := mqtt.Config{}.WithDefaults()
	if d.KeepAlive+d.PingTimeout > 2*time.Minute || d.UserTimeout > 2*time.Minute {
		t.Fatalf("defaults detect a dead link too late: %+v", d)
	}
	if _, err := mqtt.NewTLSConfig([]byte("junk"), nil, nil, ""); !errors.Is(err, mqtt.ErrConfig) {
		t.Fatalf("bad CA: %v", err)
	}
}
