package llrp

import (
	"context"
	"fmt"
	"net"
	"sync"
	"time"
)

// session runs one connection from dial to failure or ctx end. read
// reports whether the reader got as far as reading (to reset backoff).
func (c *Client) session(ctx context.Context) (read bool, err error) {
	c.ctr.state.Store(int32(StateConnecting))
	conn, err := c.opts.Dial(ctx)
	if err != nil {
		return false, fmt.Errorf("llrp %s: dial: %w", c.opts.Name, err)
	}
	setTCPKeepalive(conn)
	l := newLink(conn, c.log, c.opts.RequestTimeout)
	rb := &rebaser{}
	l.onReport = func(f Frame) error { return c.handleReport(f, rb) }
	connected := make(chan Event, 1)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer conn.Close()
	wg.Go(func() { l.readLoop(func(ev Event) error { return c.onEvent(ev, connected) }) })
	if err := c.awaitConnected(ctx, l, connected); err != nil {
		return false, err
	}
	c.ctr.state.Store(int32(StateConfiguring))
	if err := c.setup(ctx, l); err != nil {
		return false, fmt.Errorf("llrp %s: setup: %w", c.opts.Name, err)
	}
	c.noteRecovered()
	return true, c.reading(ctx, l)
}

func (c *Client) reading(ctx context.Context, l *link) error {
	c.link.Store(l)
	defer c.link.Store(nil)
	c.ctr.state.Store(int32(StateReading))
	c.log.Info("llrp reader configured; reading", "version", l.ver())
	select {
	case <-ctx.Done():
		c.stop(l)
		return nil
	case <-l.done:
		return fmt.Errorf("llrp %s: %w", c.opts.Name, l.err)
	}
}

func setTCPKeepalive(conn net.Conn) {
	if kc, ok := conn.(interface {
		SetKeepAliveConfig(net.KeepAliveConfig) error
	}); ok {
		kc.SetKeepAliveConfig(net.KeepAliveConfig{Enable: true, Idle: 10 * time.Second, Interval: 5 * time.Second, Count: 3})
	}
}

// awaitConnected waits for the reader's ConnectionAttemptEvent, which
// must precede anything the client sends (LLRP 1.1 §14.1.2).
func (c *Client) awaitConnected(ctx context.Context, l *link, connected <-chan Event) error {
	t := time.NewTimer(c.opts.RequestTimeout)
	defer t.Stop()
	select {
	case ev := <-connected:
		return c.connectedErr(ev)
	case <-t.C:
		return fmt.Errorf("llrp %s: no ConnectionAttemptEvent within %v: %w", c.opts.Name, c.opts.RequestTimeout, ErrTimeout)
	case <-l.done:
		select {
		case ev := <-connected: // a busy reader says so, then hangs up
			return c.connectedErr(ev)
		default:
		}
		return fmt.Errorf("llrp %s: before ConnectionAttemptEvent: %w", c.opts.Name, l.err)
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Client) connectedErr(ev Event) error {
	if err := connStatusErr(ev.ConnStatus); err != nil {
		return fmt.Errorf("llrp %s: %w", c.opts.Name, err)
	}
	return nil
}

func connStatusErr(status uint16) error {
	switch status {
	case ConnSuccess:
		return nil
	case ConnFailedReaderInit, ConnFailedClientInit:
		return fmt.Errorf("connection attempt status %d; disconnect the other client or wait: %w", status, ErrReaderBusy)
	}
	return fmt.Errorf("connection attempt status %d: %w", status, ErrConnectionRefused)
}

// onEvent handles a READER_EVENT_NOTIFICATION on the read goroutine.
func (c *Client) onEvent(ev Event, connected chan<- Event) error {
	switch {
	case ev.HasConnAttempt && ev.ConnStatus == ConnAnotherAttempted:
		c.log.Info("llrp: another client tried to connect to this reader")
	case ev.HasConnAttempt:
		select {
		case connected <- ev:
		default:
		}
	}
	if ev.ConnClose {
		return fmt.Errorf("ConnectionCloseEvent: %w", ErrReaderClosed)
	}
	if ev.HasGPI && c.opts.OnGPI != nil {
		c.opts.OnGPI(ev.GPIPort, ev.GPIState)
	}
	c.logEvent(ev)
	return nil
}

// logEvent reports what an operator should know about.
func (c *Client) logEvent(ev Event) {
	if ev.Overflow {
		c.log.Warn("llrp: reader report buffer overflowed; the reader lost reads")
	}
	if ev.BufferFull > 0 {
		c.log.Warn("llrp: reader report buffer filling", "percent", ev.BufferFull)
	}
	if ev.HasAntenna {
		c.log.Warn("llrp: antenna event", "antenna", ev.AntennaID, "connected", ev.AntennaUp)
	}
	if ev.Exception != "" {
		c.log.Warn("llrp: reader exception", "message", ev.Exception)
	}
	if ev.HasGPI || ev.HasROSpecEvent {
		c.log.Debug("llrp: reader event", "gpi", ev.GPIPort, "gpi_high", ev.GPIState, "rospec_event", ev.ROSpecEvent)
	}
}
