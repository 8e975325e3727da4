package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is written by the demo and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) Bytes() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return bytes.Clone(l.b.Bytes())
}

// TestDemoOpensOnTheConsole: the demo serves the relay's console with a
// login of its own; --stay keeps it up after the run, and the login
// printed in the summary opens the stock page with the demo's SKUs.
func TestDemoOpensOnTheConsole(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := &lockedBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- runLiveDemo(ctx, out, demoOptions{duration: 3 * time.Second, summary: true, console: "127.0.0.1:0", stay: true})
	}()
	var s demoSummary
	for deadline := time.Now().Add(60 * time.Second); json.Unmarshal(out.Bytes(), &s) != nil; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no summary:\n%s", out.Bytes())
		}
	}
	if s.Console == nil || !strings.HasPrefix(s.Console.URL, "http://127.0.0.1:") || len(s.Console.Password) < 12 {
		t.Fatalf("console in the summary: %+v", s.Console)
	}
	page := logIn(t, s.Console)
	for _, sku := range []string{"TEE-BLK-M", "MUG-WHT"} {
		if !strings.Contains(page, sku) {
			t.Errorf("the stock page lacks %s:\n%s", sku, page)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("demo: %v", err)
	}
}

// logIn posts the console's login form and returns the page it leads to.
func logIn(t *testing.T, c *demoConsole) string {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	cl := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	resp, err := cl.PostForm(strings.TrimSuffix(c.URL, "/")+"/login",
		url.Values{"user": {c.User}, "password": {c.Password}, "next": {"/console/"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/console/" {
		t.Fatalf("login: %s at %s\n%s", resp.Status, resp.Request.URL, body)
	}
	return string(body)
}
