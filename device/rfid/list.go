package rfid

// list is an intrusive doubly linked list of slots, most recently read
// first. Zone lists let Tick find the tags to depart from the tail
// without scanning; the departed list orders tags by departure for
// age-out and is the first place eviction looks.
type list struct{ head, tail int32 }

// link puts slot s at the head of list l.
func (t *table) link(s int32, l int16) {
	tg := &t.tags[s]
	ls := &t.lists[l]
	tg.list, tg.prev, tg.next = l, -1, ls.head
	if ls.head >= 0 {
		t.tags[ls.head].prev = s
	} else {
		ls.tail = s
	}
	ls.head = s
}

// unlink takes slot s out of its list, if any.
func (t *table) unlink(s int32) {
	tg := &t.tags[s]
	if tg.list < 0 {
		return
	}
	ls := &t.lists[tg.list]
	if tg.prev >= 0 {
		t.tags[tg.prev].next = tg.next
	} else {
		ls.head = tg.next
	}
	if tg.next >= 0 {
		t.tags[tg.next].prev = tg.prev
	} else {
		ls.tail = tg.prev
	}
	tg.list, tg.prev, tg.next = -1, -1, -1
}

// relink moves slot s to the head of list l.
func (t *table) relink(s int32, l int16) {
	if t.tags[s].list == l && t.lists[l].head == s {
		return
	}
	t.unlink(s)
	t.link(s, l)
}
