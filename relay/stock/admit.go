package stock

import (
	"fmt"
	"strings"
)

// admit refuses a batch from a gateway that stock.gateways does not list,
// or with a delta for another site than the one the gateway is bound to:
// nothing of it is applied, so nothing is acknowledged, and the gateway
// keeps it until the operator fixes the binding or the gateway. stream is
// the engine's key for the gateway's stream (gateway@epoch from the
// intake, or a bare gateway id).
func (e *Engine) admit(stream string, batch []Sequenced) error {
	gws := e.opt.Config.Gateways
	if len(gws) == 0 {
		return nil
	}
	id, _, _ := strings.Cut(stream, "@")
	bound, ok := gws[id]
	if !ok {
		e.stats.UnknownGateways.Add(1)
		if e.warns.wrongSite.first(id + "\x00") { // no site is empty: its own key
			e.log.Warn("deltas from a gateway not in stock.gateways refused, not acknowledged (logged once per gateway)", "gateway", id)
		}
		return fmt.Errorf("%w: %q; add it to stock.gateways with its site or fix the gateway id", ErrUnknownGateway, id)
	}
	for _, s := range batch {
		if s.Delta.Site != bound {
			e.stats.WrongSites.Add(1)
			e.warnWrongSite(id, bound, s.Delta.Site)
			return fmt.Errorf("%w: gateway %q is bound to site %q in stock.gateways but sent seq %d for site %q; "+
				"fix the gateway's site, or its binding if it moved", ErrWrongSite, id, bound, s.Seq, s.Delta.Site)
		}
	}
	return nil
}

// warnWrongSite logs the first refusal of each gateway/site pair only: the
// gateway resends what is not acknowledged, and its refusals are counted.
func (e *Engine) warnWrongSite(gateway, bound, site string) {
	if !e.warns.wrongSite.first(gateway + "\x00" + site) {
		return
	}
	e.log.Warn("deltas for another site than the gateway's refused, not acknowledged (logged once per gateway and site)",
		"gateway", gateway, "bound_site", bound, "site", site)
}
