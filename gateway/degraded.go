package gateway

import (
	"fmt"
	"sort"
	"time"
)

// DefaultHealthGrace is how long a reader or the uplink may be down before
// the daemon reports itself degraded: a reader reconnecting after a
// network blip should not page anyone.
const DefaultHealthGrace = time.Minute

// downSince remembers when each part was first seen down, under Gateway.mu.
type downSince map[string]time.Time

// note records whether part is down at now and returns since when.
func (d downSince) note(part string, down bool, now time.Time) time.Time {
	if !down {
		delete(d, part)
		return time.Time{}
	}
	if t, ok := d[part]; ok {
		return t
	}
	d[part] = now
	return now
}

// degraded lists, from the health snapshot h taken at now, every
// configured reader not reading and the uplink not connected for longer
// than the grace period. It is not liveness (see alive): a daemon whose
// reader is unplugged keeps recording scans and must not be restarted by
// the watchdog, but /healthz and `edged status` must say it is degraded.
func (g *Gateway) degraded(h Health, now time.Time) []string {
	grace := g.config().HTTP.HealthGrace
	if grace <= 0 {
		grace = DefaultHealthGrace
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.down == nil {
		g.down = downSince{}
	}
	var out []string
	seen := map[string]bool{}
	for _, r := range h.Readers {
		part := "reader " + r.Name
		seen[part] = true
		if since := g.down.note(part, r.State != "reading", now); !since.IsZero() && now.Sub(since) > grace {
			out = append(out, fmt.Sprintf("%s is %s for %s%s", part, r.State, now.Sub(since).Round(time.Second), lastError(r.LastError)))
		}
	}
	if u := h.Uplink; u != nil {
		seen["uplink"] = true
		if since := g.down.note("uplink", !u.Link.Connected, now); !since.IsZero() && now.Sub(since) > grace {
			out = append(out, fmt.Sprintf("uplink to the broker is down for %s%s", now.Sub(since).Round(time.Second), lastError(u.Link.LastDisconnect)))
		}
	}
	for part := range g.down {
		if !seen[part] { // removed by a reload
			delete(g.down, part)
		}
	}
	sort.Strings(out)
	return out
}

func lastError(e string) string {
	if e == "" {
		return ""
	}
	return ": " + e
}
