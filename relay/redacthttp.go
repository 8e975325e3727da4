package relay

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
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
// Do attaches the secrets to the request, so that [HTTPError] redacts
// them from the body it quotes.
func Do(hc *http.Client, req *http.Request, secrets ...string) (*http.Response, error) {
	if hc == nil {
		hc = http.DefaultClient
	}
	if len(secrets) > 0 {
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
