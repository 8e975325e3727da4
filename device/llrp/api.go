package llrp

import (
	"context"
	"fmt"
	"net"
	"sync"
	"time"
)

// SetGPO drives a GPO port of the connected reader, for example a stack
// light confirming a read. It fails with ErrNotConnected between sessions.
func (c *Client) SetGPO(ctx context.Context, port uint16, on bool) error {
	l := c.link.Load()
	if l == nil {
		return fmt.Errorf("llrp %s: set GPO %d: %w", c.opts.Name, port, ErrNotConnected)
	}
	_, err := l.call(ctx, MsgSetReaderConfig, c.opts.RequestTimeout, func(b *Builder, id uint32) {
		EncodeGPOWrite(b, l.ver(), id, port, on)
	})
	return err
}

// Custom sends a vendor CUSTOM_MESSAGE through unchanged and returns the
// payload of the reader's CUSTOM_MESSAGE answer.
func (c *Client) Custom(ctx context.Context, vendor uint32, subtype uint8, data []byte) ([]byte, error) {
	l := c.link.Load()
	if l == nil {
		return nil, fmt.Errorf("llrp %s: custom message: %w", c.opts.Name, ErrNotConnected)
	}
	return l.call(ctx, MsgCustomMessage, c.opts.RequestTimeout, func(b *Builder, id uint32) {
		EncodeCustomMessage(b, l.ver(), id, vendor, subtype, data)
	})
}

// ProbeResult is what Probe learned about a reader.
type ProbeResult struct {
	Capabilities Capabilities
	Config       ReaderConfig
}

// Probe identifies the reader on conn: it waits for the connection
// event, negotiates the version, reads the capabilities and the current
// configuration and closes the LLRP connection politely. It closes conn.
func Probe(ctx context.Context, conn net.Conn, timeout time.Duration) (ProbeResult, error) {
	c := &Client{opts: Options{Name: conn.RemoteAddr().String(), RequestTimeout: timeout}.withDefaults()}
	c.log = c.opts.Logger
	l := newLink(conn, c.log, timeout)
	connected := make(chan Event, 1)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer conn.Close()
	wg.Go(func() { l.readLoop(func(ev Event) error { return c.onEvent(ev, connected) }) })
	if err := c.awaitConnected(ctx, l, connected); err != nil {
		return ProbeResult{}, err
	}
	if err := c.negotiate(ctx, l); err != nil {
		return ProbeResult{}, err
	}
	var res ProbeResult
	var err error
	if res.Capabilities, err = c.capabilities(ctx, l); err != nil {
		return res, err
	}
	payload, err := l.call(ctx, MsgGetReaderConfig, timeout, func(b *Builder, id uint32) { EncodeGetReaderConfig(b, l.ver(), id) })
	if err != nil {
		return res, err
	}
	if res.Config, err = DecodeReaderConfig(payload); err != nil {
		return res, err
	}
	_, err = l.call(ctx, MsgCloseConnection, timeout, func(b *Builder, id uint32) { EncodeEmpty(b, l.ver(), MsgCloseConnection, id) })
	return res, err
}
