package simkit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
)

// Delivery is one outbound webhook or push.
type Delivery struct {
	URL    string
	Header http.Header
	Body   []byte
}

// Emitter sends deliveries the way a platform does: at least once, retried
// on failure, optionally duplicated and reordered. Retries are immediate
// (time-compressed); the platform's schedule is documented on each sim.
type Emitter struct {
	// Client defaults to http.DefaultClient.
	Client *http.Client
	// Duplicate sends every delivery twice.
	Duplicate bool
	// ReorderEvery holds every Nth delivery back and sends it after the
	// next one; 0 keeps the order.
	ReorderEvery int
	// Retries is how many times a failed delivery is resent.
	Retries int
	// Acked decides whether an answer counts as success; default 2xx.
	Acked func(status int, body []byte) bool
	// OnFailed, when set, receives each delivery given up after the
	// retries (Shopee keeps them as lost pushes).
	OnFailed func(Delivery)

	mu        sync.Mutex
	held      *Delivery
	count     int
	delivered int // successful deliveries, duplicates included
	failed    int // deliveries given up after the retries
}

// Emit sends d (and maybe a duplicate), or holds it for reordering.
func (e *Emitter) Emit(ctx context.Context, d Delivery) error {
	e.mu.Lock()
	e.count++
	if e.ReorderEvery > 0 && e.count%e.ReorderEvery == 0 && e.held == nil {
		e.held = &d
		e.mu.Unlock()
		return nil
	}
	held := e.held
	e.held = nil
	e.mu.Unlock()
	err := e.sendCopies(ctx, d)
	if held != nil {
		err = errors.Join(err, e.sendCopies(ctx, *held))
	}
	return err
}

// Flush sends a held delivery.
func (e *Emitter) Flush(ctx context.Context) error {
	e.mu.Lock()
	held := e.held
	e.held = nil
	e.mu.Unlock()
	if held == nil {
		return nil
	}
	return e.sendCopies(ctx, *held)
}

func (e *Emitter) sendCopies(ctx context.Context, d Delivery) error {
	err := e.send(ctx, d)
	if e.Duplicate {
		err = errors.Join(err, e.send(ctx, d))
	}
	return err
}

func (e *Emitter) send(ctx context.Context, d Delivery) error {
	var last error
	for range e.Retries + 1 {
		if last = e.once(ctx, d); last == nil {
			e.count2(&e.delivered)
			return nil
		}
		if ctx.Err() != nil {
			break
		}
	}
	e.count2(&e.failed)
	if e.OnFailed != nil {
		e.OnFailed(d)
	}
	return last
}

func (e *Emitter) count2(n *int) {
	e.mu.Lock()
	*n++
	e.mu.Unlock()
}

func (e *Emitter) once(ctx context.Context, d Delivery) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(d.Body))
	if err != nil {
		return err
	}
	req.Header = d.Header.Clone()
	c := e.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	ok := resp.StatusCode/100 == 2
	if e.Acked != nil {
		ok = e.Acked(resp.StatusCode, body)
	}
	if !ok {
		return fmt.Errorf("delivery to %s: %d %s", d.URL, resp.StatusCode, body)
	}
	return nil
}

// Stats returns how many deliveries succeeded (duplicates included) and
// how many were given up after the retries.
func (e *Emitter) Stats() (delivered, failed int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.delivered, e.failed
}
