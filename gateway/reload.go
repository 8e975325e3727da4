package gateway

import (
	"fmt"
	"reflect"
	"strings"
)

// Reload applies a new configuration without losing reads: readers whose
// section changed are restarted, removed ones stopped, new ones started;
// the others keep reading. A changed catalog, inventory or tagflow
// section rebuilds the inventory, seeded from the ledger. Sections that
// need a restart (site, gateway, ledger, http) are refused with an error
// naming them, and nothing changes.
func (g *Gateway) Reload(next Config) error {
	next.Defaults()
	if err := next.Validate(); err != nil {
		return err
	}
	err := g.apply(next)
	if err == nil {
		g.ctr.reloads.Add(1)
	}
	_ = g.parts.Notify.Ready(g.statusLine())
	return err
}

func (g *Gateway) apply(next Config) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if err := needsRestart(g.cfg, next); err != nil {
		return err
	}
	_ = g.parts.Notify.Reloading()
	catalogChanged := !reflect.DeepEqual(g.cfg.Catalog, next.Catalog)
	if catalogChanged || !reflect.DeepEqual(g.cfg.RFID, next.RFID) || g.cfg.Tagflow != next.Tagflow {
		if err := g.buildInventory(next); err != nil {
			return err
		}
	}
	g.reloadReaders(next.Readers)
	all := catalogChanged || !reflect.DeepEqual(g.cfg.Workflow, next.Workflow) || g.cfg.Rescan != next.Rescan
	err := g.reloadStations(next, all)
	g.cfg = next
	return err
}

// needsRestart names the changed sections a running daemon cannot take.
func needsRestart(cur, next Config) error {
	var changed []string
	for _, s := range []struct {
		name string
		a, b any
	}{{"site", cur.Site, next.Site}, {"gateway", cur.Gateway, next.Gateway},
		{"ledger", cur.Ledger, next.Ledger}, {"http", cur.HTTP, next.HTTP},
		{"mqtt", cur.MQTT, next.MQTT}, {"uplink", cur.Uplink, next.Uplink},
		{"report", cur.Report, next.Report}, {"cycle_count", cur.CycleCount, next.CycleCount}} {
		if !reflect.DeepEqual(s.a, s.b) {
			changed = append(changed, s.name)
		}
	}
	if len(changed) > 0 {
		return fmt.Errorf("gateway: %s changed; these take effect only after `systemctl restart edged`; nothing was reloaded", strings.Join(changed, ", "))
	}
	return nil
}

func (g *Gateway) reloadReaders(next []ReaderConfig) {
	want := map[string]ReaderConfig{}
	for _, r := range next {
		want[r.Name] = r
	}
	for name, run := range g.readers {
		if r, ok := want[name]; !ok || !sameReader(run.cfg, r) {
			g.stopReader(name)
		}
	}
	if g.runCtx == nil { // not running yet: Run starts them
		return
	}
	for _, r := range next {
		if _, running := g.readers[r.Name]; !running {
			g.startReader(r)
		}
	}
}
