package rfid

import (
	"bytes"
	"hash/maphash"
)

// Tag states. A free slot holds no tag.
const (
	stateFree uint8 = iota
	statePresent
	stateDeparted
)

// statSlots is how many locations keep RSSI statistics per tag: the
// current one and two candidates, enough for a tag between two portals
// without letting a tag seen by every antenna cost more memory.
const statSlots = 3

// tag is one tracked EPC. It holds no pointers, so the garbage collector
// never scans the table however large it is.
type tag struct {
	hash       uint64
	lastRead   int64 // ns; never decreases
	since      int64 // arrival, or departure while departed
	prev, next int32 // neighbours in the zone or departed list
	list       int16
	state      uint8
	keyLen     uint8
	loc        uint16 // current location
	cur, last  uint64 // zones that read the tag this cycle / last cycle
	stats      [statSlots]stat
}

// stat is the RSSI window of one location for one tag; its samples live
// in table.rssi.
type stat struct {
	lastRead int64
	sum      int32 // of the samples in the window, centi-dBm
	reads    uint16
	loc      uint16 // location index + 1; 0 means unused
	n, head  uint8
}

// table is a fixed-capacity hash table of tags: open addressing with
// linear probing over an index twice the capacity (so probes stay short)
// and backward-shift deletion (so there are no tombstones to clean).
type table struct {
	tags    []tag
	keys    []byte // keySize bytes per slot
	keySize int
	rssi    []int16 // statSlots*window samples per slot
	window  int
	index   []int32 // slot+1, 0 = empty
	mask    uint64
	free    []int32
	lists   []list // one per zone, then the departed list
	seed    maphash.Seed
}

func newTable(capacity, keySize, window, zones int) *table {
	size := 1
	for size < 2*capacity {
		size <<= 1
	}
	t := &table{
		tags: make([]tag, capacity), keys: make([]byte, capacity*keySize), keySize: keySize,
		rssi: make([]int16, capacity*statSlots*window), window: window,
		index: make([]int32, size), mask: uint64(size - 1),
		free: make([]int32, capacity), lists: make([]list, zones+1), seed: maphash.MakeSeed(),
	}
	for i := range t.free {
		t.free[i] = int32(capacity - 1 - i) // pop order 0, 1, 2, ...
	}
	for i := range t.lists {
		t.lists[i] = list{head: -1, tail: -1}
	}
	return t
}

func (t *table) key(slot int32) []byte {
	off := int(slot) * t.keySize
	return t.keys[off : off+int(t.tags[slot].keyLen)]
}

// find returns the slot holding key, or -1.
func (t *table) find(key []byte, h uint64) int32 {
	for p := h & t.mask; ; p = (p + 1) & t.mask {
		e := t.index[p]
		if e == 0 {
			return -1
		}
		if s := e - 1; t.tags[s].hash == h && bytes.Equal(t.key(s), key) {
			return s
		}
	}
}

// insert takes a free slot for key; the caller made sure one is free.
func (t *table) insert(key []byte, h uint64) int32 {
	s := t.free[len(t.free)-1]
	t.free = t.free[:len(t.free)-1]
	t.tags[s] = tag{hash: h, keyLen: uint8(len(key)), list: -1, prev: -1, next: -1}
	copy(t.keys[int(s)*t.keySize:], key)
	p := h & t.mask
	for t.index[p] != 0 {
		p = (p + 1) & t.mask
	}
	t.index[p] = s + 1
	return s
}

// remove frees a slot and closes the gap in its probe sequence by
// shifting back later entries that may move to it.
func (t *table) remove(s int32) {
	t.unlink(s)
	i := t.tags[s].hash & t.mask
	for t.index[i] != s+1 {
		i = (i + 1) & t.mask
	}
	for j := (i + 1) & t.mask; t.index[j] != 0; j = (j + 1) & t.mask {
		home := t.tags[t.index[j]-1].hash & t.mask
		if (j-home)&t.mask >= (j-i)&t.mask {
			t.index[i] = t.index[j]
			i = j
		}
	}
	t.index[i] = 0
	t.tags[s].state = stateFree
	t.free = append(t.free, s)
}

func (t *table) used() int { return len(t.tags) - len(t.free) }
