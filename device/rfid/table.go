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

// inlineKey is how many EPC bytes live in the tag itself (EPC-96 and
// EPC-128 entirely); longer EPCs keep the rest in table.keys.
const inlineKey = 16

// tag is one tracked EPC, 128 bytes. The first 64 bytes hold everything
// a steady-state read touches, so a read costs few cache misses however
// large the table. It holds no pointers, so the garbage collector never
// scans the table.
type tag struct {
	hash     uint64
	lastRead int64 // ns; never decreases
	linkedAt int64 // present: time that placed it in its bucket; departed: departure time
	key      [inlineKey]byte
	cur      uint64 // zones that read the tag this cycle
	statLoc  [statSlots]uint16
	loc      uint16 // current location
	list     int16
	state    uint8
	keyLen   uint8
	_        [4]byte

	prev, next int32  // neighbours in the list
	last       uint64 // zones that read the tag last cycle
	stats      [statSlots]stat
}

// stat is the RSSI window of one location (tag.statLoc) for one tag; its
// samples live in table.rssi.
type stat struct {
	lastRead int64
	sum      int32 // of the samples in the window, centi-dBm
	reads    uint16
	n, head  uint8
}

// table is a fixed-capacity hash table of tags: open addressing with
// linear probing over an index twice the capacity (so probes stay short)
// and backward-shift deletion (so there are no tombstones to clean).
type table struct {
	tags    []tag
	keys    []byte // keySize-inlineKey bytes per slot, for long EPCs
	keySize int
	rssi    []int16 // statSlots*window samples per slot
	window  int
	index   []int32 // slot+1, 0 = empty
	mask    uint64
	free    []int32
	lists   []list
	seed    maphash.Seed
}

func newTable(capacity, keySize, window, lists int) *table {
	size := 1
	for size < 2*capacity {
		size <<= 1
	}
	t := &table{
		tags: make([]tag, capacity), keys: make([]byte, capacity*max(keySize-inlineKey, 0)), keySize: keySize,
		rssi: make([]int16, capacity*statSlots*window), window: window,
		index: make([]int32, size), mask: uint64(size - 1),
		free: make([]int32, capacity), lists: make([]list, lists), seed: maphash.MakeSeed(),
	}
	for i := range t.free {
		t.free[i] = int32(capacity - 1 - i) // pop order 0, 1, 2, ...
	}
	for i := range t.lists {
		t.lists[i] = list{head: -1, tail: -1}
	}
	return t
}

// rest returns the slab part of a slot's key beyond the inline bytes.
func (t *table) rest(s int32) []byte {
	n := int(t.tags[s].keyLen) - inlineKey
	if n <= 0 {
		return nil
	}
	off := int(s) * (t.keySize - inlineKey)
	return t.keys[off : off+n]
}

func (t *table) matches(s int32, key []byte, h uint64) bool {
	tg := &t.tags[s]
	if tg.hash != h || int(tg.keyLen) != len(key) {
		return false
	}
	n := min(len(key), inlineKey)
	return bytes.Equal(tg.key[:n], key[:n]) && bytes.Equal(t.rest(s), key[n:])
}

// find returns the slot holding key, or -1.
func (t *table) find(key []byte, h uint64) int32 {
	for p := h & t.mask; ; p = (p + 1) & t.mask {
		e := t.index[p]
		if e == 0 {
			return -1
		}
		if t.matches(e-1, key, h) {
			return e - 1
		}
	}
}

// appendKey appends slot s's EPC to dst.
func (t *table) appendKey(dst []byte, s int32) []byte {
	tg := &t.tags[s]
	return append(append(dst, tg.key[:min(int(tg.keyLen), inlineKey)]...), t.rest(s)...)
}
