// Package broker is the embedded MQTT broker (mochi-mqtt) that `edged
// demo` and a relay without a configured broker use, so that nothing has
// to be installed. It serves on a listener the caller opened, allows
// every client, and keeps nothing on disk. Production gateways and the
// tests use mosquitto (see firmware-config/mosquitto).
package broker

import (
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"

	mqtt "github.com/mochi-mqtt/server/v2"
	"github.com/mochi-mqtt/server/v2/hooks/auth"
	"github.com/mochi-mqtt/server/v2/listeners"
)

// Broker is a running embedded broker.
type Broker struct {
	s   *mqtt.Server
	url string
}

// Start serves MQTT on ln until Close.
func Start(ln net.Listener, log *slog.Logger) (*Broker, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := mqtt.New(&mqtt.Options{InlineClient: false, Logger: log})
	if err := s.AddHook(new(auth.AllowHook), nil); err != nil {
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

// listener adapts a net.Listener opened by the caller to mochi.
type listener struct {
	ln   net.Listener
	id   string
	log  *slog.Logger
	end  atomic.Bool
	once sync.Once
}

func (l *listener) Init(log *slog.Logger) error { l.log = log; return nil }
func (l *listener) ID() string                  { return l.id }
func (l *listener) Address() string             { return l.ln.Addr().String() }
func (l *listener) Protocol() string            { return "tcp" }

func (l *listener) Serve(establish listeners.EstablishFn) {
	for !l.end.Load() {
		conn, err := l.ln.Accept()
		if err != nil {
			return
		}
		go func() {
			if err := establish(l.id, conn); err != nil {
				l.log.Debug("mqtt client", "err", err)
			}
		}()
	}
}

func (l *listener) Close(closeClients listeners.CloseFn) {
	l.once.Do(func() {
		l.end.Store(true)
		closeClients(l.id)
		_ = l.ln.Close()
	})
}
