package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/edged/edged/gateway"
	"github.com/edged/edged/ledger"
)

// `edged report` without a name lists the reports.
func TestReportWithoutANameListsThem(t *testing.T) {
	var out bytes.Buffer
	if c := run([]string{"report"}, strings.NewReader(""), &out, &out); c != 1 ||
		!strings.Contains(out.String(), "give one report name: ") || !strings.Contains(out.String(), "sell-through") {
		t.Errorf("exit %d: %s", c, out.String())
	}
}

// print-commands --help shows the quantities' default once.
func TestPrintCommandsHelpShowsOneDefault(t *testing.T) {
	var out bytes.Buffer
	run([]string{"print-commands", "--help"}, strings.NewReader(""), &out, &out)
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.Contains(l, "--quantity ") && (strings.Count(l, "default") != 1 || !strings.Contains(l, "[1,2,3,5,6,10,12,24,50,100]")) {
			t.Errorf("help line %q", l)
		}
	}
}

// The status line never shows "(oldest (open))".
func TestStatusPendingLine(t *testing.T) {
	for _, c := range []struct {
		l    ledger.Status
		want string
	}{
		{ledger.Status{Head: 5, Acked: 5}, "nothing pending"},
		{ledger.Status{Head: 7, Acked: 5, Pending: 2}, "2 pending,"},
		{ledger.Status{Head: 7, Acked: 5, Pending: 2, Oldest: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)}, "2 pending (oldest 2026-12-03T09:00:00Z)"},
	} {
		var out bytes.Buffer
		cmd := &cobra.Command{}
		cmd.SetOut(&out)
		printStatus(cmd, gateway.Health{Ledger: c.l})
		if !strings.Contains(out.String(), c.want) || strings.Contains(out.String(), "(open)") {
			t.Errorf("%+v: %s", c.l, out.String())
		}
	}
}

// `edged status` exits 1 and says why when the daemon is degraded.
func TestStatusExitsOneWhenDegraded(t *testing.T) {
	for _, c := range []struct {
		degraded []string
		code     int
	}{{nil, 0}, {[]string{"reader dock is connecting for 2m0s: connection refused"}, 1}} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			json.NewEncoder(w).Encode(gateway.Health{Site: "wh1", Degraded: c.degraded})
		}))
		var out bytes.Buffer
		code := run([]string{"status", "--addr", strings.TrimPrefix(srv.URL, "http://")}, strings.NewReader(""), &out, &out)
		srv.Close()
		if code != c.code || (c.code == 1) != strings.Contains(out.String(), "DEGRADED: reader dock is connecting") {
			t.Errorf("degraded %v: exit %d:\n%s", c.degraded, code, out.String())
		}
	}
}
