package ledger_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
)

// model is an independent, deliberately naive account of what the
// ledger must hold: balances, FIFO queues and the id registry.
type model struct {
	onHand, damaged map[[2]string]int64
	fifo            map[string][][2]int64 // sku -> [qty, cost] oldest first; qty < 0 for shortfalls
	lastCost        map[string]int64
	ids             map[string]ledger.Event
	seqs            map[string]uint64
	frozen          map[string]string // location -> count id
	head            uint64
}

func newModel() *model {
	return &model{onHand: map[[2]string]int64{}, damaged: map[[2]string]int64{},
		fifo: map[string][][2]int64{}, lastCost: map[string]int64{}, ids: map[string]ledger.Event{},
		seqs: map[string]uint64{}, frozen: map[string]string{}}
}

const negativeOK = "FLOOR"

// apply predicts the outcome of e: the error class and the COGS.
func (m *model) apply(e ledger.Event) (cogs int64, err error) {
	if prev, ok := m.ids[e.ID]; ok {
		if !reflect.DeepEqual(prev, e) {
			return 0, ledger.ErrIDConflict
		}
		return 0, nil
	}
	for _, loc := range []string{e.Location, e.ToLocation} {
		if id, ok := m.frozen[loc]; ok && loc != "" && e.CountID != id {
			return 0, ledger.ErrLocationFrozen
		}
	}
	k := [2]string{e.SKU, e.Location}
	deltaOn, deltaDmg := m.deltas(e)
	if m.onHand[k]+deltaOn < 0 && deltaOn < 0 && e.Location != negativeOK {
		return 0, ledger.ErrNegativeStock
	}
	if m.damaged[k]+deltaDmg < 0 {
		return 0, ledger.ErrNegativeStock
	}
	if e.Type == ledger.Transfer {
		m.onHand[[2]string{e.SKU, e.ToLocation}] += e.Qty
	}
	m.onHand[k] += deltaOn
	m.damaged[k] += deltaDmg
	m.head++
	m.ids[e.ID], m.seqs[e.ID] = e, m.head
	if e.UnitCost.Set {
		m.lastCost[e.SKU] = e.UnitCost.Minor
	}
	if e.Type == ledger.Transfer {
		return 0, nil
	}
	return m.cost(e.SKU, deltaOn), nil
}

func (m *model) deltas(e ledger.Event) (onHand, damaged int64) {
	k := [2]string{e.SKU, e.Location}
	switch {
	case e.Type == ledger.Sale, e.Type == ledger.Transfer:
		return -e.Qty, 0
	case e.Type == ledger.Count:
		return e.Qty - m.onHand[k], 0
	case e.Damaged:
		return 0, e.Qty
	}
	return e.Qty, 0
}

// cost moves a net on-hand change through the FIFO queue, returning the
// cost out (or the settlement correction of an inflow).
func (m *model) cost(sku string, net int64) (cogs int64) {
	q, price := m.fifo[sku], m.lastCost[sku]
	for ; net < 0; net++ { // one unit at a time: slow and obviously right
		if len(q) > 0 && q[0][0] > 0 {
			cogs += q[0][1]
			if q[0][0]--; q[0][0] == 0 {
				q = q[1:]
			}
			continue
		}
		q = append(q, [2]int64{-1, price})
		cogs += price
	}
	for ; net > 0; net-- {
		if len(q) > 0 && q[0][0] < 0 {
			cogs += price - q[0][1]
			if q[0][0]++; q[0][0] == 0 {
				q = q[1:]
			}
			continue
		}
		q = append(q, [2]int64{1, price})
	}
	m.fifo[sku] = q
	return cogs
}

func (m *model) value(sku string) (v int64) {
	for _, l := range m.fifo[sku] {
		v += l[0] * l[1]
	}
	return v
}

var (
	modelSKUs = []string{"SKU-1", "SKU-2", "SKU-3"}
	modelLocs = []string{"A", "B", negativeOK}
)

func randomEvent(r *rand.Rand, m *model, n int) ledger.Event {
	if len(m.ids) > 0 && r.IntN(10) == 0 { // resend or reuse an id
		for _, prev := range m.ids {
			if r.IntN(2) == 0 {
				prev.User = "someone else"
			}
			return prev
		}
	}
	types := []ledger.Type{ledger.Receive, ledger.Sale, ledger.Sale, ledger.Return, ledger.Transfer, ledger.Adjust, ledger.Count}
	e := ledger.Event{ID: fmt.Sprint("e", n), Type: types[r.IntN(len(types))],
		SKU: modelSKUs[r.IntN(3)], Location: modelLocs[r.IntN(3)], Qty: int64(1 + r.IntN(12)),
		Time: t0.Add(time.Duration(n) * time.Second), User: "u"}
	switch e.Type {
	case ledger.Receive:
		e.UnitCost = ledger.Cost(int64(50 + r.IntN(400)))
	case ledger.Transfer:
		e.ToLocation = modelLocs[(slicesIndex(modelLocs, e.Location)+1+r.IntN(2))%3]
	case ledger.Adjust:
		e.Qty, e.Reason, e.Damaged = e.Qty-6, "random", r.IntN(3) == 0
		if e.Qty == 0 {
			e.Qty = 1
		}
	case ledger.Return:
		e.Damaged = r.IntN(3) == 0
	}
	return e
}

