package llrp

import (
	"sync"
	"time"

	"github.com/edged/edged/device"
)

// slot is one queued read with its own byte storage, so queuing a read
// copies bytes but never allocates.
type slot struct {
	read     device.TagRead
	readerTS uint64 // reader timestamp (µs), 0 if none
	buf      []byte
}

// ring is the bounded queue between the socket reader (one producer)
// and the consumer goroutine. The producer stages reads past tail and
// publishes a whole report at once, after re-basing its timestamps.
type ring struct {
	mu         sync.Mutex
	slots      []slot
	head, tail uint64 // consumer reads [head, tail)
	staged     uint64 // producer fills [tail, tail+staged)
	notify     chan struct{}
}

func newRing(size, bytesPerSlot int) *ring {
	q := &ring{slots: make([]slot, size), notify: make(chan struct{}, 1)}
	backing := make([]byte, size*bytesPerSlot)
	for i := range q.slots {
		q.slots[i].buf = backing[i*bytesPerSlot : (i+1)*bytesPerSlot : (i+1)*bytesPerSlot]
	}
	return q
}

// stage returns the next free slot, or nil when the queue is full.
func (q *ring) stage() *slot {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.tail+q.staged-q.head >= uint64(len(q.slots)) {
		return nil
	}
	s := &q.slots[(q.tail+q.staged)%uint64(len(q.slots))]
	q.staged++
	return s
}

// stagedSlots calls fn on every staged slot (producer only).
func (q *ring) stagedSlots(fn func(*slot)) {
	q.mu.Lock()
	tail, n := q.tail, q.staged
	q.mu.Unlock()
	for i := range n {
		fn(&q.slots[(tail+i)%uint64(len(q.slots))])
	}
}

// publish hands the staged reads to the consumer.
func (q *ring) publish() {
	q.mu.Lock()
	q.tail += q.staged
	q.staged = 0
	q.mu.Unlock()
	select {
	case q.notify <- struct{}{}:
	default:
	}
}

// drain delivers every published read to fn, freeing each slot after fn
// returns (consumer only). It returns how many it delivered.
func (q *ring) drain(fn func(device.TagRead)) int {
	q.mu.Lock()
	head, tail := q.head, q.tail
	q.mu.Unlock()
	for i := head; i < tail; i++ {
		fn(q.slots[i%uint64(len(q.slots))].read)
	}
	q.mu.Lock()
	q.head = tail
	q.mu.Unlock()
	return int(tail - head)
}

// fill copies a decoded tag report into s.
func (s *slot) fill(name string, r *TagReport, recv time.Time) {
	n := copy(s.buf, r.EPC)
	s.read = device.TagRead{Reader: name, Antenna: r.AntennaID, EPC: s.buf[:n:n], Count: max(r.TagSeenCount, 1), Seen: recv}
	s.read.RSSI, _ = r.RSSICentiDBm()
	s.readerTS = 0
	if r.Has&HasLastSeen != 0 {
		s.readerTS = r.LastSeen
	} else if r.Has&HasFirstSeen != 0 {
		s.readerTS = r.FirstSeen
	}
	for _, rr := range r.ReadResults {
		if rr.Result != 0 {
			continue
		}
		m := n + copy(s.buf[n:], rr.Data)
		switch rr.OpSpecID {
		case OpReadTID:
			s.read.TID = s.buf[n:m:m]
		case OpReadUser:
			s.read.User = s.buf[n:m:m]
		}
		n = m
	}
}
