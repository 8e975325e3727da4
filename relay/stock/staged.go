package stock

import (
	"fmt"
	"sort"
	"strings"
)

// maxStaged bounds the batches held per gateway; beyond it an early batch
// is refused as before, and the gateway sends it again.
const maxStaged = 64

// With several relays on a shared MQTT subscription, batch N+1 of a
// gateway can reach one relay before another has committed batch N.
// The early batch is staged in the store, unacknowledged; the commit
// that applies N, on whichever relay, applies the staged batches that
// now follow, and that relay acknowledges them all.

func stagedKey(gateway string, first uint64) string {
	return joinKey(gateway, fmt.Sprintf("%020d", first))
}

// stage keeps rest, an early part of a batch, unless it is already kept.
func (e *Engine) stage(tx *txn, gateway string, rest []Sequenced) {
	key := stagedKey(gateway, rest[0].Seq)
	if _, ok := tx.st.staged[key]; ok {
		return
	}
	if len(e.stagedOf(tx.st, gateway)) >= maxStaged {
		return
	}
	put(tx, tx.st.staged, key, append([]Sequenced(nil), rest...), TableStaged, key)
}

// applyStaged applies the staged batches that follow last, drops those
// already applied, and returns the new last seq.
func (e *Engine) applyStaged(tx *txn, gateway string, last uint64) uint64 {
	for _, key := range e.stagedOf(tx.st, gateway) {
		b := tx.st.staged[key]
		if b[0].Seq > last+1 {
			break // still early: its predecessor has not come yet
		}
		del(tx, tx.st.staged, key, TableStaged, key)
		if b[len(b)-1].Seq <= last {
			continue
		}
		n, err := e.applyRun(tx, gateway, b)
		if err != nil { // a gap inside the staged batch: it was staged again
			return n
		}
		last = n
	}
	return last
}

// stagedOf lists the gateway's staged keys in seq order.
func (e *Engine) stagedOf(st *state, gateway string) []string {
	var keys []string
	prefix := gateway + sep
	for k := range st.staged {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// firstAgain decides about the first batch the store sees of a gateway
// when it does not start at seq 1. Through a shared subscription it is
// usually batch 2 overtaking batch 1 on another relay: it is staged, and
// batch 1's commit applies it. A gateway resends in order from its last
// acknowledged seq, so the same batch arriving again while still staged,
// with no seq 1 in between, means the gateway's earlier events were
// acknowledged to a store this one does not continue (a new relay store):
// the stream starts there.
func (e *Engine) firstAgain(tx *txn, gateway string, batch []Sequenced) bool {
	key := stagedKey(gateway, batch[0].Seq)
	if _, again := tx.st.staged[key]; again {
		del(tx, tx.st.staged, key, TableStaged, key)
		e.log.Warn("gateway's stream starts after seq 1: its earlier events were acknowledged elsewhere",
			"gateway", gateway, "first", batch[0].Seq)
		return true
	}
	e.stage(tx, gateway, batch)
	return false
}
