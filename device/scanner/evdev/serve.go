package evdev

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/edged/edged/device/scanner"
)

// Config sets how a keyboard-wedge scanner is decoded.
type Config struct {
	// Framer frames the typed bytes; nil Terminators means CR (Enter).
	Framer scanner.Config
	// Keys configures the key decoder (function-key mapping).
	Keys scanner.KeyConfig
	// EventSize is the struct input_event size; 0 means the native
	// size (24 on 64-bit, 16 on 32-bit).
	EventSize int
}

// Serve returns a scanner.SupervisorConfig.Serve that decodes evdev
// records from the device and calls emit for each frame.
func Serve(cfg Config, emit func(scanner.Frame), now func() time.Time) (func(context.Context, scanner.Device) error, error) {
	if cfg.Framer.Terminators == nil {
		cfg.Framer.Terminators = [][]byte{scanner.CR}
	}
	if cfg.EventSize == 0 {
		cfg.EventSize = scanner.InputEventSize(strconv.IntSize / 8)
	}
	if cfg.EventSize != 16 && cfg.EventSize != 24 {
		return nil, fmt.Errorf("%w: event size %d: must be 16 or 24", scanner.ErrConfig, cfg.EventSize)
	}
	if _, err := scanner.NewFramer(cfg.Framer, emit); err != nil {
		return nil, err
	}
	return func(ctx context.Context, dev scanner.Device) error {
		return newSession(cfg, emit).run(ctx, dev, now)
	}, nil
}

// session is one open device's decoding state.
type session struct {
	cfg    Config
	keys   *scanner.KeyDecoder
	framer *scanner.Framer
	keyErr error // a key without a character in the current frame
	emit   func(scanner.Frame)
	out    []byte
}

func newSession(cfg Config, emit func(scanner.Frame)) *session {
	s := &session{cfg: cfg, keys: scanner.NewKeyDecoder(cfg.Keys), emit: emit}
	s.framer, _ = scanner.NewFramer(cfg.Framer, s.frame) // checked by Serve
	return s
}

func (s *session) frame(f scanner.Frame) {
	if s.keyErr != nil && f.Err == nil {
		f.Err, s.keyErr = s.keyErr, nil
	}
	s.emit(f)
}

func (s *session) run(ctx context.Context, r io.Reader, now func() time.Time) error {
	rec := make([]byte, s.cfg.EventSize)
	for ctx.Err() == nil {
		_, err := io.ReadFull(r, rec) // evdev returns whole records; a pipe may not
		t := now()
		if err != nil {
			s.framer.End(t)
			return err
		}
		s.record(rec, t)
	}
	s.framer.End(now())
	return ctx.Err()
}

func (s *session) record(rec []byte, t time.Time) {
	ev, _ := scanner.ParseInputEvent(rec) // size checked by Serve
	var err error
	s.out, err = s.keys.Event(s.out[:0], ev)
	if err != nil && s.keyErr == nil {
		s.keyErr = err
	}
	s.framer.Feed(s.out, t)
}
