// Package llrp is an EPCglobal LLRP (Low Level Reader Protocol, TCP 5084)
// client for fixed RFID readers such as the Impinj R700/R420 and the
// Zebra FX9600.
//
// # Layers
//
// The codec works on byte slices and an io.Reader only: [FrameReader]
// frames messages by their 10-byte header, [NextParam] walks TLV and TV
// parameters, [DecodeROAccessReport] decodes tag reports without
// allocating, and [Builder] encodes outgoing messages so each one goes
// out in a single Write.
//
// [Client] runs the session over connections it obtains from a dial
// function injected by the caller: it waits for the reader's connection
// event, negotiates the protocol version (1.1, falling back to 1.0.1),
// reads the capabilities, sets the reader up idempotently from [Config],
// acknowledges keepalives, declares the link dead after three missed
// keepalives and reconnects forever with jittered exponential backoff.
//
// # Use
//
// cmd/edged builds one client per reader and runs it until shutdown:
//
//	c, err := llrp.New(llrp.Options{
//		Name:   "dock-3",
//		Dial:   func(ctx context.Context) (net.Conn, error) { return dialer.DialContext(ctx, "tcp", "10.0.0.7:5084") },
//		Config: cfg, // llrp.Config decoded from YAML (mapstructure tags)
//		OnRead: func(r device.TagRead) { ... },
//		Logger: log.With("component", "llrp"),
//	})
//	...
//	err = c.Run(ctx)  // reconnects forever; returns after ctx ends
//	st := c.Stats()   // state and counters for health reports
//	c.SetGPO(ctx, 1, true)
//
// Probe identifies a reader for `edged llrp probe`; package llrptest is
// a fake reader for tests and demos.
//
// # Never stalling the socket
//
// The goroutine reading the socket never calls the consumer: decoded
// reads are copied into a bounded ring and handed to the consumer by a
// second goroutine. When the consumer is too slow the ring fills and
// further reads are dropped and counted in [Stats], never silently.
//
// # Time
//
// Reader clocks are not trusted: within each report the reader's
// timestamps are re-based so that the newest one equals the gateway's
// receive time. The offset is exported as clock skew so a reader whose
// clock is off (some boot in the year 2000) can be flagged.
package llrp
