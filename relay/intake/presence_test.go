package intake_test

import (
	"context"
	"testing"
	"time"

	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/uplink"
	"github.com/edged/edged/uplink/mqtt"
)

func presenceOf(cl *intake.Client, gateway string) (intake.Presence, bool) {
	for _, p := range cl.Presence() {
		if p.Gateway == gateway {
			return p, true
		}
	}
	return intake.Presence{}, false
}

// TestPresenceFollowsBirthHealthAndWill: the relay learns a gateway's
// birth, version and health snapshot from a real uplink over mosquitto,
// and sees it offline when it stops, without any delta being sent.
func TestPresenceFollowsBirthHealthAndWill(t *testing.T) {
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	cl := connectIntake(t, fastRetry(broker.URL()), engine(t), nil)
	eventually(t, "the relay online", func() bool { return cl.State().Online })

	d, err := mqtt.NewDialer(mqtt.Config{Broker: broker.URL(), ClientID: "gw-7"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	u, err := uplink.New(uplink.Config{Site: "wh2", Gateway: "gw-7", PollInterval: 50 * time.Millisecond,
		HealthInterval: 50 * time.Millisecond}, uplink.Deps{Outbox: ledgertest.Open(t, nil), Dialer: d, Version: "1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = u.Run(ctx) }()
	defer func() { cancel(); <-done }()

	eventually(t, "gw-7 online with a health snapshot", func() bool {
		p, ok := presenceOf(cl, "gw-7")
		return ok && p.Online && p.Health != nil && p.Site == "wh2"
	})
	p, _ := presenceOf(cl, "gw-7")
	if p.Version != "1.2.3" || p.LastSeen.IsZero() || p.Health.Gateway != "gw-7" {
		t.Fatalf("presence %+v", p)
	}
	cancel() // a clean stop publishes the retained death
	<-done
	eventually(t, "gw-7 offline", func() bool {
		p, ok := presenceOf(cl, "gw-7")
		return ok && !p.Online
	})
}
