package ledger

import "fmt"

// plan is everything an event will change, computed before any write so
// that a rejection leaves the transaction untouched.
type plan struct {
	postings []plannedPosting
	serial   Serial // where the event's tag ends up
	present  bool   // whether it is still held after the event
	totals   skuTotals
	cost     costPlan
	book     int64
}

type plannedPosting struct {
	loc   string
	state State
	delta int64
	after balance
	isNew bool
}

func (p *plan) fill(e *Event) {
	e.Postings = e.Postings[:0]
	for _, pp := range p.postings {
		e.Postings = append(e.Postings, Posting{pp.loc, pp.state, pp.delta, pp.after.get(pp.state)})
	}
	e.Book, e.COGS, e.ValueDelta = p.book, p.cost.cogs, p.cost.value
}

// movements lists the (location, state, delta) changes of an event. For
// count and baseline the delta is the variance against book.
func (t *wtx) movements(e *Event) (moves []plannedPosting, book int64) {
	state := OnHand
	if e.Damaged {
		state = Damaged
	}
	switch e.Type {
	case Receive, Return, Adjust:
		return []plannedPosting{{loc: e.Location, state: state, delta: e.Qty}}, 0
	case Sale:
		return []plannedPosting{{loc: e.Location, state: OnHand, delta: -e.Qty}}, 0
	case Transfer:
		return []plannedPosting{{loc: e.Location, state: OnHand, delta: -e.Qty},
			{loc: e.ToLocation, state: OnHand, delta: e.Qty}}, 0
	}
	b, _ := t.getBalance(e.SKU, e.Location)
	return []plannedPosting{{loc: e.Location, state: OnHand, delta: e.Qty - b.OnHand}}, b.OnHand
}

func (t *wtx) plan(e *Event) (*plan, error) {
	moves, book := t.movements(e)
	p := &plan{postings: moves, book: book, totals: decodeSKU(t.stock.Get(totalsKey(e.SKU)))}
	if e.Type == Baseline {
		if err := t.checkBaselineAllowed(e.Location); err != nil {
			return nil, err
		}
	}
	if e.EPC != "" { // where the tag is says more than the quantity does
		var err error
		if p.serial, p.present, err = t.planSerial(e, p.postings); err != nil {
			return nil, err
		}
	}
	net := int64(0)
	for i := range p.postings {
		if err := t.planPosting(e, &p.postings[i]); err != nil {
			return nil, err
		}
		p.totals.add(p.postings[i].state, p.postings[i].delta)
		if p.postings[i].state == OnHand {
			net += p.postings[i].delta
		}
	}
	cost := p.totals.LastCost
	if e.UnitCost.Set {
		cost = e.UnitCost.Minor
		p.totals.LastCost = cost
	}
	p.cost = t.planCost(e.SKU, net, cost)
	return p, nil
}

func (t *wtx) planPosting(e *Event, pp *plannedPosting) error {
	cur, exists := t.getBalance(e.SKU, pp.loc)
	pp.after, pp.isNew = cur, !exists
	pp.after.add(pp.state, pp.delta)
	left := pp.after.get(pp.state)
	if pp.delta >= 0 || left >= 0 || (pp.state == OnHand && t.opts.negativeAllowed(pp.loc)) {
		return nil
	}
	return fmt.Errorf("%w: %s of %d × %s at %s would leave %d %s (now %d); record the receipt or count first, or allow negative stock at %s",
		ErrNegativeStock, e.Type, -pp.delta, e.SKU, pp.loc, left, pp.state, cur.get(pp.state), pp.loc)
}
