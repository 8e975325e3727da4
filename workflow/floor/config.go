package floor

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/device/scanner/serialport"
	"github.com/edged/edged/device/scanner/usb"
	"github.com/edged/edged/workflow"
)

// Config is the scanners and the workflow they feed.
type Config struct {
	Scanners []ScannerConfig `mapstructure:"scanners"`
	Workflow workflow.Config `mapstructure:"workflow"`
	// Rescan is the fallback discovery period; default 2 s.
	Rescan time.Duration `mapstructure:"rescan"`
}

// ScannerConfig is one scanner (one station).
type ScannerConfig struct {
	// ID names the station; it is the events' device. Required, unique.
	ID string `mapstructure:"id"`
	// Kind is serial (default), evdev, hidraw or usb.
	Kind string `mapstructure:"kind"`
	// Path is the device: a /dev/serial/by-id or by-path link, a
	// /dev/input/by-id/...-event-kbd link, /dev/hidrawN, or for usb
	// vid:pid[/interface]. Required.
	Path string `mapstructure:"path"`
	// USBProtocol is what a usb scanner's interface sends: keyboard
	// (HID boot reports, default) or pos (HID POS reports).
	USBProtocol string `mapstructure:"usb_protocol"`
	// Serial is the line setting of a serial scanner.
	Serial serialport.Mode `mapstructure:"serial"`
	// Terminators end a frame: CR, LF, CRLF, ETX, TAB or hex bytes
	// ("0d0a"); default CR, LF, CRLF. An empty list frames on the idle
	// gap only.
	Terminators []string `mapstructure:"terminators"`
	// IdleGap ends a frame without terminator; default 50ms.
	IdleGap time.Duration `mapstructure:"idle_gap"`
	// MaxLen bounds a frame; default 4096.
	MaxLen int `mapstructure:"max_len"`
	// Feedback is the driver: none (default), bel, zebra-ssi,
	// honeywell or datalogic.
	Feedback string `mapstructure:"feedback"`
	// Backoff is the reopen schedule; default 0.5 s to 30 s.
	Backoff scanner.Backoff `mapstructure:"backoff"`
	// Light flashes a stack light on a GPO of an RFID reader near the
	// station, for workers who cannot hear the beep.
	Light LightConfig `mapstructure:"light"`
}

// LightConfig names the reader whose GPO ports light up; the gateway
// checks that the reader is configured.
type LightConfig struct {
	Reader               string `mapstructure:"reader"`
	feedback.LightConfig `mapstructure:",squash"`
}

func (l LightConfig) validate(bad func(string, error)) {
	ports := l.GoodPort != 0 || l.ErrorPort != 0
	switch {
	case l.Reader == "" && ports:
		bad("light.reader", errors.New("required with good_port or error_port: name the reader whose GPO drives the lamp"))
	case l.Reader != "" && !ports:
		bad("light", errors.New("set good_port, error_port or both (the reader's GPO port numbers, from 1)"))
	case l.Hold < 0:
		bad("light.hold", errors.New("must not be negative"))
	}
}

var namedTerminators = map[string][]byte{"CR": scanner.CR, "LF": {'\n'}, "CRLF": {'\r', '\n'}, "ETX": {0x03}, "TAB": {'\t'}}

func (c ScannerConfig) framer() (scanner.Config, error) {
	fc := scanner.Config{Scanner: c.ID, IdleGap: c.IdleGap, MaxLen: c.MaxLen}
	if c.Terminators != nil {
		fc.Terminators = [][]byte{}
	}
	for _, t := range c.Terminators {
		b, ok := namedTerminators[strings.ToUpper(t)]
		if !ok {
			var err error
			if b, err = hex.DecodeString(t); err != nil || len(b) == 0 {
				return fc, fmt.Errorf("terminator %q: use CR, LF, CRLF, ETX, TAB or hex bytes like 0d0a", t)
			}
		}
		fc.Terminators = append(fc.Terminators, b)
	}
	return fc, fc.Validate()
}

// Validate returns every problem with its path (scanners[1].path: ...).
func (c Config) Validate() error {
	errs := []error{c.Workflow.Validate()}
	ids := map[string]int{}
	for i, s := range c.Scanners {
		p := fmt.Sprintf("scanners[%d]", i)
		if prev, dup := ids[s.ID]; dup {
			errs = append(errs, fmt.Errorf("%s.id: %q is also scanners[%d]", p, s.ID, prev))
		}
		ids[s.ID] = i
		errs = append(errs, s.validate(p))
	}
	return errors.Join(errs...)
}

func (s ScannerConfig) validate(p string) error {
	var errs []error
	bad := func(field string, err error) { errs = append(errs, fmt.Errorf("%s.%s: %w", p, field, err)) }
	if s.ID == "" {
		bad("id", errors.New("required"))
	}
	switch s.Kind {
	case "", "serial", "evdev", "hidraw":
		if s.Path == "" {
			bad("path", errors.New("required (e.g. /dev/serial/by-id/usb-...)"))
		}
	case "usb":
		if _, err := usb.ParseTarget(s.Path); err != nil {
			bad("path", err)
		}
		if s.USBProtocol != "" && s.USBProtocol != "keyboard" && s.USBProtocol != "pos" {
			bad("usb_protocol", fmt.Errorf("%q: use keyboard or pos", s.USBProtocol))
		}
	default:
		bad("kind", fmt.Errorf("%q: use serial, evdev, hidraw or usb", s.Kind))
	}
	if err := s.Serial.Validate(); err != nil {
		bad("serial", err)
	}
	if _, err := s.framer(); err != nil {
		bad("terminators", err)
	}
	if _, err := feedback.New(s.Feedback); err != nil {
		bad("feedback", err)
	}
	s.Light.validate(bad)
	return errors.Join(errs...)
}
