package intake

import (
	"testing"
	"time"

	"github.com/edged/edged/uplink/wire"
)

// TestStaleWillKeepsGatewayOnline: the will of an earlier session (it
// can arrive after the new birth, retained or late) must not mark a live
// gateway offline; the will of the current session does.
func TestStaleWillKeepsGatewayOnline(t *testing.T) {
	now := time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
	b := newPresenceBook(func() time.Time { return now })
	topic := wire.Topic("wh1", "gw-1", wire.KindState)
	b.observe(topic, wire.Encode(&wire.State{Site: "wh1", Gateway: "gw-1", Online: true, Boot: "b2", Session: 3, Version: "0.9"}))
	b.observe(topic, wire.Encode(&wire.State{Site: "wh1", Gateway: "gw-1", Online: false, Boot: "b2", Session: 2}))
	if p := b.list()[0]; !p.Online || p.Version != "0.9" {
		t.Fatalf("after a stale will: %+v", p)
	}
	now = now.Add(time.Minute)
	b.observe(topic, wire.Encode(&wire.State{Site: "wh1", Gateway: "gw-1", Online: false, Boot: "b2", Session: 3}))
	if p := b.list()[0]; p.Online || !p.StateAt.Equal(now) || !p.LastSeen.Equal(now) {
		t.Fatalf("after the current will: %+v", p)
	}
	b.observe(wire.Topic("wh1", "gw-1", wire.KindHealth), []byte("not json"))
	if p := b.list()[0]; p.Health != nil {
		t.Fatalf("an undecodable health must not be kept: %+v", p)
	}
}
