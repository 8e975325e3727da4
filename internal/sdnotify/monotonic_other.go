//go:build !linux

package sdnotify

import "time"

var start = time.Now()

func monotonicUsec() int64 { return int64(time.Since(start) / time.Microsecond) }
