package hidraw

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edged/edged/device/scanner"
)

// No hidraw node exists on CI machines (no uhid); these cover the open
// paths that can be reached: a missing node and a file whose report
// descriptor cannot be read.
func TestOpenErrors(t *testing.T) {
	_, err := Open("/dev/hidraw-edged-missing")
	if !errors.Is(err, scanner.ErrGone) || !strings.Contains(err.Error(), "HID POS mode") {
		t.Fatalf("missing: %v", err)
	}
	notHID := filepath.Join(t.TempDir(), "hidraw9")
	_ = os.WriteFile(notHID, nil, 0o644)
	if _, err := Open(notHID); err == nil || !strings.Contains(err.Error(), "report descriptor") {
		t.Fatalf("not a hidraw node: %v", err)
	}
}
