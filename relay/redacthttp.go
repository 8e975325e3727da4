package relay

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
)

// Do sends req with hc (nil means http.DefaultClient). It is the one
// place the adapters send requests, so that no secret leaves through an
// error: on a transport failure the error's URL has its sensitive query
// values replaced (see [Redact]) and every given secret (the access token,
// the app secret or partner key) is replaced wherever it appears. Request
// headers are never put in the error. The error still wraps its cause
// (a *url.Error around the net error or context.DeadlineExceeded), so
// errors.Is and errors.As work as with hc.Do.
//
// Do also remembers the secrets ([KnownSecrets]) and attaches them to the
// request, so that [HTTPError] redacts them from the body it quotes.
func Do(hc *http.Client, req *http.Request, secrets ...string) (*http.Response, error) {
	if hc == nil {
		hc = http.DefaultClient
	}
	if len(secrets) > 0 {
		known.add(secrets)
		req = req.WithContext(context.WithValue(req.Context(), secretsKey{}, secrets))
	}
	resp, err := hc.Do(req)
	if err != nil {
		return resp, redactError(err, secrets)
	}
	return resp, nil
}

type secretsKey struct{}

// redactError rebuilds a *url.Error with the URL redacted, keeping its
// cause; any other error is wrapped if its text needs redaction.
func redactError(err error, secrets []string) error {
	if ue, ok := err.(*url.Error); ok {
		return &url.Error{Op: ue.Op, URL: Redact(ue.URL, secrets...), Err: redactCause(ue.Err, secrets)}
	}
	return redactCause(err, secrets)
}

func redactCause(err error, secrets []string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if r := Redact(msg, secrets...); r != msg {
		return &redactedError{msg: r, err: err}
	}
	return err
}

// redactedError has the redacted text of err and unwraps to it.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// Timeout keeps url.Error.Timeout working, which asserts on its cause.
func (e *redactedError) Timeout() bool {
	var t interface{ Timeout() bool }
	return errors.As(e.err, &t) && t.Timeout()
}

// credentialHeaders carry tokens; their values are redacted from quoted
// bodies.
var credentialHeaders = []string{"Authorization", "X-Shopify-Access-Token", "X-Tts-Access-Token"}

// requestSecrets lists what must not be quoted from an answer to req: the
// secrets given to [Do], the credential headers and the sensitive query
// values (signatures, tokens).
func requestSecrets(req *http.Request) []string {
	if req == nil {
		return nil
	}
	s, _ := req.Context().Value(secretsKey{}).([]string)
	out := append([]string(nil), s...)
	for _, h := range credentialHeaders {
		if v := req.Header.Get(h); v != "" {
			out = append(out, v)
		}
	}
	if req.URL != nil {
		for k, vs := range req.URL.Query() {
			if queryNames[strings.ToLower(k)] {
				out = append(out, vs...)
			}
		}
	}
	return out
}

// KnownSecrets returns the secrets recently given to [Do] (at most
// maxKnown, newest last), for output points that cannot be handed them:
// the channel status, the log handler. Tokens renewed at run time are in
// no configuration, so they are learnt here. The slice must not be
// modified.
func KnownSecrets() []string {
	if l := known.list.Load(); l != nil {
		return l.values
	}
	return nil
}

const maxKnown = 64

var known secretSet

// secretSet is copy-on-write: reading it takes no lock.
type secretSet struct {
	mu   sync.Mutex
	list atomic.Pointer[secretList]
}

type secretList struct {
	values []string
	has    map[string]bool
}

func (s *secretSet) add(secrets []string) {
	if s.knows(s.list.Load(), secrets) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.list.Load()
	if s.knows(old, secrets) {
		return
	}
	next := &secretList{has: map[string]bool{}}
	keep := func(v string) {
		if len(v) >= MinSecretLen && !next.has[v] {
			next.values = append(next.values, v)
			next.has[v] = true
		}
	}
	if old != nil {
		for _, v := range old.values {
			keep(v)
		}
	}
	for _, v := range secrets {
		keep(v)
	}
	for len(next.values) > maxKnown {
		delete(next.has, next.values[0])
		next.values = next.values[1:]
	}
	s.list.Store(next)
}

func (s *secretSet) knows(l *secretList, secrets []string) bool {
	for _, v := range secrets {
		if len(v) >= MinSecretLen && (l == nil || !l.has[v]) {
			return false
		}
	}
	return true
}
