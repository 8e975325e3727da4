package relay

import (
	"maps"
	"time"
)

// ChannelStatus is what `relay status` shows for one channel.
type ChannelStatus struct {
	Channel Channel
	// LastPush is when a push last succeeded; zero if never.
	LastPush time.Time
	// LastLag is the time from the stock change to its successful push,
	// for the last pushed item; MaxLag is the largest seen.
	LastLag time.Duration
	MaxLag  time.Duration
	// Pushed counts items set successfully, Failed items that failed,
	// Retried items put back for another attempt.
	Pushed, Failed, Retried uint64
	// Pending is the number of items waiting to be pushed.
	Pending int
	// LastError is the last failure, empty after the next success.
	LastError string
	// Permanent maps a listing (Target.Key) to the error that a retry
	// cannot fix; it clears when that listing is pushed successfully.
	Permanent map[string]string
}

func (s *ChannelStatus) clone() ChannelStatus {
	c := *s
	c.Permanent = maps.Clone(s.Permanent)
	return c
}

func (s *ChannelStatus) success(it Item, now time.Time) {
	s.Pushed++
	s.LastPush = now
	s.LastError = ""
	delete(s.Permanent, it.Target.Key())
	if it.Changed.IsZero() {
		return
	}
	s.LastLag = now.Sub(it.Changed)
	s.MaxLag = max(s.MaxLag, s.LastLag)
}

// failure records err's text redacted (see [Redact]): it is shown on the
// status page, and a secret must not reach it even if an adapter quoted
// one.
func (s *ChannelStatus) failure(it Item, err error, secrets *Secrets) {
	s.Failed++
	s.LastError = Redact(err.Error(), secrets.List()...)
	if Retryable(err) {
		return
	}
	if s.Permanent == nil {
		s.Permanent = map[string]string{}
	}
	s.Permanent[it.Target.Key()] = s.LastError
}
