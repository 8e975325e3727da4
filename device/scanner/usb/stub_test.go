//go:build !(cgo && linux && gousb)

package usb

import (
	"errors"
	"strings"
	"testing"
)

func TestStubSaysHowToRebuild(t *testing.T) {
	_, err := Open(Target{VID: 0x05e0, PID: 0x1200})
	if !errors.Is(err, ErrNotCompiled) || !strings.Contains(err.Error(), "-tags gousb") || Available {
		t.Fatalf("err %v available %v", err, Available)
	}
}
