package gateway

import (
	"context"
	"encoding/hex"
	"net"
	"reflect"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/llrp"
	"github.com/edged/edged/device/rfid"
)

// readerRun is one reader client and how to stop it.
type readerRun struct {
	cfg    ReaderConfig
	client *llrp.Client
	cancel context.CancelFunc
	done   chan struct{}
}

// startReader starts a client for r; g.mu is held.
func (g *Gateway) startReader(r ReaderConfig) {
	addr := ReaderAddress(r.Address)
	client, err := llrp.New(llrp.Options{
		Name:   r.Name,
		Config: r.LLRP,
		Dial:   func(ctx context.Context) (net.Conn, error) { return g.parts.Dial(ctx, addr) },
		OnRead: g.onRead,
		OnGPI:  func(port uint16, high bool) { g.onGPI(r.Gates, port, high) },
		Logger: g.log.With("part", "llrp"),
		Now:    g.parts.Now,
	})
	if err != nil { // Validate passed, so this is a programming error
		g.log.Error("reader not started", "reader", r.Name, "err", err)
		return
	}
	ctx, cancel := context.WithCancel(g.runCtx)
	run := &readerRun{cfg: r, client: client, cancel: cancel, done: make(chan struct{})}
	g.readers[r.Name] = run
	g.clients.Store(r.Name, client)
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		defer close(run.done)
		_ = client.Run(ctx) // returns nil when ctx ends; it never gives up before
	}()
}

// stopReader stops a client and waits for it; g.mu is held.
func (g *Gateway) stopReader(name string) {
	run, ok := g.readers[name]
	if !ok {
		return
	}
	g.clients.CompareAndDelete(name, run.client)
	run.cancel()
	<-run.done
	delete(g.readers, name)
}

// onRead feeds one read to the inventory and queues its event.
func (g *Gateway) onRead(r device.TagRead) {
	g.invMu.Lock()
	var ev rfid.Event
	ok := false
	if g.inv != nil {
		ev, ok = g.inv.Observe(r)
	}
	g.invMu.Unlock()
	if ok {
		g.events <- work{event: ev}
	}
}

// onGPI opens or closes the zones gated by this input.
func (g *Gateway) onGPI(gates []GateConfig, port uint16, high bool) {
	for _, gate := range gates {
		if gate.Port != port {
			continue
		}
		open := high == (gate.OpenWhen != "low")
		g.invMu.Lock()
		err := g.inv.SetTrigger(gate.Zone, open)
		g.invMu.Unlock()
		if err != nil {
			g.log.Warn("gate", "zone", gate.Zone, "err", err)
			continue
		}
		g.log.Info("gate", "zone", gate.Zone, "open", open)
	}
}

// sameReader says whether a reader's section is unchanged.
func sameReader(a, b ReaderConfig) bool { return reflect.DeepEqual(a, b) }

func hexEPC(s string) ([]byte, error) { return hex.DecodeString(s) }

// SetOrder sets the order reference recorded on sales at a ship zone
// (scanned by a worker at the dock door); "" clears it.
func (g *Gateway) SetOrder(zone, order string) {
	g.invMu.Lock()
	flow := g.flow
	g.invMu.Unlock()
	flow.SetOrder(zone, order)
}
