package gateway

import (
	"encoding/json"
	"time"

	"github.com/edged/edged/device/rfid"
)

// aleReport is an ALE-style cycle report of one zone, as published on
// edged/v1/{site}/{gateway}/ale/{zone}: the tags present at the end of
// the cycle, and those that came and went during it.
type aleReport struct {
	Zone      string    `json:"zone"`
	Role      string    `json:"role"`
	Start     time.Time `json:"start,omitzero"`
	End       time.Time `json:"end"`
	Current   []aleTag  `json:"current"`
	Additions []aleTag  `json:"additions"`
	Deletions []aleTag  `json:"deletions"`
}

type aleTag struct {
	EPC      string `json:"epc"`
	Location string `json:"location"`
}

func aleTags(tags []rfid.CycleTag) []aleTag {
	out := make([]aleTag, 0, len(tags))
	for _, t := range tags {
		out = append(out, aleTag{EPC: t.EPC.String(), Location: t.Location})
	}
	return out
}

// publishCycle sends a zone's cycle report through the uplink, when the
// configuration asks for them and a broker is configured.
func (g *Gateway) publishCycle(rep rfid.CycleReport) {
	if g.uplink == nil || !g.config().ALEReports {
		return
	}
	body, err := json.Marshal(aleReport{Zone: rep.Zone, Role: string(rep.Role), Start: rep.Start, End: rep.End,
		Current: aleTags(rep.Current), Additions: aleTags(rep.Additions), Deletions: aleTags(rep.Deletions)})
	if err == nil {
		err = g.uplink.Publish("ale/"+rep.Zone, body)
	}
	if err != nil {
		g.log.Warn("cycle report not published", "zone", rep.Zone, "err", err)
	}
}
