//go:build !linux

package evdev

import (
	"context"
	"errors"
	"fmt"

	"github.com/edged/edged/device/scanner"
)

// Device is an open evdev node (Linux only).
type Device struct{ scanner.Device }

// Open is only implemented on Linux.
func Open(path string) (*Device, error) {
	return nil, fmt.Errorf("evdev: open %s: %w: evdev is Linux-only", path, errors.ErrUnsupported)
}

// Opener returns a scanner.SupervisorConfig.Open for path.
func Opener(path string) func(context.Context) (scanner.Device, error) {
	return func(context.Context) (scanner.Device, error) { return Open(path) }
}
