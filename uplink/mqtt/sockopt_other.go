//go:build !linux

package mqtt

import (
	"syscall"
	"time"
)

// userTimeout does nothing where TCP_USER_TIMEOUT does not exist; MQTT
// pings still detect a dead link.
func userTimeout(time.Duration) func(network, address string, c syscall.RawConn) error { return nil }
