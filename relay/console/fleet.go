package console

import (
	"net/http"
	"time"
)

// gatewaysData, channelsData and instancesData are the state pages.
type gatewaysData struct {
	Now      time.Time
	Gateways []Gateway
	Events   string
}

type channelsData struct {
	Now      time.Time
	Channels []Channel
	Events   string
}

type instancesData struct {
	Now       time.Time
	Instances []Instance
	Events    string
}

func (c *console) gatewaysPage(w http.ResponseWriter, r *http.Request) {
	c.render(w, r, http.StatusOK, "gateways", c.gatewaysData())
}

func (c *console) gatewaysData() gatewaysData {
	now := c.opt.Now()
	gws := c.opt.Source.Gateways()
	for i := range gws {
		gws[i].Online = gws[i].Online || (!gws[i].LastSeen.IsZero() && now.Sub(gws[i].LastSeen) < c.opt.OnlineWithin)
	}
	return gatewaysData{Now: now, Gateways: gws, Events: Prefix + "events?view=gateways"}
}

func (c *console) channelsPage(w http.ResponseWriter, r *http.Request) {
	c.render(w, r, http.StatusOK, "channels", c.channelsData())
}

func (c *console) channelsData() channelsData {
	return channelsData{Now: c.opt.Now(), Channels: c.opt.Source.Channels(), Events: Prefix + "events?view=channels"}
}

func (c *console) instancesPage(w http.ResponseWriter, r *http.Request) {
	c.render(w, r, http.StatusOK, "instances", c.instancesData())
}

func (c *console) instancesData() instancesData {
	return instancesData{Now: c.opt.Now(), Instances: c.opt.Source.Instances(), Events: Prefix + "events?view=instances"}
}
