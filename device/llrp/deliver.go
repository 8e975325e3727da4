package llrp

import (
	"context"
	"time"
)

// rebaser holds per-connection decoding state.
type rebaser struct {
	tr          TagReport
	lastAntenna uint16
	lastRSSI    int8
	hasRSSI     bool
	warnedSkew  bool
	lastDropLog time.Time
}

// handleReport decodes an RO_ACCESS_REPORT into the ring on the read
// goroutine, re-bases its timestamps and publishes it. It never blocks.
func (c *Client) handleReport(f Frame, rb *rebaser) error {
	recv := c.opts.Now()
	var maxTS uint64
	var utc bool
	dropped := 0
	err := DecodeROAccessReport(f.Payload, &rb.tr, func(r *TagReport) {
		rb.fillPrevious(r)
		s := c.q.stage()
		if s == nil {
			dropped++
			return
		}
		s.fill(c.opts.Name, r, recv)
		maxTS = max(maxTS, s.readerTS)
		utc = utc || r.Has&(HasLastSeen|LastSeenUptime) == HasLastSeen || r.Has&(HasFirstSeen|FirstSeenUptime) == HasFirstSeen
	})
	c.rebase(recv, maxTS, utc, rb)
	c.q.publish()
	if dropped > 0 {
		c.noteDrops(dropped, recv, rb)
	}
	return err
}

// fillPrevious applies LLRP 1.1 §14.2.3 rule (ii): an enabled field
// the reader left out has the value it last sent.
func (rb *rebaser) fillPrevious(r *TagReport) {
	if r.Has&HasAntenna != 0 {
		rb.lastAntenna = r.AntennaID
	} else if rb.lastAntenna != 0 {
		r.AntennaID, r.Has = rb.lastAntenna, r.Has|HasAntenna
	}
	if r.Has&HasPeakRSSI != 0 {
		rb.lastRSSI, rb.hasRSSI = r.PeakRSSI, true
	} else if rb.hasRSSI {
		r.PeakRSSI, r.Has = rb.lastRSSI, r.Has|HasPeakRSSI
	}
}

// rebase shifts the staged reads so the newest reader timestamp of the
// report equals the receive time, keeping the spacing between reads.
func (c *Client) rebase(recv time.Time, maxTS uint64, utc bool, rb *rebaser) {
	if maxTS == 0 {
		return
	}
	c.q.stagedSlots(func(s *slot) {
		if s.readerTS != 0 {
			s.read.Seen = recv.Add(-time.Duration(maxTS-s.readerTS) * time.Microsecond)
		}
	})
	if !utc {
		return
	}
	skew := time.UnixMicro(int64(maxTS)).Sub(recv)
	c.ctr.skew.Store(int64(skew))
	if (skew > c.opts.SkewThreshold || skew < -c.opts.SkewThreshold) && !rb.warnedSkew {
		rb.warnedSkew = true
		c.log.Warn("llrp: reader clock is off; timestamps re-based on receive time; set the reader's NTP",
			"skew", skew.Round(time.Millisecond), "reader_time", time.UnixMicro(int64(maxTS)).UTC())
	}
}

func (c *Client) noteDrops(n int, now time.Time, rb *rebaser) {
	total := c.ctr.drops.Add(uint64(n))
	if now.Sub(rb.lastDropLog) >= 10*time.Second {
		rb.lastDropLog = now
		c.log.Warn("llrp: consumer too slow; reads dropped", "dropped_total", total, "queue", c.opts.QueueSize)
	}
}

// deliver hands queued reads to OnRead until ctx ends, then delivers
// what is left. It also keeps the reads-per-second figure.
func (c *Client) deliver(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	var last uint64
	for {
		select {
		case <-c.q.notify:
			c.ctr.reads.Add(uint64(c.q.drain(c.opts.OnRead)))
		case <-t.C:
			n := c.ctr.reads.Load()
			c.ctr.rate.Store((n - last) * 1000)
			last = n
		case <-ctx.Done():
			c.ctr.reads.Add(uint64(c.q.drain(c.opts.OnRead)))
			return
		}
	}
}
