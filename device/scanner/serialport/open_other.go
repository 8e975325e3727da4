//go:build !linux

package serialport

import (
	"context"
	"errors"
	"fmt"

	"github.com/edged/edged/device/scanner"
)

// Open is only implemented on Linux.
func Open(path string, m Mode) (*Port, error) {
	return nil, fmt.Errorf("serialport: open %s: %w on this OS (edged runs on Linux)", path, errors.ErrUnsupported)
}

// Opener returns a scanner.SupervisorConfig.Open for path.
func Opener(path string, m Mode) func(context.Context) (scanner.Device, error) {
	return func(context.Context) (scanner.Device, error) { return Open(path, m) }
}
