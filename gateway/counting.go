package gateway

import (
	"context"
	"strings"
	"sync"

	"github.com/edged/edged/countplan"
)

// startCounting runs the counting programme (ABC classes, the daily
// count plan and stock alerts, published through the uplink) until ctx
// ends. Without an uplink the plan is still computed for ClassOf and
// `edged ledger count plan`.
func (g *Gateway) startCounting(ctx context.Context, wg *sync.WaitGroup) {
	cfg := g.config()
	var pub countplan.Publisher
	if g.uplink != nil {
		pub = uplinkPublisher{g}
	}
	s, err := countplan.NewScheduler(g.parts.Ledger, pub, cfg.CycleCount, cfg.Report, g.parts.Now, g.log.With("part", "countplan"))
	if err != nil { // Validate passed: only a programming error gets here
		g.log.Error("counting programme not started", "err", err)
		return
	}
	wg.Go(func() { _ = s.Run(ctx) })
}

// uplinkPublisher sends the programme's messages on this gateway's
// topics: "edged/countplan" becomes edged/v1/{site}/{gateway}/countplan.
type uplinkPublisher struct{ g *Gateway }

func (p uplinkPublisher) Publish(topic string, payload []byte) error {
	return p.g.uplink.Publish(strings.TrimPrefix(topic, "edged/"), payload)
}
