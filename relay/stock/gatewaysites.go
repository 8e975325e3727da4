package stock

import (
	"fmt"
	"slices"
	"strings"
)

// GatewaySites binds each gateway id to the site it may send deltas for.
// In YAML it is a map (gateways: {gw-a: site-a, gw-b: site-b}); as text
// (an EDGED_STOCK_GATEWAYS variable) it is "gw-a=site-a,gw-b=site-b".
type GatewaySites map[string]string

// UnmarshalText reads the text form. The list of bare ids that
// stock.gateways used to be reaches it one id at a time and is refused
// with how to migrate: accepting it would leave the gateways unbound.
func (g *GatewaySites) UnmarshalText(text []byte) error {
	out := GatewaySites{}
	for pair := range strings.SplitSeq(string(text), ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		id, site, ok := strings.Cut(pair, "=")
		if !ok {
			return fmt.Errorf("gateway %q has no site: stock.gateways is now a map of gateway id to its site; "+
				"write gateways: {%s: SITE, ...} (or gw=site,gw=site in the environment)", pair, pair)
		}
		out[strings.TrimSpace(id)] = strings.TrimSpace(site)
	}
	if *g == nil {
		*g = out
	}
	for id, site := range out {
		(*g)[id] = site
	}
	return nil
}

// validate reports empty ids and sites, in id order.
func (g GatewaySites) validate() []error {
	var errs []error
	ids := make([]string, 0, len(g))
	for id := range g {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		switch {
		case id == "":
			errs = append(errs, fmt.Errorf("gateways: an empty gateway id (bound to %q)", g[id]))
		case g[id] == "":
			errs = append(errs, fmt.Errorf("gateways.%s: empty site; bind the gateway to the site it reports for", id))
		}
	}
	return errs
}
