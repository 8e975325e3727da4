package rfid_test

import (
	"encoding/binary"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/rfid"
)

func shelfConfig(maxTags int) rfid.Config {
	return rfid.Config{MaxTags: maxTags, Zones: []rfid.Zone{{Name: "shelves",
		Locations: []rfid.Location{{Name: "shelfA", Antennas: []rfid.Antenna{{Reader: "r", Port: 1}}}}}}}
}

func mustNew(t testing.TB, cfg rfid.Config) *rfid.Inventory {
	t.Helper()
	inv, err := rfid.New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

// serialEPC makes a distinct 12-byte EPC per serial.
func serialEPC(b []byte, serial uint64) []byte {
	b = append(b[:0], 0x30, 0x74, 0x25, 0x7B)
	return binary.BigEndian.AppendUint64(b, serial)
}

// TestFlood sends one million distinct EPCs through a table bounded at
// 10,000: the table stays full, every extra tag evicts one and is
// counted, and the heap does not grow with the flood.
func TestFlood(t *testing.T) {
	const maxTags, flood = 10_000, 1_000_000
	inv := mustNew(t, shelfConfig(maxTags))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := device.TagRead{Reader: "r", Antenna: 1, RSSI: -5000, Count: 1, EPC: make([]byte, 0, 12)}
	for i := range uint64(flood) {
		r.EPC = serialEPC(r.EPC, i)
		r.Seen = traceEpoch.Add(time.Duration(i) * time.Microsecond)
		inv.Observe(r)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	c := inv.Counters()
	if c.Tracked != maxTags || c.Evicted != flood-maxTags || c.EvictedPresent != flood-maxTags || c.Arrived != flood {
		t.Errorf("counters after flood: %+v", c)
	}
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 1<<20 {
		t.Errorf("heap grew by %d bytes during the flood", grew)
	}
}

// TestObserveDoesNotAllocate covers both steady-state reads and the
// arrival/eviction path.
func TestObserveDoesNotAllocate(t *testing.T) {
	inv := mustNew(t, shelfConfig(100))
	r := device.TagRead{Reader: "r", Antenna: 1, RSSI: -5000, Count: 1, EPC: make([]byte, 0, 12)}
	i := uint64(0)
	n := testing.AllocsPerRun(1000, func() {
		i++
		r.EPC = serialEPC(r.EPC, i%300)
		r.Seen = traceEpoch.Add(time.Duration(i) * time.Millisecond)
		inv.Observe(r)
	})
	if n != 0 {
		t.Errorf("Observe allocates %v times per read", n)
	}
}

func TestTickBackwards(t *testing.T) {
	inv := mustNew(t, shelfConfig(10))
	inv.Tick(traceEpoch.Add(time.Minute), nil)
	if evs := inv.Tick(traceEpoch, nil); len(evs) != 0 || inv.Counters().TimeBackwards != 1 {
		t.Errorf("backwards tick: events %v, counters %+v", evs, inv.Counters())
	}
}

func TestValidate(t *testing.T) {
	if err := shelfConfig(0).Validate(); err != nil {
		t.Errorf("defaults refused: %v", err)
	}
	cfg := shelfConfig(0)
	cfg.Session, cfg.DepartedAfter = "S0", 2*time.Second
	err := cfg.Validate()
	if !errors.Is(err, rfid.ErrConfig) || !strings.Contains(err.Error(), "zones[0].departed_after: check_interval 1s must be at most a tenth of 2s") {
		t.Errorf("S0 with a 1 s check interval: %v", err)
	}
	cfg.CheckInterval = 200 * time.Millisecond
	if err := cfg.Validate(); err != nil {
		t.Errorf("S0 2 s / 200 ms refused: %v", err)
	}
	cfg.DepartedAfter = time.Second
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "1s is shorter than 2s") {
		t.Errorf("S0 with 1 s threshold: %v", err)
	}
	cfg = shelfConfig(0)
	cfg.Session, cfg.DualTarget = "s3", true
	if err := cfg.Validate(); err != nil {
		t.Errorf("S3 dual target refused: %v", err)
	}
	if err := (rfid.Config{Session: "S9"}).Validate(); err == nil ||
		!strings.Contains(err.Error(), "session: must be S0") || !strings.Contains(err.Error(), "zones: need 1 to 64") {
		t.Errorf("empty config: %v", err)
	}
}

func TestSeedErrors(t *testing.T) {
	inv := mustNew(t, shelfConfig(10))
	if err := inv.Seed(nil, "shelfA", traceEpoch); !errors.Is(err, rfid.ErrEPCLength) {
		t.Errorf("empty EPC: %v", err)
	}
	if err := inv.Seed([]byte{1}, "nowhere", traceEpoch); !errors.Is(err, rfid.ErrUnknownLocation) {
		t.Errorf("unknown location: %v", err)
	}
}

func FuzzParseTrace(f *testing.F) {
	for _, s := range []string{
		"set session S1\nzone z storage\nlocation l z r/1\n0s..1s/100ms read r/1 sgtin96:0614141.812345.1 -50 x2\n2s tick\n",
		"zone d receive_portal gated departed_after=10s\nlocation l d r/1 r/2\n1s gpi d open\n1s cycle d\n0s seed 3074 l\n",
		"1s read r/1 00 seen=0s\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := parseTrace(data)
		if err != nil || len(tr.ops) > 10_000 || tr.cfg.MaxTags > 1000 || tr.cfg.MaxTags < 0 {
			return
		}
		// Whatever parses must replay without panicking.
		runTrace(tr)
	})
}

func TestReadWithoutTime(t *testing.T) {
	inv := mustNew(t, shelfConfig(10))
	inv.Tick(traceEpoch, nil)
	ev, ok := inv.Observe(device.TagRead{Reader: "r", Antenna: 1, EPC: serialEPC(nil, 1)})
	if !ok || !ev.At.Equal(traceEpoch) || inv.Counters().NoTimestamp != 1 {
		t.Errorf("read without time: %v %v, %+v", ev.At, ok, inv.Counters())
	}
}
