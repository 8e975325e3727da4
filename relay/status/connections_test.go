package status

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/connect"
)

func TestConnectionsSayWhatToDo(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	s := Snapshot{At: now, Connections: []connect.Status{
		{Channel: relay.Shopify, Connected: true, Shop: "demo.myshopify.com", Scopes: []string{"write_inventory"}},
		{Channel: relay.Lazada, Connected: true, Shop: "1001", AccessExpires: now.Add(-time.Hour),
			LastError: "lazada: authorisation expired or revoked: run `relay connect lazada`", Permanent: true},
		{Channel: relay.Shopee, Connected: true, Shop: "77", AccessExpires: now.Add(3 * time.Hour),
			RefreshExpires: now.Add(5 * 24 * time.Hour), Warning: "refresh token runs out in 5 days"},
		{Channel: relay.TikTok},
	}}
	var b bytes.Buffer
	if err := WriteText(&b, s); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"demo.myshopify.com", "does not expire", "expired", "run `relay connect lazada`",
		"expires in 3 hours", "refresh token runs out in 5 days", "not connected: run `relay connect tiktok`",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
}
