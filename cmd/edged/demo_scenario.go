package main

import (
	"fmt"
	"time"

	"github.com/edged/edged/catalog"
	"github.com/edged/edged/device/barcode"
	"github.com/edged/edged/device/epc"
	"github.com/edged/edged/device/llrp/llrptest"
	"github.com/edged/edged/device/rfid"
	"github.com/edged/edged/gateway"
)

// The demo's fake reader has four antennas: 1 covers the dock door, 2
// and 3 two shelves, 4 the shipping door.
const (
	antDock  = 1
	antShelf = 2
	antShip  = 4
)

type demoItem struct {
	sku, gtin, cost string
}

var demoItems = []demoItem{
	{"TEE-BLK-M", demoGTIN("950600013435"), "4.20"},
	{"MUG-WHT", demoGTIN("950600013436"), "2.75"},
	{"CAP-RED", demoGTIN("950600013437"), "3.10"},
}

// demoCosts are the receipt costs the scanner workflow uses.
func demoCosts() map[string]string {
	out := map[string]string{}
	for _, it := range demoItems {
		out[it.sku] = it.cost
	}
	return out
}

// demoGTIN completes a GTIN-13 body with its check digit, as GTIN-14.
func demoGTIN(body string) string {
	d, _ := barcode.CheckDigit([]byte(body))
	return "0" + body + string(d)
}

type demoCarton struct {
	item int
	epc  [12]byte
}

// demoCartons are 18 tagged cartons, six of each item.
var demoCartons = func() []demoCarton {
	var out []demoCarton
	for i := range 18 {
		c := demoCarton{item: i % len(demoItems)}
		b, err := epc.SGTIN96FromGTIN(demoItems[c.item].gtin, 7, 1, uint64(1000+i))
		if err != nil {
			panic(fmt.Sprintf("demo carton %d: %v", i, err))
		}
		copy(c.epc[:], b)
		out = append(out, c)
	}
	return out
}()

func demoGatewayConfig(addr string) gateway.Config {
	var items []catalog.Item
	for _, it := range demoItems {
		items = append(items, catalog.Item{SKU: it.sku, GTINs: []string{it.gtin}, UnitCost: it.cost})
	}
	loc := func(name string, port uint16) rfid.Location {
		return rfid.Location{Name: name, Antennas: []rfid.Antenna{{Reader: "demo-r700", Port: port}}}
	}
	return gateway.Config{Site: demoSite, Gateway: "gw-demo",
		Catalog: catalog.Config{Items: items},
		Readers: []gateway.ReaderConfig{{Name: "demo-r700", Address: addr}},
		RFID: rfid.Config{DepartedAfter: 20 * time.Second, Zones: []rfid.Zone{
			{Name: "dock", Role: rfid.ReceivePortal, Locations: []rfid.Location{loc("DOCK-1", antDock)}},
			{Name: "shelves", Role: rfid.Storage, Locations: []rfid.Location{loc("SHELF-A", antShelf), loc("SHELF-B", antShelf+1)}},
			{Name: "outbound", Role: rfid.ShipPortal, Locations: []rfid.Location{loc("DOOR-9", antShip)}},
		}},
		HTTP: gateway.HTTPConfig{Listen: "off"},
	}
}

// choreography walks cartons through the warehouse, one step per tick: out of the field, dock, a shelf, the shipping door, gone.
type choreography struct {
	r     *llrptest.Reader
	g     *gateway.Gateway
	stage []int // per carton: 0 parked, 1 dock, 2 shelf, 3 door
	next  int
	order int
}

func newChoreography(r *llrptest.Reader, g *gateway.Gateway) *choreography {
	return &choreography{r: r, g: g, stage: make([]int, len(demoCartons))}
}

func (c *choreography) step() {
	i := c.next % len(c.stage)
	c.next += 7 // a stride coprime with 18 visits every carton
	switch c.stage[i] {
	case 0:
		c.r.MoveTag(i, antDock)
	case 1:
		c.r.MoveTag(i, uint16(antShelf+i%2))
	case 2:
		c.order++
		c.g.SetOrder("outbound", fmt.Sprintf("SHOP-%04d", 1000+c.order))
		c.r.MoveTag(i, antShip)
	case 3:
		c.r.MoveTag(i, 0)
	}
	c.stage[i] = (c.stage[i] + 1) % 4 // a shipped carton comes back in a later delivery
}
