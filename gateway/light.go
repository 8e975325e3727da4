package gateway

import (
	"context"
	"fmt"

	"github.com/edged/edged/device/llrp"
	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/workflow/floor"
)

// readerGPO drives a GPO port of whichever client serves the named
// reader now, so that a stack light keeps working when a reload
// restarts the reader.
type readerGPO struct {
	g    *Gateway
	name string
}

func (r readerGPO) SetGPO(ctx context.Context, port uint16, on bool) error {
	c, ok := r.g.clients.Load(r.name)
	if !ok {
		return fmt.Errorf("reader %s is not running", r.name)
	}
	return c.(*llrp.Client).SetGPO(ctx, port, on)
}

// newLight returns the stack light of a scanner station, or nil when it
// has none.
func (g *Gateway) newLight(sc floor.ScannerConfig) *feedback.Light {
	if sc.Light.Reader == "" {
		return nil
	}
	return feedback.NewLight(readerGPO{g, sc.Light.Reader}, sc.Light.LightConfig,
		g.log.With("part", "light", "scanner", sc.ID, "reader", sc.Light.Reader))
}
