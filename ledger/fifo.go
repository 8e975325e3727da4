package ledger

import (
	"bytes"
	"slices"
)

// costPlan is the FIFO effect of an event's net on-hand change.
type costPlan struct {
	ops   []layerOp
	cogs  int64 // cost of units out, or the correction when a shortfall is settled
	value int64 // change of inventory value at cost
}

// layerOp updates (or deletes) an existing layer, or creates one at the
// event's seq when key is nil.
type layerOp struct {
	key []byte
	l   layer
	del bool
}

// planCost computes the layer changes for a net on-hand change of a sku:
// inflows first settle shortfall layers then add a layer at cost;
// outflows consume layers oldest first and, when none are left, create a
// shortfall layer at cost (the last known unit cost).
func (t *wtx) planCost(sku string, net, cost int64) costPlan {
	var p costPlan
	if net == 0 {
		return p
	}
	left := abs(net)
	prefix := layerPrefix(sku)
	c := t.stock.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && left > 0; k, v = c.Next() {
		l := decodeLayer(v)
		if (net > 0) != (l.Remaining < 0) {
			continue // an inflow only settles shortfalls; an outflow only consumes stock
		}
		take := min(left, abs(l.Remaining))
		left -= take
		p.settle(slices.Clone(k), l, take, cost, net > 0)
	}
	if left > 0 {
		p.create(left, cost, net > 0)
	}
	return p
}

func (p *costPlan) settle(key []byte, l layer, take, cost int64, inflow bool) {
	if inflow { // a receipt covering earlier overselling: correct its cost
		l.Remaining += take
		p.value += take * l.Cost
		p.cogs += take * (cost - l.Cost)
	} else {
		l.Remaining -= take
		p.value -= take * l.Cost
		p.cogs += take * l.Cost
	}
	p.ops = append(p.ops, layerOp{key: key, l: l, del: l.Remaining == 0})
}

func (p *costPlan) create(qty, cost int64, inflow bool) {
	if inflow {
		p.ops = append(p.ops, layerOp{l: layer{qty, cost}})
		p.value += qty * cost
		return
	}
	p.ops = append(p.ops, layerOp{l: layer{-qty, cost}})
	p.value -= qty * cost
	p.cogs += qty * cost
}

func (t *wtx) applyLayers(sku string, seq uint64, ops []layerOp) error {
	for _, op := range ops {
		var err error
		switch {
		case op.key == nil:
			err = t.stock.Put(layerKey(sku, seq), op.l.encode())
		case op.del:
			err = t.stock.Delete(op.key)
		default:
			err = t.stock.Put(op.key, op.l.encode())
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
