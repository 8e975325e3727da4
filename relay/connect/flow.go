package connect

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"html"
	"net/http"
	"sync"
	"time"

	"github.com/edged/edged/relay"
)

// ErrState means a redirect came back without the state this flow sent:
// it was not started by this `relay connect` (or was replayed).
var ErrState = errors.New("connect: the redirect's state does not match this authorisation")

// exchangeTimeout bounds the code exchange, which goes on if the browser
// leaves: the code works once.
const exchangeTimeout = 30 * time.Second

// Flow is one authorisation: its URL carries a random state, and its
// handler takes the platform's redirect once, checks the state and
// exchanges the code.
type Flow struct {
	ch       relay.Channel
	auth     relay.Authorizer
	redirect string
	state    string

	mu   sync.Mutex
	used bool
	done chan result
}

type result struct {
	tok relay.Token
	err error
}

// NewFlow starts an authorisation of ch whose redirect comes to redirect
// (served by the Flow at CallbackPath(ch)).
func NewFlow(ch relay.Channel, auth relay.Authorizer, redirect string) *Flow {
	return &Flow{ch: ch, auth: auth, redirect: redirect, state: rand.Text(), done: make(chan result, 1)}
}

// CallbackPath is where a channel's redirect is served.
func CallbackPath(ch relay.Channel) string { return "/connect/" + string(ch) + "/callback" }

// URL is the page the seller opens.
func (f *Flow) URL() string { return f.auth.AuthURL(f.state, f.redirect) }

// Wait returns the exchanged token, or why the redirect failed, or ctx's
// error.
func (f *Flow) Wait(ctx context.Context) (relay.Token, error) {
	select {
	case r := <-f.done:
		return r.tok, r.err
	case <-ctx.Done():
		return relay.Token{}, fmt.Errorf("%s: no redirect came back: %w", f.ch, ctx.Err())
	}
}

// ServeHTTP takes the redirect. The first request settles the flow: a
// wrong state is answered 400 and ends it with ErrState.
func (f *Flow) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	used := f.used
	f.used = true
	f.mu.Unlock()
	if used {
		http.Error(w, "this authorisation was already used: run `relay connect "+string(f.ch)+"` again", http.StatusBadRequest)
		return
	}
	q := r.URL.Query()
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(f.state)) != 1 {
		http.Error(w, ErrState.Error()+": run `relay connect "+string(f.ch)+"` again", http.StatusBadRequest)
		f.finish(relay.Token{}, fmt.Errorf("%s: %w (a redirect arrived from %s with another state; if you did not open this link, someone else may be trying to connect their shop)", f.ch, ErrState, r.RemoteAddr))
		return
	}
	if e := q.Get("error"); e != "" {
		err := fmt.Errorf("%s: the platform refused the authorisation: %s %s", f.ch, e, q.Get("error_description"))
		http.Error(w, err.Error(), http.StatusForbidden)
		f.finish(relay.Token{}, err)
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), exchangeTimeout)
	defer cancel()
	t, err := f.auth.Exchange(ctx, q)
	if err != nil {
		err = fmt.Errorf("%s: exchange the authorisation code: %w", f.ch, err)
		http.Error(w, err.Error(), http.StatusBadGateway)
		f.finish(relay.Token{}, err)
		return
	}
	if t.Channel == "" {
		t.Channel = f.ch
	}
	f.finish(t, nil)
	fmt.Fprintf(w, "<!doctype html><title>edged relay</title><p>%s is connected (shop %s). You may close this page.</p>\n",
		html.EscapeString(string(f.ch)), html.EscapeString(t.Shop))
}

func (f *Flow) finish(t relay.Token, err error) { f.done <- result{t, err} }
