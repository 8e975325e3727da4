package rfid

// insert takes a free slot for key; the caller made sure one is free.
func (t *table) insert(key []byte, h uint64) int32 {
	s := t.free[len(t.free)-1]
	t.free = t.free[:len(t.free)-1]
	tg := &t.tags[s]
	*tg = tag{hash: h, keyLen: uint8(len(key)), list: -1, prev: -1, next: -1}
	n := copy(tg.key[:], key)
	copy(t.keys[int(s)*(t.keySize-inlineKey):], key[n:])
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
