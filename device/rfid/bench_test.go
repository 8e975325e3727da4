package rfid_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/rfid"
)

// benchConfig spreads 8 antennas of one reader over 4 zones of 2
// locations each.
func benchConfig(maxTags int) rfid.Config {
	cfg := rfid.Config{MaxTags: maxTags}
	for z := range 4 {
		zone := rfid.Zone{Name: fmt.Sprintf("zone%d", z)}
		for l := range 2 {
			port := uint16(2*z + l + 1)
			zone.Locations = append(zone.Locations, rfid.Location{Name: fmt.Sprintf("loc%d", port),
				Antennas: []rfid.Antenna{{Reader: "reader-1", Port: port}}})
		}
		cfg.Zones = append(cfg.Zones, zone)
	}
	return cfg
}

// BenchmarkInventoryObserve measures steady-state reads of tags already
// present, in random order over 8 antennas, at two table sizes; the cost
// per read should not depend on the number of tracked tags.
func BenchmarkInventoryObserve(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("tags=%d", n), func(b *testing.B) { benchObserve(b, n) })
	}
}

func benchObserve(b *testing.B, n int) {
	inv := mustNew(b, benchConfig(n))
	reads := benchReads(n)
	for _, r := range reads {
		inv.Observe(r)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for k := 0; b.Loop(); k++ {
		r := reads[k%n]
		r.Seen = r.Seen.Add(time.Duration(k/n+1) * time.Second)
		if _, ok := inv.Observe(r); ok {
			b.Fatal("steady-state read produced an event")
		}
	}
	b.StopTimer()
	if c := inv.Counters(); c.Tracked != n || c.Evicted != 0 {
		b.Fatalf("table not in steady state: %+v", c)
	}
}

// benchReads returns one read per tag in random order, each tag on its
// own antenna (i%8), 10 µs apart. The EPCs are laid out in read order so
// that the harness streams through memory and the misses measured are
// the inventory's own.
func benchReads(n int) []device.TagRead {
	order := rand.New(rand.NewPCG(1, 2)).Perm(n)
	slab := make([]byte, 12*n)
	reads := make([]device.TagRead, n)
	for k, i := range order {
		e := serialEPC(slab[12*k:12*k:12*k+12], uint64(i))
		reads[k] = device.TagRead{Reader: "reader-1", Antenna: uint16(i%8 + 1), EPC: e,
			RSSI: int16(-5000 - 10*(k%7)), Count: 1, Seen: traceEpoch.Add(time.Duration(k) * 10 * time.Microsecond)}
	}
	return reads
}
