package main

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strings"

	"github.com/edged/edged/internal/broker"
	"github.com/edged/edged/ledger"
	"github.com/edged/edged/relay/intake"
	"github.com/edged/edged/relay/stock"
)

// demoCloud is the cloud side of the demo in this process: an embedded
// MQTT broker and the relay's intake into its master stock.
type demoCloud struct {
	broker *broker.Broker
	store  *stock.BoltStore
	engine *stock.Engine
	client *intake.Client
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

func startDemoCloud(dir string) (*demoCloud, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	c := &demoCloud{}
	if c.broker, err = broker.Start(ln, nil); err != nil {
		return nil, err
	}
	if err := c.startRelay(dir); err != nil {
		c.close()
		return nil, err
	}
	return c, nil
}

func (c *demoCloud) startRelay(dir string) error {
	m, err := stock.ParseMapping(strings.NewReader(demoMapping()), "demo mapping")
	if err != nil {
		return err
	}
	if c.store, err = stock.OpenBolt(filepath.Join(dir, "relay.db")); err != nil {
		return err
	}
	if c.engine, err = stock.New(context.Background(), stock.Options{Store: c.store, Mapping: m}); err != nil {
		return err
	}
	var in *intake.Intake
	c.client, err = intake.Connect(intake.MQTTConfig{Broker: c.broker.URL()}, nil, nil, func(topic string, payload []byte) {
		_ = in.Handle(context.Background(), topic, payload)
	})
	if err != nil {
		return err
	}
	in = intake.New(c.engine, c.client, intake.Config{}, nil, nil)
	return nil
}

// levels is the relay's master on hand per demo SKU.
func (c *demoCloud) levels() map[string]int64 {
	out := map[string]int64{}
	for _, it := range demoItems {
		out[it.sku] = c.engine.Level(it.sku, demoSite).OnHand
	}
	return out
}

func (c *demoCloud) close() {
	if c.client != nil {
		c.client.Close()
	}
	if c.store != nil {
		c.store.Close()
	}
	if c.broker != nil {
		c.broker.Close()
	}
}

// disagreeing counts SKUs whose ledger total on hand differs from the
// relay's master quantity.
func disagreeing(bal []ledger.Balance, relay map[string]int64) int {
	total := map[string]int64{}
	for _, b := range bal {
		total[b.SKU] += b.OnHand
	}
	n := 0
	for sku, q := range relay {
		if total[sku] != q {
			n++
		}
	}
	return n
}
