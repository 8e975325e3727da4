package console_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/edged/edged/relay/console"
)

const (
	testUser     = "ann"
	testPassword = "correct horse battery staple"
	testToken    = "s3cr3t-bearer-token-for-scripts"
)

// testHash is testPassword at bcrypt's lowest cost, so tests stay fast.
var testHash = sync.OnceValue(func() []byte {
	h, err := bcrypt.GenerateFromPassword([]byte(testPassword), bcrypt.MinCost)
	if err != nil {
		panic(err)
	}
	return h
})

// manualClock is a clock the test moves.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// syncLog is a log buffer safe for the server's goroutines.
type syncLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// site is a console over a real HTTP server.
type site struct {
	srv   *httptest.Server
	src   *fakeSource
	clock *manualClock
	log   *syncLog
}

func newSite(t testing.TB, src *fakeSource, trail *fakeTrail, tweak ...func(*console.Options)) *site {
	t.Helper()
	s := &site{src: src, clock: &manualClock{now: time.Date(2026, 12, 4, 3, 0, 0, 0, time.UTC)}, log: &syncLog{}}
	opt := console.Options{Source: src, Auth: console.Auth{Users: []console.User{{Name: testUser, Hash: testHash()}}, Token: testToken},
		Logger: slog.New(slog.NewTextHandler(s.log, &slog.HandlerOptions{Level: slog.LevelDebug})), Now: s.clock.Now,
		Coalesce: 10 * time.Millisecond}
	if trail != nil {
		opt.Audit = trail
	}
	for _, f := range tweak {
		f(&opt)
	}
	h, err := console.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	s.srv = httptest.NewServer(h)
	t.Cleanup(s.srv.Close)
	return s
}

// client does not follow redirects, so the tests see them.
func (s *site) client(t testing.TB) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (s *site) login(t testing.TB, c *http.Client, user, password string) *http.Response {
	t.Helper()
	resp, err := c.PostForm(s.srv.URL+"/console/login", url.Values{"user": {user}, "password": {password}, "next": {"/console/"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// loggedIn is a client with a session.
func (s *site) loggedIn(t testing.TB) *http.Client {
	t.Helper()
	c := s.client(t)
	if resp := s.login(t, c, testUser, testPassword); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %s", resp.Status)
	}
	return c
}

// get fetches path and returns the status and the body.
func get(t testing.TB, c *http.Client, u string, header ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// count is how many times sub occurs in s.
func count(s, sub string) int { return strings.Count(s, sub) }

func readBody(w io.Writer, resp *http.Response) (int64, error) { return io.Copy(w, resp.Body) }
