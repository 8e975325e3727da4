package evdev

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edged/edged/device/scanner"
)

// No evdev node exists on CI machines (no uinput); these cover the open
// paths that can be reached: a missing node and a node that is not an
// input device (the grab ioctl fails).
func TestOpenErrors(t *testing.T) {
	_, err := Open("/dev/input/by-id/usb-edged-missing-event-kbd")
	if !errors.Is(err, scanner.ErrGone) || !strings.Contains(err.Error(), "plugged in") {
		t.Fatalf("missing: %v", err)
	}
	notInput := filepath.Join(t.TempDir(), "event9")
	_ = os.WriteFile(notInput, nil, 0o644)
	if _, err := Open(notInput); err == nil || !strings.Contains(err.Error(), "grab") {
		t.Fatalf("not an input device: %v", err)
	}
}
