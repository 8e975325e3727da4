package relay

import (
	"sync"
	"sync/atomic"
)

// Secrets are the values every output point of one relay redacts: the
// configured keys and tokens, pinned for the life of the process, and
// the tokens obtained at run time (stored connections, refreshes), of
// which the newest maxRenewed are kept so that a late error quoting
// the previous token is still cleaned. cmd/relay makes one and hands it
// to the log handler, the server and the dispatchers. A nil *Secrets
// holds nothing. Reading takes no lock.
type Secrets struct {
	mu   sync.Mutex
	list atomic.Pointer[secretList]
}

// maxRenewed bounds the renewed tokens kept: Shopify renews hourly, so
// an unbounded set would grow for ever.
const maxRenewed = 64

type secretList struct {
	pinned  []string
	renewed []string
	has     map[string]bool
	all     []string // pinned, then renewed
}

// NewSecrets returns a set holding the pinned values (those shorter than
// [MinSecretLen] and empty ones are ignored).
func NewSecrets(pinned ...string) *Secrets {
	s := &Secrets{}
	l := &secretList{has: map[string]bool{}}
	for _, v := range pinned {
		l.keep(&l.pinned, v)
	}
	l.join()
	s.list.Store(l)
	return s
}

// Add remembers values obtained at run time.
func (s *Secrets) Add(values ...string) {
	if s == nil || s.knows(s.list.Load(), values) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.list.Load()
	if s.knows(old, values) {
		return
	}
	next := &secretList{has: map[string]bool{}}
	if old != nil {
		next.pinned = old.pinned
		for _, v := range old.pinned {
			next.has[v] = true
		}
		for _, v := range old.renewed {
			next.keep(&next.renewed, v)
		}
	}
	for _, v := range values {
		next.keep(&next.renewed, v)
	}
	for len(next.renewed) > maxRenewed {
		delete(next.has, next.renewed[0])
		next.renewed = next.renewed[1:]
	}
	next.join()
	s.list.Store(next)
}

// List returns every value held, pinned first; it must not be modified.
func (s *Secrets) List() []string {
	if s == nil {
		return nil
	}
	if l := s.list.Load(); l != nil {
		return l.all
	}
	return nil
}

// AddToken remembers t's access and refresh tokens.
func (s *Secrets) AddToken(t Token) { s.Add(t.Access, t.Refresh) }

func (l *secretList) keep(to *[]string, v string) {
	if len(v) >= MinSecretLen && !l.has[v] {
		*to = append(*to, v)
		l.has[v] = true
	}
}

func (l *secretList) join() {
	l.all = append(append(make([]string, 0, len(l.pinned)+len(l.renewed)), l.pinned...), l.renewed...)
}

func (s *Secrets) knows(l *secretList, values []string) bool {
	for _, v := range values {
		if len(v) >= MinSecretLen && (l == nil || !l.has[v]) {
			return false
		}
	}
	return true
}
