package workflow

import "time"

// LocationStore keeps each station's sticky location across restarts
// (the ledger is one): after a power cut the worker carries on at the
// shelf they scanned instead of having every scan refused for "no
// location".
type LocationStore interface {
	StationLocation(station string) (string, time.Time, error)
	SetStationLocation(station, location string, at time.Time) error
}

// touchEvery bounds how stale the stored time of the last scan may be:
// the idle reset judges a restored location by it.
const touchEvery = time.Minute

// memory is a station's view of its LocationStore.
type memory struct {
	store LocationStore
	loc   string    // what the store holds
	at    time.Time // the activity time stored with it
}

// restore puts the stored location back into st, with the time of its
// last scan so that an idle reset still applies to it.
func (s *Station) restore() {
	if s.mem.store == nil {
		return
	}
	loc, at, err := s.mem.store.StationLocation(s.name)
	if err != nil {
		s.log.Warn("the station's last location could not be read; scan the location again", "err", err)
		return
	}
	s.mem.loc, s.mem.at = loc, at
	if loc != "" {
		s.st.location, s.st.activity = loc, at
		s.log.Info("station location restored", "location", loc, "last_scan", at)
	}
}

// remember stores the location when it changed, and the activity time
// at most every touchEvery while it did not.
func (s *Station) remember() {
	m := &s.mem
	if m.store == nil || (s.st.location == m.loc && s.st.activity.Sub(m.at) < touchEvery) {
		return
	}
	if err := m.store.SetStationLocation(s.name, s.st.location, s.st.activity); err != nil {
		s.log.Warn("the station's location was not saved; after a restart scan it again", "err", err)
		return
	}
	m.loc, m.at = s.st.location, s.st.activity
}
