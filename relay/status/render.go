package status

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"text/tabwriter"
	"time"

	"github.com/edged/edged/relay/intake"
)

// WriteText prints a snapshot for `relay status`.
func WriteText(w io.Writer, s Snapshot) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CHANNEL\tLAST PUSH\tLAG\tMAX LAG\tPUSHED\tFAILED\tPENDING\tERRORS")
	for _, c := range s.Channels {
		fmt.Fprintf(tw, "%s\t%s\t%v\t%v\t%d\t%d\t%d\t%s\n", c.Channel, ago(s.At, c.LastPush), c.LastLag.Round(time.Millisecond),
			c.MaxLag.Round(time.Millisecond), c.Pushed, c.Failed, c.Pending, errorsOf(c.LastError, c.Permanent))
	}
	fmt.Fprintln(tw, "\nGATEWAY\tLAST SEQ\tGAPS")
	for _, g := range s.Gateways {
		fmt.Fprintf(tw, "%s\t%d\t%d\n", g.ID, g.LastSeq, g.Gaps)
	}
	if len(s.Locks) > 0 {
		fmt.Fprintln(tw, "\nLOCKED BY\tSKU\tUNITS")
		for _, l := range s.Locks {
			fmt.Fprintf(tw, "%s\t%s\t%d\n", l.Channel, l.SKU, l.Qty)
		}
	}
	writeBroker(tw, s.Broker)
	writeFleet(tw, s)
	writeConnections(tw, s)
	writeDrift(tw, s.Drift)
	writePresence(tw, s)
	fmt.Fprintln(tw, "\nCOUNTER\tN")
	for _, c := range counterRows(s.Counters, s.PendingFetches) {
		fmt.Fprintf(tw, "%s\t%d\n", c.Name, c.N)
	}
	return tw.Flush()
}

func writeBroker(w io.Writer, b *intake.BrokerState) {
	if b == nil {
		return
	}
	state := "connected"
	switch {
	case !b.Connected:
		state = "LOST"
	case !b.Subscribed:
		state = "connected, deltas NOT subscribed"
	case !b.Online:
		state = "connected, announced offline"
	}
	fmt.Fprintf(w, "\nbroker %s since %s, %d reconnects", state, b.Since.Format(time.RFC3339), b.Reconnects)
	if b.LastError != "" {
		fmt.Fprintf(w, "; last error %s: %s", b.LastErrorAt.Format(time.RFC3339), b.LastError)
	}
	fmt.Fprintln(w)
}

func writeFleet(w io.Writer, s Snapshot) {
	f := s.Fleet
	if f.Store.Kind == "" {
		return
	}
	health := "ok"
	if !f.Store.OK {
		health = "FAILING: " + f.Store.Error
	}
	fmt.Fprintf(w, "\nstore %s %s: %s (probe %v, copy at version %d)\n", f.Store.Kind, f.Store.Name, health,
		f.Store.Latency.Round(time.Microsecond), f.Store.Version)
	if len(f.Instances) > 0 {
		fmt.Fprintln(w, "\nINSTANCE\tVERSION\tHOST\tSTARTED\tHEARTBEAT")
		for _, in := range f.Instances {
			self := ""
			if in.ID == f.Self {
				self = " (this one)"
			}
			fmt.Fprintf(w, "%s%s\t%s\t%s\t%s\t%v ago\n", in.ID, self, in.Version, in.Host,
				in.Started.Format(time.RFC3339), in.Age.Round(time.Millisecond))
		}
	}
	if len(f.Leases) > 0 {
		fmt.Fprintln(w, "\nCHANNEL\tPUSHED BY\tEPOCH\tLEASE")
		for _, l := range f.Leases {
			fmt.Fprintf(w, "%s\t%s\t%d\t%s\n", l.Channel, l.Owner, l.Epoch, leaseLeft(l.Remaining))
		}
	}
}

func leaseLeft(d time.Duration) string {
	if d <= 0 {
		return "expired " + (-d).Round(time.Millisecond).String() + " ago"
	}
	return d.Round(time.Millisecond).String() + " left"
}

func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return now.Sub(t).Round(time.Millisecond).String() + " ago"
}

func errorsOf(last string, perm map[string]string) string {
	switch {
	case len(perm) > 0:
		return fmt.Sprintf("%d permanent (%s)", len(perm), last)
	case last != "":
		return last
	}
	return "-"
}

