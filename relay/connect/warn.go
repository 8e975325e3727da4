package connect

import (
	"fmt"
	"time"

	"github.com/edged/edged/relay"
)

// warn sets or clears the refresh-token warning, logging it once a day.
func (k *keeper) warn(now time.Time) {
	msg := ""
	if k.have && !k.tok.RefreshExpires.IsZero() {
		msg = refreshWarning(k.ch, k.tok.RefreshExpires, now, k.r.o.WarnBefore)
	}
	k.r.update(k.ch, func(s *Status) { s.Warning = msg })
	if msg == "" {
		k.warned = time.Time{}
		return
	}
	if k.warned.IsZero() || now.Sub(k.warned) >= 24*time.Hour {
		k.log.Warn(msg, "refresh_expires", k.tok.RefreshExpires)
		k.warned = now
	}
}

// refreshWarning is the warning for a refresh token running out at
// expires, or "" while that is more than before away.
func refreshWarning(ch relay.Channel, expires, now time.Time, before time.Duration) string {
	left := expires.Sub(now)
	switch {
	case left > before:
		return ""
	case left <= 0:
		return fmt.Sprintf("%s: the refresh token ran out at %s: run `relay connect %s`", ch, expires.UTC().Format(time.RFC3339), ch)
	}
	return fmt.Sprintf("%s: the refresh token runs out %s (at %s): run `relay connect %s` before then",
		ch, In(left), expires.UTC().Format(time.RFC3339), ch)
}

// Expiry describes when a token runs out, seen at now: "never",
// "expired" or "expires in N days" (hours or minutes when sooner).
func Expiry(at, now time.Time) string {
	switch left := at.Sub(now); {
	case at.IsZero():
		return "never"
	case left <= 0:
		return "expired"
	default:
		return "expires " + In(left)
	}
}

// In says a positive duration in the largest whole unit: "in 3 days",
// "in 5 hours", "in 12 minutes".
func In(d time.Duration) string {
	unit := func(n int, s string) string {
		if n == 1 {
			return fmt.Sprintf("in 1 %s", s)
		}
		return fmt.Sprintf("in %d %ss", n, s)
	}
	switch {
	case d >= 24*time.Hour:
		return unit(int(d/(24*time.Hour)), "day")
	case d >= time.Hour:
		return unit(int(d/time.Hour), "hour")
	}
	return unit(max(1, int(d/time.Minute)), "minute")
}
