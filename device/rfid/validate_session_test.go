package rfid_test

import (
	"strings"
	"testing"

	"github.com/edged/edged/device/rfid"
)

// An unknown session is one problem, not also one per zone's departures.
func TestValidateReportsAnUnknownSessionOnce(t *testing.T) {
	c := rfid.Config{Session: "S9", Zones: []rfid.Zone{
		{Name: "dock", Locations: []rfid.Location{{Name: "D1", Antennas: []rfid.Antenna{{Reader: "r", Port: 1}}}}},
		{Name: "shelf", Locations: []rfid.Location{{Name: "S1", Antennas: []rfid.Antenna{{Reader: "r", Port: 2}}}}},
	}}
	err := c.Validate()
	if err == nil || strings.Count(err.Error(), "S9") != 1 || !strings.Contains(err.Error(), `session: must be S0, S1, S2 or S3, got "S9"`) {
		t.Fatalf("got %v", err)
	}
	c.Session = "S2" // known, but silent without dual_target: the zones' departures are refused
	if err := c.Validate(); err == nil || strings.Count(err.Error(), "].departed_after: ") != 2 {
		t.Fatalf("S2 without dual_target: %v", err)
	}
}