var page = template.Must(template.New("status").Funcs(template.FuncMap{"expiry": expiry, "state": connectionState,
	"online": onlineWord, "dash": dash, "ago": ago, "backlog": backlog, "clock": clock, "counters": counterRows}).Parse(`<!doctype html>
<title>edged relay</title><meta http-equiv="refresh" content="2">
<h1>edged relay</h1><p>{{.At.Format "2006-01-02 15:04:05 MST"}}</p>
<table border="1" cellpadding="4"><tr><th>channel<th>last push<th>lag<th>max lag<th>pushed<th>failed<th>pending<th>last error<th>permanent</tr>
{{range .Channels}}<tr><td>{{.Channel}}<td>{{.LastPush.Format "15:04:05.000"}}<td>{{.LastLag}}<td>{{.MaxLag}}<td>{{.Pushed}}<td>{{.Failed}}<td>{{.Pending}}<td>{{.LastError}}<td>{{range $k, $v := .Permanent}}{{$k}}: {{$v}}<br>{{end}}</tr>
{{end}}</table>
{{with .Connections}}<h2>connections</h2><table border="1" cellpadding="4"><tr><th>channel<th>shop<th>scopes<th>access token<th>refresh token<th>state</tr>
{{range .}}{{if .Connected}}<tr><td>{{.Channel}}<td>{{.Shop}}<td>{{range .Scopes}}{{.}} {{end}}<td>{{expiry $.At .AccessExpires}}<td>{{expiry $.At .RefreshExpires}}<td>{{state .}}</tr>
{{else}}<tr><td>{{.Channel}}<td colspan="5">not connected: run <code>relay connect {{.Channel}}</code></tr>
{{end}}{{end}}</table>{{end}}
<h2>gateways</h2><table border="1" cellpadding="4"><tr><th>gateway<th>last seq<th>gaps</tr>
{{range .Gateways}}<tr><td>{{.ID}}<td>{{.LastSeq}}<td>{{.Gaps}}</tr>{{end}}</table>
<h2>campaign locks</h2><table border="1" cellpadding="4"><tr><th>locked by<th>sku<th>units</tr>
{{range .Locks}}<tr><td>{{.Channel}}<td>{{.SKU}}<td>{{.Qty}}</tr>{{end}}</table>
{{with .Broker}}<h2>broker</h2><p>{{if .Connected}}connected{{else}}LOST{{end}}{{if not .Subscribed}}, deltas not subscribed{{end}}{{if not .Online}}, announced offline{{end}} since {{.Since.Format "2006-01-02 15:04:05"}}, {{.Reconnects}} reconnects{{with .LastError}}; last error: {{.}}{{end}}</p>{{end}}
{{with .Fleet}}{{if .Store.Kind}}<h2>store</h2><p>{{.Store.Kind}} {{.Store.Name}}: {{if .Store.OK}}ok{{else}}FAILING: {{.Store.Error}}{{end}} (probe {{.Store.Latency}}, copy at version {{.Store.Version}})</p>
<h2>relay instances</h2><table border="1" cellpadding="4"><tr><th>instance<th>version<th>host<th>started<th>last heartbeat</tr>
{{range .Instances}}<tr><td>{{.ID}}<td>{{.Version}}<td>{{.Host}}<td>{{.Started.Format "2006-01-02 15:04:05"}}<td>{{.Age}} ago</tr>{{end}}</table>
<h2>channel owners</h2><table border="1" cellpadding="4"><tr><th>channel<th>pushed by<th>epoch<th>lease left</tr>
{{range .Leases}}<tr><td>{{.Channel}}<td>{{.Owner}}<td>{{.Epoch}}<td>{{.Remaining}}</tr>{{end}}</table>{{end}}{{end}}
{{with .Drift}}<h2>mapping drift</h2><p>checked {{.At.Format "2006-01-02 15:04:05"}} ({{.Took}}) on {{range .Channels}}{{.}} {{end}}: {{if .Drifted}}<b>{{.Added}} added, {{.Removed}} removed, {{.Changed}} changed</b>; run <code>relay mapping discover</code>{{else}}the mapping matches the listings{{end}}; {{.Unknown}} unknown, {{.Missing}} missing, {{.Duplicates}} duplicate, {{.Blank}} blank seller SKUs{{range .Errors}}<br>error: {{.}}{{end}}</p>{{end}}
{{with .Presence}}<h2>gateway presence</h2><table border="1" cellpadding="4"><tr><th>site<th>gateway<th>state<th>version<th>last seen<th>backlog<th>clock</tr>
{{range .}}<tr><td>{{.Site}}<td>{{.Gateway}}<td>{{online .Online}}<td>{{dash .Version}}<td>{{ago $.At .LastSeen}}<td>{{backlog .}}<td>{{clock .}}</tr>{{end}}</table>{{end}}
<h2>counters</h2><table border="1" cellpadding="4">{{range counters .Counters .PendingFetches}}<tr><th scope="row">{{.Name}}<td>{{.N}}</tr>{{end}}</table>
`))

// Handler serves the status page; ?format=json gives the snapshot as JSON.
// Serve it on localhost only: it shows shop listing ids and errors.
func Handler(snapshot func() Snapshot) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := snapshot()
		if r.URL.Query().Get("format") == "json" {
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(s)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := page.Execute(w, s); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
}
