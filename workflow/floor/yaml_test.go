package floor

import (
	"strings"
	"testing"
	"time"

	"github.com/spf13/viper"

	"github.com/edged/edged/device/scanner"
)

const exampleYAML = `
rescan: 1s
scanners:
  - id: dock-1
    path: /dev/serial/by-id/usb-Honeywell_1900-if00
    serial: {baud: 115200, parity: none}
    terminators: [CRLF, CR]
    idle_gap: 80ms
    feedback: honeywell
    backoff: {min: 1s, max: 20s}
    light: {reader: dock-r700, good_port: 1, error_port: 2, hold: 500ms}
  - id: pack-2
    kind: evdev
    path: /dev/input/by-id/usb-Zebra_DS2208-event-kbd
workflow:
  command_prefix: "O-CMD."
  location_pattern: '^[A-Z]-\d{2}-\d{2}$'
  idle_reset: 10m
  debounce_by_mode: {count: -1s}
  unit_costs: {MUG-RED: "4.20"}
`

// TestConfigFromYAML decodes the documented YAML shape through viper,
// as cmd/edged does, and validates it.
func TestConfigFromYAML(t *testing.T) {
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(strings.NewReader(exampleYAML)); err != nil {
		t.Fatal(err)
	}
	var cfg Config
	if err := v.UnmarshalExact(&cfg); err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	d := cfg.Scanners[0]
	if cfg.Rescan != time.Second || d.Serial.Baud != 115200 || d.IdleGap != 80*time.Millisecond ||
		d.Backoff.Max != 20*time.Second || len(d.Terminators) != 2 || cfg.Scanners[1].Kind != "evdev" ||
		cfg.Workflow.CommandPrefix != "O-CMD." || cfg.Workflow.IdleReset != 10*time.Minute ||
		cfg.Workflow.DebounceByMode["count"] != -time.Second ||
		d.Light.Reader != "dock-r700" || d.Light.GoodPort != 1 || d.Light.ErrorPort != 2 || d.Light.Hold != 500*time.Millisecond {
		t.Fatalf("%+v", cfg)
	}
	fc, err := d.framer()
	if err != nil || len(fc.Terminators) != 2 || string(fc.Terminators[0]) != "\r\n" {
		t.Fatalf("framer %+v %v", fc, err)
	}
}

func TestUnknownYAMLKeyIsRefused(t *testing.T) {
	v := viper.New()
	v.SetConfigType("yaml")
	_ = v.ReadConfig(strings.NewReader("scanners:\n  - id: a\n    path: /dev/x\n    baud: 9600\n"))
	var cfg Config
	if err := v.UnmarshalExact(&cfg); err == nil || !strings.Contains(err.Error(), "baud") {
		t.Fatalf("err %v", err)
	}
}

// TestServeKinds builds the reading side of every kind of scanner.
func TestServeKinds(t *testing.T) {
	for _, sc := range []ScannerConfig{
		{ID: "s", Path: "/dev/ttyACM0"}, {ID: "e", Kind: "evdev", Path: "/dev/input/event0"},
		{ID: "h", Kind: "hidraw", Path: "/dev/hidraw0"}, {ID: "u", Kind: "usb", Path: "05e0:1200"},
		{ID: "p", Kind: "usb", Path: "05e0:1900/1", USBProtocol: "pos"},
	} {
		serve, err := Serve(sc, func(scanner.Frame) {}, time.Now)
		if err != nil || serve == nil {
			t.Errorf("%s: %v", sc.ID, err)
		}
	}
}
