package llrp

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// negotiate asks for LLRP 1.1 and falls back to 1.0.1 on refusal or
// silence (LLRP 1.1 §9.1).
func (c *Client) negotiate(ctx context.Context, l *link) error {
	if c.only101.Load() {
		return nil
	}
	payload, err := l.call(ctx, MsgGetSupportedVersion, c.opts.VersionTimeout, func(b *Builder, id uint32) {
		EncodeEmpty(b, Version11, MsgGetSupportedVersion, id)
	})
	if err != nil {
		if errors.Is(err, ErrReaderClosed) {
			c.only101.Store(true)
			return fmt.Errorf("reader hung up on LLRP 1.1 negotiation; using 1.0.1 from the next connection: %w", err)
		}
		if !errors.Is(err, ErrRejected) && !errors.Is(err, ErrTimeout) {
			return err
		}
		c.log.Info("llrp: reader does not negotiate; using LLRP 1.0.1", "reason", err)
		return nil
	}
	if len(payload) < 2 || payload[1] < Version11 {
		return nil
	}
	return c.switchTo11(ctx, l, payload[0])
}

// switchTo11 sends SET_PROTOCOL_VERSION, once, unless the reader is
// already at 1.1; on refusal the session stays at 1.0.1.
func (c *Client) switchTo11(ctx context.Context, l *link, current uint8) error {
	if current != Version11 {
		_, err := l.call(ctx, MsgSetProtocolVersion, c.opts.RequestTimeout, func(b *Builder, id uint32) {
			EncodeSetProtocolVersion(b, id, Version11)
		})
		if errors.Is(err, ErrReaderClosed) {
			return err
		}
		if err != nil {
			c.log.Warn("llrp: SET_PROTOCOL_VERSION failed; using LLRP 1.0.1", "err", err)
			return nil
		}
	}
	l.version.Store(uint32(Version11))
	return nil
}

// setup negotiates, reads the capabilities and puts the reader in our
// configuration from any prior state, so it is safe on every connect.
func (c *Client) setup(ctx context.Context, l *link) error {
	if err := c.negotiate(ctx, l); err != nil {
		return err
	}
	caps, err := c.capabilities(ctx, l)
	if err != nil {
		return err
	}
	cfg := c.opts.Config
	if err := cfg.Validate(caps); err != nil {
		return fmt.Errorf("configuration does not fit reader (vendor %d model %d): %w", caps.Manufacturer, caps.Model, err)
	}
	for _, st := range c.steps(cfg.withDefaults(), caps) {
		if _, err := l.call(ctx, st.req, c.opts.RequestTimeout, st.enc); err != nil {
			return err
		}
	}
	ka := cfg.withDefaults().Keepalive
	l.setIdle(3*ka + ka/2)
	if caps.EventReportHolding {
		return l.send(func(b *Builder) { EncodeEmpty(b, l.ver(), MsgEnableEventsAndReports, l.nextID.Add(1)) })
	}
	return nil
}

func (c *Client) capabilities(ctx context.Context, l *link) (Capabilities, error) {
	payload, err := l.call(ctx, MsgGetReaderCapabilities, c.opts.RequestTimeout, func(b *Builder, id uint32) {
		EncodeGetReaderCapabilities(b, l.ver(), id)
	})
	if err != nil {
		return Capabilities{}, err
	}
	caps, err := DecodeCapabilities(payload)
	if err != nil {
		return caps, err
	}
	caps.Version = l.ver()
	c.ctr.setCaps(caps)
	return caps, nil
}

type step struct {
	req MsgType
	enc func(b *Builder, id uint32)
}

func (c *Client) steps(cfg Config, caps Capabilities) []step {
	v := caps.version()
	specID := func(t MsgType, spec uint32) step {
		return step{t, func(b *Builder, id uint32) { EncodeSpecID(b, v, t, id, spec) }}
	}
	var out []step
	if cfg.wantsImpinj() {
		out = append(out, step{MsgCustomMessage, func(b *Builder, id uint32) { EncodeImpinjEnableExtensions(b, v, id) }})
	}
	sc := SessionConfig{KeepaliveMs: uint32(cfg.Keepalive / time.Millisecond), Hold: caps.EventReportHolding}
	out = append(out,
		step{MsgSetReaderConfig, func(b *Builder, id uint32) { EncodeSetReaderConfig(b, v, id, sc) }},
		specID(MsgDeleteAccessSpec, 0),
		specID(MsgDeleteROSpec, 0),
		step{MsgAddROSpec, func(b *Builder, id uint32) { EncodeAddROSpec(b, id, cfg, caps) }})
	if cfg.wantsAccess() {
		out = append(out, step{MsgAddAccessSpec, func(b *Builder, id uint32) { EncodeAddAccessSpec(b, id, cfg, caps) }},
			specID(MsgEnableAccessSpec, cfg.accessSpecID()))
	}
	out = append(out, specID(MsgEnableROSpec, cfg.ROSpecID))
	if cfg.StartGPI == nil {
		out = append(out, specID(MsgStartROSpec, cfg.ROSpecID))
	}
	return out
}

// stop leaves the reader idle and closes the connection politely,
// bounded in time whatever the reader does.
func (c *Client) stop(l *link) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	cfg, v := c.opts.Config.withDefaults(), l.ver()
	for _, st := range []step{
		{MsgDisableROSpec, func(b *Builder, id uint32) { EncodeSpecID(b, v, MsgDisableROSpec, id, cfg.ROSpecID) }},
		{MsgDeleteROSpec, func(b *Builder, id uint32) { EncodeSpecID(b, v, MsgDeleteROSpec, id, cfg.ROSpecID) }},
		{MsgDeleteAccessSpec, func(b *Builder, id uint32) { EncodeSpecID(b, v, MsgDeleteAccessSpec, id, 0) }},
		{MsgCloseConnection, func(b *Builder, id uint32) { EncodeEmpty(b, v, MsgCloseConnection, id) }},
	} {
		if _, err := l.call(ctx, st.req, time.Second, st.enc); err != nil {
			c.log.Warn("llrp: graceful stop", "step", st.req, "err", err)
			return
		}
	}
}