func slicesIndex(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

func TestRandomSequencesMatchModel(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { runModel(t, seed, 1500) })
	}
}

func runModel(t *testing.T, seed uint64, steps int) {
	r := rand.New(rand.NewPCG(seed, 42))
	path := filepath.Join(t.TempDir(), "l.db")
	opts := &ledger.Options{AllowNegative: []string{negativeOK}}
	l, err := ledger.Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { l.Close() }()
	m := newModel()
	for n := range steps {
		switch r.IntN(40) {
		case 0:
			l.Close()
			if l, err = ledger.Open(path, opts); err != nil {
				t.Fatalf("reopen: %v", err)
			}
		case 1:
			stepCount(t, r, l, m, n)
		default:
			stepEvent(t, l, m, randomEvent(r, m, n))
		}
		if n%250 == 0 {
			compareWithModel(t, l, m)
		}
	}
	compareWithModel(t, l, m)
}

func stepEvent(t *testing.T, l *ledger.Ledger, m *model, e ledger.Event) {
	t.Helper()
	prev, known := m.ids[e.ID]
	dup := known && reflect.DeepEqual(prev, e)
	wantCOGS, wantErr := m.apply(e)
	res, err := l.Append(context.Background(), e)
	if !errors.Is(err, wantErr) {
		t.Fatalf("%+v: got %v, model says %v", e, err, wantErr)
	}
	switch {
	case err != nil:
	case dup && (!res.Duplicate || res.Seq != m.seqs[e.ID]):
		t.Fatalf("%s resent: got %+v, want duplicate of seq %d", e.ID, res, m.seqs[e.ID])
	case !dup && (res.Seq != m.head || res.Event.COGS != wantCOGS):
		t.Fatalf("%+v: seq %d cogs %d, model says seq %d cogs %d", e, res.Seq, res.Event.COGS, m.head, wantCOGS)
	}
}

// stepCount runs a whole block count of one location through the model.
func stepCount(t *testing.T, r *rand.Rand, l *ledger.Ledger, m *model, n int) {
	ctx := context.Background()
	id, loc := fmt.Sprint("c", n), modelLocs[r.IntN(2)]
	if _, err := l.StartCount(ctx, ledger.CountSession{ID: id, Locations: []string{loc}}); err != nil {
		t.Fatal(err)
	}
	m.frozen[loc] = id
	stepEvent(t, l, m, ledger.Event{ID: fmt.Sprint("blocked", n), Type: ledger.Sale, SKU: "SKU-1", Location: loc, Qty: 1, Time: t0})
	sku, counted := modelSKUs[r.IntN(3)], int64(r.IntN(20))
	if _, err := l.RecordCount(ctx, id, sku, loc, counted, "counter"); err != nil {
		t.Fatal(err)
	}
	res, err := l.FinishCount(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	delete(m.frozen, loc)
	for _, e := range res.Posted {
		posted := e
		posted.Seq, posted.Postings, posted.Book, posted.COGS, posted.ValueDelta = 0, nil, 0, 0, 0
		if cogs, _ := m.apply(posted); cogs != e.COGS || m.head != e.Seq {
			t.Fatalf("count variance %+v: model cogs %d seq %d", e, cogs, m.head)
		}
	}
}

func compareWithModel(t *testing.T, l *ledger.Ledger, m *model) {
	t.Helper()
	ledgertest.MustVerify(t, l)
	bs, err := l.Balances("", "")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, b := range bs {
		k := [2]string{b.SKU, b.Location}
		if b.OnHand != m.onHand[k] || b.Damaged != m.damaged[k] {
			t.Fatalf("%v: ledger %d/%d, model %d/%d", k, b.OnHand, b.Damaged, m.onHand[k], m.damaged[k])
		}
		seen++
	}
	vals, _ := l.Valuation("")
	for _, v := range vals {
		if v.Value != m.value(v.SKU) {
			t.Fatalf("%s valued %d, model %d", v.SKU, v.Value, m.value(v.SKU))
		}
	}
}
