package status

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/edged/edged/relay/connect"
)

// writeConnections lists each channel's stored authorisation and what
// needs doing about it.
func writeConnections(w io.Writer, s Snapshot) {
	if len(s.Connections) == 0 {
		return
	}
	fmt.Fprintln(w, "\nCONNECTION\tSHOP\tSCOPES\tACCESS TOKEN\tREFRESH TOKEN\tSTATE")
	for _, c := range s.Connections {
		if !c.Connected {
			fmt.Fprintf(w, "%s\t-\t-\t-\t-\tnot connected: run `relay connect %s`\n", c.Channel, c.Channel)
			continue
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Channel, c.Shop, orDash(strings.Join(c.Scopes, ",")),
			expiry(s.At, c.AccessExpires), expiry(s.At, c.RefreshExpires), connectionState(c))
	}
}

func expiry(now, t time.Time) string {
	if t.IsZero() {
		return "does not expire"
	}
	return connect.Expiry(t, now)
}

func connectionState(c connect.Status) string {
	switch {
	case c.LastError != "":
		return c.LastError
	case c.Warning != "":
		return c.Warning
	}
	return "ok"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
