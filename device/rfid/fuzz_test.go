package rfid_test

import (
	"testing"
	"time"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/rfid"
)

// FuzzInventory drives a small table (8 tags, 3 antennas, 2 zones) with
// arbitrary reads, ticks and trigger changes, so that evictions, backward
// shift deletions and wheel sweeps interleave. Invariants: no panic, the
// table never exceeds its bound, and a tag just read is found again (a
// repeat of the same read is never an Arrived).
func FuzzInventory(f *testing.F) {
	f.Add([]byte{0, 1, 1, 10, 0, 2, 2, 10, 1, 0, 0, 200, 0, 1, 3, 5})
	f.Add([]byte{0, 9, 1, 0, 0, 17, 1, 0, 0, 25, 1, 0, 2, 0, 0, 0, 0, 33, 3, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg := rfid.Config{MaxTags: 8, DepartedAfter: 10 * time.Second, AgeOut: time.Minute, Zones: []rfid.Zone{
			{Name: "a", Locations: []rfid.Location{{Name: "a1", Antennas: []rfid.Antenna{{Reader: "r", Port: 1}}},
				{Name: "a2", Antennas: []rfid.Antenna{{Reader: "r", Port: 2}}}}},
			{Name: "g", Role: rfid.ReceivePortal, GPIGated: true, Locations: []rfid.Location{{Name: "g1", Antennas: []rfid.Antenna{{Reader: "r", Port: 3}}}}},
		}}
		inv := mustNew(t, cfg)
		now := traceEpoch
		for ; len(data) >= 4; data = data[4:] {
			now = now.Add(time.Duration(data[3]) * 100 * time.Millisecond)
			switch data[0] % 4 {
			case 0:
				r := device.TagRead{Reader: "r", Antenna: uint16(data[2] % 4), EPC: serialEPC(nil, uint64(data[1]%32)),
					RSSI: -int16(data[2]) * 40, Count: 1, Seen: now}
				inv.Observe(r)
				if r.Antenna == 1 || r.Antenna == 2 {
					if ev, ok := inv.Observe(r); ok && ev.Kind == rfid.Arrived {
						t.Fatalf("tag %X lost right after a read", r.EPC)
					}
				}
			case 1:
				inv.Tick(now, nil)
			case 2:
				_ = inv.SetTrigger("g", data[1]%2 == 0)
			case 3:
				_, _ = inv.EndCycle("a", now)
			}
			if c := inv.Counters(); c.Tracked > 8 {
				t.Fatalf("table exceeds its bound: %+v", c)
			}
		}
	})
}
