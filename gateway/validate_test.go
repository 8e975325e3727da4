package gateway_test

import (
	"strings"
	"testing"

	"github.com/edged/edged/device/llrp"
	"github.com/edged/edged/device/rfid"
	"github.com/edged/edged/gateway"
)

// base is a valid configuration with one reader and one zone.
func base() gateway.Config {
	return gateway.Config{Site: "wh1", Gateway: "gw-1",
		Readers: []gateway.ReaderConfig{{Name: "dock", Address: "192.0.2.10", Profile: "impinj-r700",
			LLRP: llrp.Config{Antennas: []uint16{1, 2}}}},
		RFID: rfid.Config{Zones: []rfid.Zone{{Name: "dock", Role: rfid.Role("receive_portal"),
			Locations: []rfid.Location{{Name: "D1", Antennas: []rfid.Antenna{{Reader: "dock", Port: 1}}}}}}}}
}

func TestValidateChecksAddressesAndPorts(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*gateway.Config)
		want string // "" when valid
	}{
		{"defaults", func(*gateway.Config) {}, ""},
		{"listen off", func(c *gateway.Config) { c.HTTP.Listen = "off" }, ""},
		{"listen all interfaces", func(c *gateway.Config) { c.HTTP.Listen = ":9337" }, ""},
		{"listen port too big", func(c *gateway.Config) { c.HTTP.Listen = "127.0.0.1:99999" }, "http.listen: port 99999 is out of range; expected an address such as 127.0.0.1:9337"},
		{"listen nonsense", func(c *gateway.Config) { c.HTTP.Listen = "nonsense" }, `http.listen: "nonsense" is not host:port`},
		{"listen port 0", func(c *gateway.Config) { c.HTTP.Listen = "127.0.0.1:0" }, "http.listen: port 0 is out of range"},
		{"reader port too big", func(c *gateway.Config) { c.Readers[0].Address = "192.0.2.10:70000" }, "readers[0].address: port 70000 is out of range; expected host or host:port"},
		{"reader port named", func(c *gateway.Config) { c.Readers[0].Address = "192.0.2.10:llrp" }, `readers[0].address: port "llrp" is not a number`},
		{"reader ipv6", func(c *gateway.Config) { c.Readers[0].Address = "[2001:db8::1]:5084" }, ""},
		{"reader bad host", func(c *gateway.Config) { c.Readers[0].Address = "-dock" }, `readers[0].address: "-dock" is not a host name or IP address`},
		{"reader missing", func(c *gateway.Config) { c.Readers[0].Address = "" }, "readers[0].address: required"},
		{"broker ok", func(c *gateway.Config) { c.MQTT.Broker = "ssl://relay.example:8883" }, ""},
		{"broker port", func(c *gateway.Config) { c.MQTT.Broker = "tcp://relay.example:65536" }, "mqtt.broker: port 65536 is out of range; expected a URL such as tcp://relay.example:1883"},
		{"broker scheme", func(c *gateway.Config) { c.MQTT.Broker = "relay.example:1883" }, "mqtt.broker: "},
	} {
		c := base()
		tc.edit(&c)
		_, err := gateway.CheckConfig(c)
		if !matches(err, tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestValidateChecksZoneAntennasAgainstTheReader(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*gateway.Config)
		want string
	}{
		{"port the profile lacks", func(c *gateway.Config) { c.RFID.Zones[0].Locations[0].Antennas[0].Port = 5 },
			"rfid.zones[0].locations[0].antennas[0].port: reader dock (impinj-r700) has no antenna 5; expected a port from 1 to 4"},
		{"port the reader does not read", func(c *gateway.Config) { c.RFID.Zones[0].Locations[0].Antennas[0].Port = 3 },
			"rfid.zones[0].locations[0].antennas[0].port: reader dock reads only antennas 1, 2 (its llrp.antennas)"},
		{"any port without profile or list", func(c *gateway.Config) {
			c.Readers[0].Profile, c.Readers[0].LLRP.Antennas = "", nil
			c.RFID.Zones[0].Locations[0].Antennas[0].Port = 9
		}, ""},
		{"reader antenna beyond profile", func(c *gateway.Config) { c.Readers[0].LLRP.Antennas = []uint16{1, 8} },
			"readers[0].llrp.antennas[1]: antenna 8 does not exist; the reader has 4"},
		{"unknown profile", func(c *gateway.Config) { c.Readers[0].Profile = "r700" }, `readers[0].profile: "r700" is not a known reader model; expected one of impinj-r120`},
		{"impinj mode on zebra", func(c *gateway.Config) {
			c.Readers[0].Profile, c.Readers[0].LLRP.SearchMode = "zebra-fx9600-8", "dual_target"
		}, "readers[0].llrp.search_mode: Impinj readers only, and zebra-fx9600-8 is not one"},
	} {
		c := base()
		tc.edit(&c)
		_, err := gateway.CheckConfig(c)
		if !matches(err, tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestValidateNamesAPackageProblemWithoutItsSentinel(t *testing.T) {
	c := base()
	c.Readers[0].LLRP.Session = "S9"
	_, err := gateway.CheckConfig(c)
	if err == nil || err.Error() != `readers[0].llrp.session: "S9" is not a Gen2 session; use S0, S1, S2 or S3` {
		t.Fatalf("got %q", err)
	}
}

func TestValidateReportsRFIDKeysWithoutZones(t *testing.T) {
	c := gateway.Config{Site: "wh1", Gateway: "gw-1", RFID: rfid.Config{Session: "S9"}}
	_, err := gateway.CheckConfig(c)
	if err == nil || err.Error() != `rfid.session: must be S0, S1, S2 or S3, got "S9"` {
		t.Fatalf("got %q", err)
	}
}

// matches says whether err is nil when want is empty, else whether it
// is exactly one problem starting with want.
func matches(err error, want string) bool {
	if want == "" || err == nil {
		return want == "" && err == nil
	}
	return !strings.Contains(err.Error(), "\n") && strings.HasPrefix(err.Error(), want)
}
