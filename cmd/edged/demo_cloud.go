package main

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"time"

	"github.com/edged/edged/internal/broker"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/relay/stock"
)

// demoCloud is the cloud side of the demo in this process: an embedded
// MQTT broker, the relay as `relay run` assembles it, and the four
// marketplaces simulated.
type demoCloud struct {
	url    string
	broker *broker.Broker // nil when an external broker is used
	market *demoMarket
	relay  *server.Server
	cancel context.CancelFunc
	done   chan error
	sales  int
	// console is the relay's web console and this run's login.
	console *demoConsole
}

const demoSite = "demo"

// demoMapping lists every demo SKU on the four channels.
func demoMapping() string {
	var b strings.Builder
	b.WriteString("channel,sku,site,item,variant,location,seller_sku\n")
	for i, it := range demoItems {
		n := 1001 + i
		for _, row := range []string{
			"shopify,%s,demo,gid://shopify/InventoryItem/%d,%d,gid://shopify/Location/1,",
			"lazada,%s,demo,%d,%d,,%[1]s",
			"shopee,%s,demo,%d,%d,,",
			"tiktok,%s,demo,%d,%d,1,",
		} {
			b.WriteString(fmt.Sprintf(row, it.sku, n, n+1000) + "\n")
		}
	}
	return b.String()
}

func startDemoCloud(dir, brokerURL, consoleAddr string) (*demoCloud, error) {
	c := &demoCloud{done: make(chan error, 1), url: brokerURL}
	var err error
	if c.console, err = newDemoConsole(); err != nil {
		return nil, err
	}
	if brokerURL == "" {
		mqttLn, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		if c.broker, err = broker.Start(mqttLn, broker.Options{}, nil); err != nil {
			return nil, err
		}
		c.url = c.broker.URL()
	}
	if err := c.startRelay(dir, consoleAddr); err != nil {
		c.close()
		return nil, err
	}
	return c, nil
}

func (c *demoCloud) startRelay(dir, consoleAddr string) error {
	m, err := stock.ParseMapping(strings.NewReader(demoMapping()), "demo mapping")
	if err != nil {
		return err
	}
	hookLn, err := listenDemoConsole(consoleAddr) // the relay's one listener: webhooks and console
	if err != nil {
		return err
	}
	c.console.URL = "http://" + hookLn.Addr().String() + "/console/"
	c.market = startDemoMarket("http://" + hookLn.Addr().String() + "/webhooks")
	noDrift := time.Duration(0) // the simulators list only what the demo stocks: no drift check
	cfg := server.Config{Store: filepath.Join(dir, "relay.db"), Mapping: "demo", Stock: stock.Config{SafetyBuffer: 2},
		Channels: c.market.channels(), DiscoverEvery: &noDrift, Console: c.console.config()}
	ctx, cancel := context.WithCancel(context.Background())
	if c.relay, err = server.New(ctx, cfg, server.Parts{Mapping: m, BrokerURL: c.url, Listener: hookLn, Host: "demo", Version: version()}); err != nil {
		cancel()
		return err
	}
	c.cancel = cancel
	go func() { c.done <- c.relay.Run(ctx) }()
	return nil
}

// levels is the relay's master on hand per demo SKU.
func (c *demoCloud) levels() map[string]int64 {
	out := map[string]int64{}
	for _, it := range demoItems {
		out[it.sku] = c.relay.Engine().Level(it.sku, demoSite).OnHand
	}
	return out
}

// shop lets a shopper buy on a marketplace now and then. The sale and
// its webhook outlive the demo's deadline: a platform does not withdraw a
// notification because the seller's demo ended, and a sale made on the
// simulator but never notified was the demo's end-of-run "1 disagreeing"
// (the delivery was cancelled with the demo's context).
func (c *demoCloud) shop(ctx context.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if _, _, ok := c.market.sell(ctx); ok {
		c.sales++
	}
}

// pushes counts the quantities each channel accepted.
func (c *demoCloud) pushes() map[string]uint64 {
	out := map[string]uint64{}
	for ch, d := range c.relay.Dispatchers() {
		out[string(ch)] = d.Status().Pushed
	}
	return out
}

func (c *demoCloud) close() {
	if c.cancel != nil {
		c.cancel()
		<-c.done
	}
	if c.market != nil {
		c.market.close()
	}
	if c.broker != nil {
		c.broker.Close()
	}
}
