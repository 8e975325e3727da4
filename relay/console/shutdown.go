package console

import (
	"net/http"
	"sync"
)

// shutdowns closes the event streams of an http.Server when it shuts
// down: Shutdown waits for active requests but cancels none, so an open
// console tab would otherwise hold the relay's shutdown until its
// deadline.
type shutdowns struct {
	mu      sync.Mutex
	servers map[*http.Server]chan struct{}
}

// of is closed when r's server begins to shut down; nil (never closed)
// for a request that came through no http.Server.
func (s *shutdowns) of(r *http.Request) <-chan struct{} {
	srv, ok := r.Context().Value(http.ServerContextKey).(*http.Server)
	if !ok {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.servers == nil {
		s.servers = map[*http.Server]chan struct{}{}
	}
	ch, ok := s.servers[srv]
	if !ok {
		ch = make(chan struct{})
		s.servers[srv] = ch
		srv.RegisterOnShutdown(func() { close(ch) })
	}
	return ch
}
