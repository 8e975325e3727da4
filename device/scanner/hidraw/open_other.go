//go:build !linux

package hidraw

import (
	"context"
	"errors"
	"fmt"

	"github.com/edged/edged/device/scanner"
)

// Device is an open hidraw node (Linux only).
type Device struct{ scanner.Device }

// Open is only implemented on Linux.
func Open(path string) (*Device, error) {
	return nil, fmt.Errorf("hidraw: open %s: %w: hidraw is Linux-only", path, errors.ErrUnsupported)
}

// Opener returns a scanner.SupervisorConfig.Open for path.
func Opener(path string) func(context.Context) (scanner.Device, error) {
	return func(context.Context) (scanner.Device, error) { return Open(path) }
}
