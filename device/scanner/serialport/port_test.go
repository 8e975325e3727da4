//go:build linux

package serialport

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/device/scanner"
)

func TestSlowDripBytesMakeOneFrame(t *testing.T) {
	fs := newFakeScanner(t)
	p, err := Open(fs.slave, Mode{Baud: 115200})
	if err != nil {
		t.Fatal(err)
	}
	frames := make(chan scanner.Frame, 4)
	f, _ := scanner.NewFramer(scanner.Config{Scanner: "dock-1", IdleGap: -1}, func(f scanner.Frame) { frames <- f })
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- f.ConsumeContext(ctx, p, time.Now) }()
	msg := "]C10109506000134352\x1d10LOT7\r\n"
	for i := range len(msg) {
		if _, err := fs.master.Write([]byte{msg[i]}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(3 * time.Millisecond) // one byte per several read timeouts
	}
	got := waitFrame(t, frames)
	if string(got.Data) != "]C10109506000134352\x1d10LOT7" || string(got.Raw) != msg || got.Err != nil {
		t.Fatalf("frame %q raw %q err %v", got.Data, got.Raw, got.Err)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("consume ended with %v", err)
	}
	_ = p.Close()
}

func TestIdleGapEndsFrameWithoutSuffix(t *testing.T) {
	fs := newFakeScanner(t)
	p, err := Open(fs.slave, Mode{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	frames := make(chan scanner.Frame, 4)
	cfg := scanner.Config{Terminators: [][]byte{}, IdleGap: 30 * time.Millisecond}
	f, _ := scanner.NewFramer(cfg, func(f scanner.Frame) { frames <- f })
	go func() { _ = f.ConsumeContext(t.Context(), p, time.Now) }()
	_, _ = fs.master.Write([]byte("5901234123457"))
	if got := waitFrame(t, frames); string(got.Data) != "5901234123457" || got.Terminated {
		t.Fatalf("frame %q terminated %v", got.Data, got.Terminated)
	}
}

func TestOpenMissingSaysWhatToCheck(t *testing.T) {
	_, err := Open("/dev/ttyACM-edged-missing", Mode{})
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "/dev/serial/by-id") {
		t.Fatalf("err = %v", err)
	}
}

func TestModeValidateListsEveryField(t *testing.T) {
	err := Mode{Baud: -1, DataBits: 9, Parity: "weird", StopBits: 3, ReadTimeout: time.Hour}.Validate()
	for _, field := range []string{"baud", "data_bits", "parity", "stop_bits", "read_timeout"} {
		if !strings.Contains(err.Error(), field) {
			t.Errorf("%q missing from %v", field, err)
		}
	}
	if !errors.Is(err, ErrMode) {
		t.Fatal("not ErrMode")
	}
}
