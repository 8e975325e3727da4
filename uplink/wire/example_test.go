package wire_test

import (
	"fmt"
	"time"

	"github.com/edged/edged/uplink/wire"
)

// A gateway packs events; the relay decodes the batch, applies it and
// answers with a cumulative ack on the gateway's ack topic.
func Example() {
	h := wire.Header{Site: "wh1", Gateway: "gw-001", Epoch: "9f1c", Boot: "4be1", Session: 1, Head: 2}
	events := []wire.Event{
		{ID: "r1", Type: "receive", SKU: "SKU-1", Location: "A-01", Qty: 2, Seq: 1, Time: time.Unix(0, 0).UTC()},
		{ID: "s1", Type: "sale", SKU: "SKU-1", Location: "A-01", Qty: 1, Seq: 2, Time: time.Unix(1, 0).UTC()},
	}
	msg, n, _ := wire.Pack(h, events)
	fmt.Println("packed", n, "events for", wire.Topic(h.Site, h.Gateway, wire.KindDeltas))

	b, err := wire.DecodeBatch(msg)
	if err != nil {
		panic(err)
	}
	ack := wire.Encode(&wire.Ack{Epoch: b.Epoch, Upto: b.Last})
	fmt.Println(wire.Topic(b.Site, b.Gateway, wire.KindAck), string(ack))
	// Output:
	// packed 2 events for edged/v1/wh1/gw-001/deltas
	// edged/v1/wh1/gw-001/ack {"v":1,"epoch":"9f1c","upto":2}
}
