package main

import "golang.org/x/sys/unix"

// clockSynced asks the kernel whether NTP (or chrony, or timesyncd)
// has synchronised the clock; a Pi without an RTC boots unsynchronised.
func clockSynced() bool {
	var tx unix.Timex
	state, err := unix.Adjtimex(&tx)
	return err == nil && state != unix.TIME_ERROR && tx.Status&unix.STA_UNSYNC == 0
}
