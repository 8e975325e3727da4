package rfid_test

import (
	"testing"
	"time"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/rfid"
)

// TestDepartureLateness reads 2,000 tags at scattered times, some many
// times, and ticks every second: each tag must depart exactly once, no
// earlier than the threshold after its last read and no later than one
// wheel slot (threshold/32) plus one tick after it.
func TestDepartureLateness(t *testing.T) {
	const tags, threshold = 2000, time.Minute
	cfg := shelfConfig(tags)
	cfg.DepartedAfter = threshold
	inv := mustNew(t, cfg)
	last := map[string]time.Time{}
	r := device.TagRead{Reader: "r", Antenna: 1, RSSI: -5000, Count: 1}
	departed := map[string]int{}
	var evs []rfid.Event
	for sec := range 30 * 60 {
		now := traceEpoch.Add(time.Duration(sec) * time.Second)
		for i := range tags {
			// Tag i is read every (i%50+1) s during its first i%1200 s.
			if sec < i%1200 && sec%(i%50+1) == 0 {
				r.EPC, r.Seen = serialEPC(nil, uint64(i)), now.Add(time.Duration(i)*time.Microsecond)
				inv.Observe(r)
				last[string(r.EPC)] = r.Seen
			}
		}
		evs = inv.Tick(now.Add(time.Second-time.Nanosecond), evs[:0])
		for _, ev := range evs {
			key := string(ev.EPC.Bytes())
			departed[key]++
			late := ev.At.Sub(last[key])
			if ev.Kind != rfid.Departed || late < threshold || late > threshold+threshold/32+time.Second {
				t.Fatalf("%v after %v of silence (last read %v)", ev.Kind, late, last[key])
			}
		}
	}
	for key := range last {
		if departed[key] != 1 {
			t.Errorf("tag %X departed %d times", key, departed[key])
		}
	}
}

// TestTickAfterLongPause: a tick after several wheel laps departs every
// silent tag at once.
func TestTickAfterLongPause(t *testing.T) {
	inv := mustNew(t, shelfConfig(100))
	r := device.TagRead{Reader: "r", Antenna: 1, RSSI: -5000, Count: 1}
	for i := range 50 {
		r.EPC, r.Seen = serialEPC(nil, uint64(i)), traceEpoch.Add(time.Duration(i)*time.Minute)
		inv.Observe(r)
	}
	evs := inv.Tick(traceEpoch.Add(24*time.Hour), nil)
	if len(evs) != 50 || inv.Counters().Departed != 50 {
		t.Fatalf("departed %d of 50 after a day: %+v", len(evs), inv.Counters())
	}
	for i := 1; i < len(evs); i++ {
		if evs[i].LastSeen.Before(evs[i-1].LastSeen) {
			t.Fatalf("departures not oldest first: %v before %v", evs[i-1].LastSeen, evs[i].LastSeen)
		}
	}
}
