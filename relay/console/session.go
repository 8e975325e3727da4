package console

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"sync"
	"time"
)

// cookieName is the session cookie.
const cookieName = "edged_console"

// sessions signs and checks session cookies: base64(expiry|nonce|user)
// "." base64(HMAC-SHA256). They are stateless but for the revoked nonces
// of logged-out sessions, kept until they would have expired anyway.
type sessions struct {
	key []byte
	ttl time.Duration
	now func() time.Time

	mu      sync.Mutex
	revoked map[string]time.Time // nonce → expiry
}

func newSessions(key []byte, ttl time.Duration, now func() time.Time) *sessions {
	if len(key) == 0 {
		key = []byte(rand.Text() + rand.Text())
	} else {
		// The configured key also seals stored tokens: sign with a key
		// derived from it, never with the key itself.
		m := hmac.New(sha256.New, key)
		m.Write([]byte("edged console session"))
		key = m.Sum(nil)
	}
	return &sessions{key: key, ttl: ttl, now: now, revoked: map[string]time.Time{}}
}

// issue returns a new session's cookie value for user and its expiry.
func (s *sessions) issue(user string) (string, time.Time) {
	exp := s.now().Add(s.ttl).Truncate(time.Second)
	payload := strconv.FormatInt(exp.Unix(), 10) + "|" + rand.Text() + "|" + user
	enc := base64.RawURLEncoding.EncodeToString([]byte(payload))
	return enc + "." + s.sign(enc), exp
}

func (s *sessions) sign(enc string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(enc))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// session is a checked cookie.
type session struct {
	user, nonce string
	exp         time.Time
}

// check returns the session of a cookie value that is signed by us, not
// expired and not logged out.
func (s *sessions) check(value string) (session, bool) {
	enc, sig, ok := strings.Cut(value, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(s.sign(enc))) {
		return session{}, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return session{}, false
	}
	parts := strings.SplitN(string(raw), "|", 3)
	if len(parts) != 3 {
		return session{}, false
	}
	unix, err := strconv.ParseInt(parts[0], 10, 64)
	ses := session{user: parts[2], nonce: parts[1], exp: time.Unix(unix, 0)}
	if err != nil || !s.now().Before(ses.exp) || s.isRevoked(ses.nonce) {
		return session{}, false
	}
	return ses, true
}

func (s *sessions) isRevoked(nonce string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.revoked[nonce]
	return ok
}

// revoke ends a session before its expiry, and forgets revocations that
// have expired on their own.
func (s *sessions) revoke(ses session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for n, exp := range s.revoked {
		if !now.Before(exp) {
			delete(s.revoked, n)
		}
	}
	s.revoked[ses.nonce] = ses.exp
}
