package llrptest

import (
	"context"
	"time"

	"github.com/edged/edged/device/llrp"
)

const tick = 10 * time.Millisecond

// report streams RO_ACCESS_REPORTs while the ROSpec is active.
func (s *session) report(ctx context.Context) {
	t := time.NewTicker(tick)
	defer t.Stop()
	var due float64
	var pending []read
	lastFlush, lastMove, prev := time.Now(), time.Now(), time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			elapsed := now.Sub(prev) // ticks are dropped when the machine is busy
			prev = now
			spec, access, active := s.r.activeSpec()
			if !active || s.halfOpen.Load() {
				due, pending = 0, pending[:0]
				continue
			}
			lastMove = s.r.maybeMove(now, lastMove)
			due += float64(s.r.opts.Rate) * elapsed.Seconds()
			for ; due >= 1; due-- {
				if rd, ok := s.r.nextRead(now, spec); ok {
					pending = append(pending, rd)
				}
			}
			if spec.period == 0 || now.Sub(lastFlush) >= spec.period {
				s.flush(pending, spec, access)
				pending, lastFlush = pending[:0], now
			}
		}
	}
}

// read is one generated tag observation.
type read struct {
	epc     [12]byte
	antenna uint16
	rssi    int8
	seen    uint64
	index   int
}

func (r *Reader) activeSpec() (roSpec, accessSpec, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.specs.ro, r.specs.access, r.specs.ro.state == 2
}

// nextRead picks a random tag the spec can see (right antenna, passing
// the Select filters); ok is false when a few tries found none.
func (r *Reader) nextRead(now time.Time, spec roSpec) (read, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for range 16 {
		i := r.rng.IntN(len(r.tags))
		t := r.tags[i]
		if t.antenna != 0 && (len(spec.antennas) == 0 || contains(spec.antennas, t.antenna)) && spec.selects(t.epc[:]) {
			span := int(r.opts.RSSIMax) - int(r.opts.RSSIMin) + 1
			rssi := int8(int(r.opts.RSSIMin) + r.rng.IntN(span))
			return read{epc: t.epc, antenna: t.antenna, rssi: rssi, seen: r.timestampLocked(now), index: i}, true
		}
	}
	return read{}, false
}

func (r *Reader) maybeMove(now, last time.Time) time.Time {
	if r.opts.MoveEvery <= 0 || now.Sub(last) < r.opts.MoveEvery {
		return last
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	i := r.rng.IntN(len(r.tags))
	r.tags[i].antenna = r.tags[i].antenna%r.opts.Antennas + 1
	return now
}

func contains(list []uint16, v uint16) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// flush sends the reads in reports of at most spec.n tags.
func (s *session) flush(reads []read, spec roSpec, access accessSpec) {
	n := int(spec.n)
	if n == 0 || spec.period > 0 {
		n = max(len(reads), 1)
	}
	for len(reads) > 0 {
		k := min(n, len(reads))
		s.send(func(b *llrp.Builder) { s.encodeReport(b, reads[:k], access) })
		reads = reads[k:]
		s.r.count(func(st *Stats) { st.Reads += k })
	}
}

func (s *session) encodeReport(b *llrp.Builder, reads []read, access accessSpec) {
	b.Reset(s.ver(), llrp.MsgROAccessReport, s.nextID.Add(1))
	firstTV, lastTV := uint8(llrp.ParamFirstSeenUTC), uint8(llrp.ParamLastSeenUTC)
	if s.r.opts.Uptime {
		firstTV, lastTV = llrp.ParamFirstSeenUptime, llrp.ParamLastSeenUptime
	}
	for _, rd := range reads {
		off := b.Begin(llrp.ParamTagReportData)
		b.TV(llrp.ParamEPC96).Raw(rd.epc[:])
		b.TV(llrp.ParamAntennaID).U16(rd.antenna)
		b.TV(llrp.ParamPeakRSSI).U8(uint8(rd.rssi))
		b.TV(firstTV).U64(rd.seen)
		b.TV(lastTV).U64(rd.seen)
		b.TV(llrp.ParamTagSeenCount).U16(1)
		if access.enabled {
			encodeAccessResults(b, rd, access)
		}
		b.End(off)
	}
}

// encodeAccessResults reports the memory reads; a tag's TID and user
// words are derived from its index so tests can predict them.
func encodeAccessResults(b *llrp.Builder, rd read, access accessSpec) {
	b.TV(llrp.ParamAccessSpecID).U32(access.id)
	for _, op := range access.reads {
		off := b.Begin(llrp.ParamC1G2ReadOpSpecResult)
		b.U8(0).U16(op.op).U16(op.words)
		for w := range op.words {
			b.U16(uint16(op.bank)<<12 | uint16(rd.index)<<4 | w&0xf)
		}
		b.End(off)
	}
}
