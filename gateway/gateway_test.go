package gateway_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/edged/edged/catalog"
	"github.com/edged/edged/device/llrp/llrptest"
	"github.com/edged/edged/device/rfid"
	"github.com/edged/edged/gateway"
	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/ledger/ledgertest"
	"github.com/edged/edged/uplink/mqtt"
	"github.com/edged/edged/uplink/uplinktest"
)

// The fake reader's tags are SGTIN-96 of GTIN 03893120000008.
func dockConfig(addr string) gateway.Config {
	return gateway.Config{
		Site: "wh1", Gateway: "gw-1",
		Catalog: catalog.Config{Items: []catalog.Item{{SKU: "TEE", GTINs: []string{"03893120000008"}, UnitCost: "4.20"}}},
		Readers: []gateway.ReaderConfig{{Name: "dock", Address: addr}},
		RFID: rfid.Config{DepartedAfter: 30 * time.Second, Zones: []rfid.Zone{{Name: "dock", Role: rfid.ReceivePortal,
			Locations: []rfid.Location{{Name: "DOOR-1", Antennas: []rfid.Antenna{
				{Reader: "dock", Port: 1}, {Reader: "dock", Port: 2}, {Reader: "dock", Port: 3}, {Reader: "dock", Port: 4}}}}}}},
	}
}

func dial(ctx context.Context, addr string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, "tcp", addr)
}

// eventually polls cond until it holds; the deadline only bounds a
// broken test, it asserts nothing about speed.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never happened: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func onHand(l *ledger.Ledger, loc string) int64 {
	bs, _ := l.Balances("TEE", loc)
	if len(bs) == 0 {
		return 0
	}
	return bs[0].OnHand
}

