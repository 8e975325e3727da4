package console_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay/console"
)

// sse reads a stream's events.
type sse struct {
	resp *http.Response
	r    *bufio.Reader
}

func openEvents(t *testing.T, ctx context.Context, c *http.Client, u string) *sse {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %s %q", resp.Status, resp.Header.Get("Content-Type"))
	}
	return &sse{resp: resp, r: bufio.NewReader(resp.Body)}
}

// next reads up to the next blank line: one event or comment.
func (s *sse) next(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			t.Fatalf("stream ended: %v (read %q)", err, b.String())
		}
		if line == "\n" {
			return b.String()
		}
		b.WriteString(line)
	}
}

// update waits for the next update event and decodes its patches.
func (s *sse) update(t *testing.T) map[string]string {
	t.Helper()
	for {
		ev := s.next(t)
		data, ok := strings.CutPrefix(ev, "event: update\ndata: ")
		if !ok {
			continue
		}
		var msg struct {
			Patches []struct{ ID, HTML string }
		}
		if err := json.Unmarshal([]byte(data), &msg); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, p := range msg.Patches {
			out[p.ID] = p.HTML
		}
		return out
	}
}

func TestEventsSendTheRowsThatChanged(t *testing.T) {
	src := &fakeSource{skus: manySKUs(3, 1, "shopify"), channels: channelsOf("shopify"), ver: 7}
	s := newSite(t, src, nil)
	c := s.loggedIn(t)
	_, page := get(t, c, s.srv.URL+"/console/")
	if !strings.Contains(page, `data-events="/console/events?view=stock&amp;since=7"`) {
		t.Fatalf("the page does not name its stream at version 7:\n%s", page)
	}
	ev := openEvents(t, context.Background(), c, s.srv.URL+"/console/events?view=stock&since=7")
	if first := ev.next(t); !strings.Contains(first, "retry:") {
		t.Fatalf("first message %q", first)
	}
	skus := manySKUs(3, 1, "shopify")
	skus[1].Sites[0].OnHand = 99
	src.set(skus)
	got := ev.update(t)
	if len(got) != 1 || !strings.Contains(got["row-SKU-00001"], "<b>99</b>") {
		t.Errorf("patches %v, want the changed row only", got)
	}
}

func TestEventsCoalesceABurstOfChanges(t *testing.T) {
	src := &fakeSource{skus: manySKUs(1, 1), ver: 1}
	s := newSite(t, src, nil, func(o *console.Options) { o.Coalesce = 300 * time.Millisecond })
	c := s.loggedIn(t)
	ev := openEvents(t, context.Background(), c, s.srv.URL+"/console/events?view=stock&since=1")
	ev.next(t)
	for i := range 50 {
		skus := manySKUs(1, 1)
		skus[0].Sites[0].OnHand = int64(100 + i)
		src.set(skus)
	}
	got := ev.update(t)
	if !strings.Contains(got["row-SKU-00000"], "<b>149</b>") {
		t.Errorf("the update after a burst: %v, want only the last on hand", got)
	}
}

func TestEventsHeartbeat(t *testing.T) {
	s := newSite(t, &fakeSource{}, nil, func(o *console.Options) { o.Heartbeat = 20 * time.Millisecond })
	ev := openEvents(t, context.Background(), s.loggedIn(t), s.srv.URL+"/console/events?view=gateways")
	for {
		if m := ev.next(t); strings.HasPrefix(m, ": heartbeat") {
			return
		}
	}
}

func TestEventsStreamEndsWhenTheClientGoes(t *testing.T) {
	src := &fakeSource{skus: manySKUs(1, 1)}
	h, err := console.New(console.Options{Source: src, Auth: console.Auth{Token: testToken}})
	if err != nil {
		t.Fatal(err)
	}
	ended := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		if strings.HasPrefix(r.URL.Path, "/console/events") {
			close(ended)
		}
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/console/events?view=stock", nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	ev := &sse{resp: resp, r: bufio.NewReader(resp.Body)}
	ev.next(t)
	ev.update(t) // without since, everything is sent once
	cancel()
	resp.Body.Close()
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("the handler still runs after the client went")
	}
}

func TestEventsRefuseAnUnknownView(t *testing.T) {
	s := newSite(t, &fakeSource{}, nil)
	if code, _ := get(t, s.loggedIn(t), s.srv.URL+"/console/events?view=nope"); code != http.StatusBadRequest {
		t.Errorf("unknown view: %d", code)
	}
}

func TestEventsStreamEndsWhenTheServerShutsDown(t *testing.T) {
	s := newSite(t, &fakeSource{}, nil)
	ev := openEvents(t, context.Background(), s.loggedIn(t), s.srv.URL+"/console/events?view=stock")
	ev.next(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.srv.Config.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown with an open stream: %v", err)
	}
}
