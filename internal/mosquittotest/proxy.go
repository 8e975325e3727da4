package mosquittotest

import (
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// Proxy forwards TCP connections from its own 127.0.0.1 port to a
// target. Either direction can be black-holed: bytes are read and
// discarded while the connection stays open, as on a half-open link or
// a path that loses acknowledgements.
type Proxy struct {
	target string
	ln     net.Listener
	up     atomic.Bool // client → target discarded
	down   atomic.Bool // target → client discarded
	wg     sync.WaitGroup

	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

// NewProxy listens on a free port and forwards to target until cleanup.
func NewProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{target: target, ln: ln, conns: map[net.Conn]struct{}{}}
	p.wg.Go(p.accept)
	t.Cleanup(p.close)
	return p
}

// URL is tcp://host:port of the proxy.
func (p *Proxy) URL() string { return "tcp://" + p.ln.Addr().String() }

// Blackhole sets which directions discard their bytes; false, false
// restores forwarding on the same connections.
func (p *Proxy) Blackhole(up, down bool) { p.up.Store(up); p.down.Store(down) }

// Reset closes every forwarded connection (both ends see a reset or EOF).
func (p *Proxy) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		_ = c.Close()
	}
}

func (p *Proxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		t, err := net.Dial("tcp", p.target)
		if err != nil {
			_ = c.Close()
			continue
		}
		if !p.track(c, t) {
			return
		}
		p.wg.Go(func() { p.pipe(t, c, &p.up) })
		p.wg.Go(func() { p.pipe(c, t, &p.down) })
	}
}

func (p *Proxy) track(cs ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.conns == nil {
		for _, c := range cs {
			_ = c.Close()
		}
		return false
	}
	for _, c := range cs {
		p.conns[c] = struct{}{}
	}
	return true
}

// pipe copies src to dst, discarding while hole is set; when either side
// fails both are closed.
func (p *Proxy) pipe(dst, src net.Conn, hole *atomic.Bool) {
	defer func() { _ = dst.Close(); _ = src.Close() }()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 && !hole.Load() {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func (p *Proxy) close() {
	_ = p.ln.Close()
	p.mu.Lock()
	for c := range p.conns {
		_ = c.Close()
	}
	p.conns = nil
	p.mu.Unlock()
	p.wg.Wait()
}
