package broker

import (
	"fmt"
	"log/slog"
	"net"
	"sync"

	mqtt "github.com/mochi-mqtt/server/v2"
	"github.com/mochi-mqtt/server/v2/listeners"
)

// Broker is a running embedded broker.
type Broker struct {
	s   *mqtt.Server
	url string
}

// Start serves MQTT on ln until Close. With opt.Users only those users
// may connect; without, every client may, so Start refuses a listener
// that is not on a loopback address (ErrOpen).
func Start(ln net.Listener, opt Options, log *slog.Logger) (*Broker, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	gate, err := opt.gate(ln.Addr())
	if err != nil {
		return nil, err
	}
	s := mqtt.New(&mqtt.Options{InlineClient: false, Logger: log})
	if err := s.AddHook(gate, nil); err != nil {
		return nil, fmt.Errorf("broker: %w", err)
	}
	if err := s.AddListener(&listener{ln: ln, id: "embedded"}); err != nil {
		return nil, fmt.Errorf("broker: %w", err)
	}
	if err := s.Serve(); err != nil {
		return nil, fmt.Errorf("broker: %w", err)
	}
	return &Broker{s: s, url: "tcp://" + ln.Addr().String()}, nil
}

// URL is the broker's address for clients.
func (b *Broker) URL() string { return b.url }

// Close stops the broker and disconnects every client.
func (b *Broker) Close() error { return b.s.Close() }

// listener adapts a net.Listener opened by the caller to mochi. It
// keeps every accepted connection so that Close can end them all:
// mochi disconnects only the clients it has registered, and its Close
// waits for every connection, so one accepted while the broker was
// stopping would otherwise hold Close forever.
type listener struct {
	ln    net.Listener
	id    string
	log   *slog.Logger
	mu    sync.Mutex
	conns map[net.Conn]struct{}
	ended bool
	once  sync.Once
}

func (l *listener) Init(log *slog.Logger) error { l.log = log; return nil }
func (l *listener) ID() string                  { return l.id }
func (l *listener) Address() string             { return l.ln.Addr().String() }
func (l *listener) Protocol() string            { return "tcp" }

func (l *listener) Serve(establish listeners.EstablishFn) {
	for {
		conn, err := l.ln.Accept()
		if err != nil {
			return
		}
		if !l.track(conn) {
			_ = conn.Close()
			return
		}
		go func() {
			defer l.untrack(conn)
			if err := establish(l.id, conn); err != nil {
				l.log.Debug("mqtt client", "err", err)
			}
		}()
	}
}

func (l *listener) track(c net.Conn) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ended {
		return false
	}
	if l.conns == nil {
		l.conns = map[net.Conn]struct{}{}
	}
	l.conns[c] = struct{}{}
	return true
}

func (l *listener) untrack(c net.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.conns, c)
}

// Close stops accepting, disconnects mochi's clients politely, then
// closes whatever connection is left.
func (l *listener) Close(closeClients listeners.CloseFn) {
	l.once.Do(func() {
		l.mu.Lock()
		l.ended = true
		l.mu.Unlock()
		_ = l.ln.Close()
		closeClients(l.id)
		l.mu.Lock()
		defer l.mu.Unlock()
		for c := range l.conns {
			_ = c.Close()
		}
	})
}
