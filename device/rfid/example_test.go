package rfid_test

import (
	"fmt"
	"time"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/epc"
	"github.com/edged/edged/device/rfid"
)

// A pallet pushed through a dock door: hundreds of reads, one Arrived,
// then one Departed once the door has not seen it for the threshold.
func Example() {
	inv, err := rfid.New(rfid.Config{
		DepartedAfter: 30 * time.Second,
		Zones: []rfid.Zone{{Name: "dock", Role: rfid.ReceivePortal, Locations: []rfid.Location{
			{Name: "door1", Antennas: []rfid.Antenna{{Reader: "dock-reader", Port: 1}, {Reader: "dock-reader", Port: 2}}},
		}}},
	}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	pallet, _ := epc.EncodeSSCC96(0, "0614141", "1234567890")
	t0 := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := range 300 {
		r := device.TagRead{Reader: "dock-reader", Antenna: uint16(i%2 + 1), EPC: pallet,
			RSSI: -5200, Count: 1, Seen: t0.Add(time.Duration(i) * 10 * time.Millisecond)}
		if ev, ok := inv.Observe(r); ok {
			id, _ := ev.EPC.Identity()
			fmt.Println(ev.Kind, id.URI(), "at", ev.To.Location, ev.To.Role)
		}
	}
	for _, ev := range inv.Tick(t0.Add(time.Minute), nil) {
		fmt.Println(ev.Kind, "from", ev.From.Location, "last seen", ev.LastSeen.Format(time.TimeOnly))
	}
	// Output:
	// Arrived urn:epc:id:sscc:0614141.1234567890 at door1 receive_portal
	// Departed from door1 last seen 08:00:02
}