func TestReaderToLedgerThenReloadAndStop(t *testing.T) {
	l := ledgertest.Open(t, nil)
	fake, addr := llrptest.Start(t, llrptest.Options{Tags: 20, Rate: 2000})
	g, err := gateway.New(dockConfig(addr), gateway.Parts{Ledger: l, Dial: dial, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	eventually(t, "the 20 tags received at DOOR-1", func() bool {
		return onHand(l, "DOOR-1") == 20 && g.Health().Movements.Received == 20
	})

	var h gateway.Health
	rec := httptest.NewRecorder()
	g.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/status", nil))
	if err := json.Unmarshal(rec.Body.Bytes(), &h); err != nil || len(h.Readers) != 1 || h.Movements.Received != 20 {
		t.Fatalf("status %s (%v)", rec.Body.String(), err)
	}
	rec = httptest.NewRecorder()
	g.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if !strings.Contains(rec.Body.String(), `edged_reader_reads_total{reader="dock"}`) {
		t.Fatalf("metrics:\n%s", rec.Body.String())
	}

	// a changed reader section restarts that reader; reads go on
	cfg := dockConfig(addr)
	cfg.Readers[0].LLRP.ReportEveryNTags = 5
	before := fake.Snapshot().Reads
	if err := g.Reload(cfg); err != nil {
		t.Fatal(err)
	}
	eventually(t, "reads after the reload", func() bool { return fake.Snapshot().Reads > before+100 })
	if h := g.Health(); h.Reloads != 1 || onHand(l, "DOOR-1") != 20 {
		t.Fatalf("after reload: %+v, on hand %d (a tag must never be received twice)", h, onHand(l, "DOOR-1"))
	}
	cfg.Ledger.DB = "/elsewhere.db"
	if err := g.Reload(cfg); err == nil || !strings.Contains(err.Error(), "ledger changed") {
		t.Fatalf("reloading a restart-only section: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestConfigErrorsNameTheirKeys(t *testing.T) {
	l := ledgertest.Open(t, nil)
	cfg := dockConfig("")
	cfg.Site = ""
	cfg.RFID.Zones[0].Locations[0].Antennas[0].Reader = "nope"
	cfg.Catalog.Items = append(cfg.Catalog.Items, catalog.Item{SKU: "TEE"})
	_, err := gateway.New(cfg, gateway.Parts{Ledger: l, Dial: dial})
	for _, want := range []string{"site: required", "readers[0].address: required",
		`rfid.zones[0].locations[0].antennas[0].reader: "nope" is not a configured reader`, "catalog"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in %v", want, err)
		}
	}
}

func TestDockDoorSensorGatesReceipts(t *testing.T) {
	l := ledgertest.Open(t, nil)
	fake, addr := llrptest.Start(t, llrptest.Options{Tags: 20, Rate: 2000})
	cfg := dockConfig(addr)
	cfg.RFID.Zones[0].GPIGated = true
	cfg.Readers[0].Gates = []gateway.GateConfig{{Port: 1, Zone: "dock"}}
	g, err := gateway.New(cfg, gateway.Parts{Ledger: l, Dial: dial})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go g.Run(ctx)
	eventually(t, "reads arriving while the door is closed", func() bool { return g.Health().Inventory.GatedOut > 100 })
	if got := onHand(l, "DOOR-1"); got != 0 {
		t.Fatalf("%d received while the door was closed", got)
	}
	fake.SetGPI(1, true)
	eventually(t, "receipts once the door opens", func() bool { return onHand(l, "DOOR-1") == 20 })
}

func TestReloadUnderLoadLosesNoTag(t *testing.T) {
	l := ledgertest.Open(t, nil)
	_, addr := llrptest.Start(t, llrptest.Options{Tags: 300, Rate: 5000})
	cfg := dockConfig(addr)
	g, err := gateway.New(cfg, gateway.Parts{Ledger: l, Dial: dial})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	eventually(t, "receipts under way", func() bool { return onHand(l, "DOOR-1") > 0 })
	for i := range 5 { // reader and inventory sections change while tags arrive
		cfg.Readers[0].LLRP.ReportEveryNTags = uint16(2 + i)
		cfg.RFID.Move.MinReads = 2 + i%2
		if err := g.Reload(cfg); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, "all 300 tags received", func() bool { return onHand(l, "DOOR-1") == 300 })
	cancel()
	<-done
	if h := g.Health(); h.Movements.Rejected != 0 || h.Queue.LedgerErrors != 0 {
		t.Fatalf("after reloads: %+v", h)
	}
}

func TestShutdownRecordsEverythingQueued(t *testing.T) {
	l := ledgertest.Open(t, nil)
	_, addr := llrptest.Start(t, llrptest.Options{Tags: 500, Rate: 20000})
	g, err := gateway.New(dockConfig(addr), gateway.Parts{Ledger: l, Dial: dial})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	eventually(t, "arrivals under way", func() bool { return g.Health().Inventory.Arrived > 50 })
	cancel() // mid-pallet
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	h := g.Health()
	if h.Inventory.Arrived != h.Movements.Received || int64(h.Movements.Received) != onHand(l, "DOOR-1") || h.Queue.Depth != 0 {
		t.Fatalf("arrived %d, recorded %d, on hand %d, queued %d: an accepted arrival was lost",
			h.Inventory.Arrived, h.Movements.Received, onHand(l, "DOOR-1"), h.Queue.Depth)
	}
}

func TestReadsReachTheRelayAndAreAcknowledged(t *testing.T) {
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	relay := uplinktest.StartRelay(t, broker.URL())
	l := ledgertest.Open(t, nil)
	_, addr := llrptest.Start(t, llrptest.Options{Tags: 20, Rate: 2000})
	cfg := dockConfig(addr)
	cfg.MQTT.Broker = broker.URL()
	d, err := mqtt.NewDialer(mqtt.Config{Broker: broker.URL(), ClientID: cfg.Gateway}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gateway.New(cfg, gateway.Parts{Ledger: l, Dial: dial, UplinkDialer: d, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	eventually(t, "20 receipts applied by the relay", func() bool { return relay.Applied(cfg.Gateway) == 20 })
	eventually(t, "the ledger acknowledged", func() bool { st, _ := l.Status(); return st.Acked == 20 && st.Pending == 0 })
	if h := g.Health(); h.Uplink == nil || len(h.Uplink.Devices) != 1 || h.Uplink.Devices[0].State != "up" {
		t.Fatalf("uplink health %+v", h.Uplink)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for i, e := range relay.Events(cfg.Gateway) {
		if e.Seq != uint64(i+1) || e.Type != "receive" || e.SKU != "TEE" {
			t.Fatalf("relay event %d: %+v", i, e)
		}
	}
}

func TestCycleReportsArePublished(t *testing.T) {
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	got := make(chan []byte, 4)
	sub := paho.NewClient(paho.NewClientOptions().AddBroker(broker.URL()).SetClientID("ale-watcher"))
	if tok := sub.Connect(); !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
		t.Fatal(tok.Error())
	}
	defer sub.Disconnect(0)
	sub.Subscribe("edged/v1/wh1/gw-1/ale/dock", 1, func(_ paho.Client, m paho.Message) { got <- m.Payload() }).WaitTimeout(10 * time.Second)
	l := ledgertest.Open(t, nil)
	_, addr := llrptest.Start(t, llrptest.Options{Tags: 5, Rate: 500})
	cfg := dockConfig(addr)
	cfg.MQTT.Broker, cfg.ALEReports, cfg.CountCycle = broker.URL(), true, 200*time.Millisecond
	d, _ := mqtt.NewDialer(mqtt.Config{Broker: broker.URL(), ClientID: cfg.Gateway}, nil, nil)
	g, err := gateway.New(cfg, gateway.Parts{Ledger: l, Dial: dial, UplinkDialer: d})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go g.Run(ctx)
	deadline := time.After(30 * time.Second)
	for {
		select {
		case b := <-got:
			var rep struct {
				Zone    string            `json:"zone"`
				Current []json.RawMessage `json:"current"`
			}
			if json.Unmarshal(b, &rep) == nil && rep.Zone == "dock" && len(rep.Current) == 5 {
				return
			}
		case <-deadline:
			t.Fatal("no cycle report with the 5 tags")
		}
	}
}

// Without mqtt.broker the daemon records but sends nothing: it says so.
func TestNoBrokerIsWarned(t *testing.T) {
	l := ledgertest.Open(t, nil)
	var logs bytes.Buffer
	cfg := dockConfig("127.0.0.1:1")
	cfg.MQTT.Broker = ""
	if _, err := gateway.New(cfg, gateway.Parts{Ledger: l, Dial: dial, Logger: slog.New(slog.NewTextHandler(&logs, nil))}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "nothing is uplinked") {
		t.Errorf("log: %s", logs.String())
	}
}
