package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/edged/edged/device/llrp"
	"github.com/edged/edged/device/scanner/serialport"
	"github.com/edged/edged/gateway"
	"github.com/edged/edged/ledger"
)

// check is one line of `edged doctor`.
type check struct {
	Name   string `json:"check"`
	Status string `json:"status"` // OK, WARN or FAIL
	Detail string `json:"detail"`
	Fix    string `json:"fix,omitempty"`
}

func ok(name, detail string) check { return check{name, "OK", detail, ""} }
func fail(name, detail, fix string) check {
	return check{name, "FAIL", detail, fix}
}
func warn(name, detail, fix string) check { return check{name, "WARN", detail, fix} }

// runChecks examines the installation the configuration at path
// describes; it never changes anything.
func runChecks(ctx context.Context, path, root string) []check {
	cfg, err := loadConfig(path)
	if err == nil {
		cfg, err = gateway.CheckConfig(cfg)
	}
	if err != nil {
		return []check{fail("config", fmt.Sprintf("%s: %v", path, err), "fix the lines named; `edged config check` repeats this")}
	}
	out := []check{ok("config", fmt.Sprintf("%s: site %s, gateway %s", path, cfg.Site, cfg.Gateway))}
	out = append(out, checkLedger(cfg.Ledger.DB), checkDisk(cfg.Ledger.DB), checkClock())
	for _, r := range cfg.Readers {
		out = append(out, checkReader(ctx, r))
	}
	for _, s := range cfg.Scanners {
		out = append(out, checkScanner(root, s.ID, s.Path))
	}
	if cfg.MQTT.Broker != "" {
		out = append(out, checkBroker(ctx, cfg.MQTT))
	}
	return out
}

func checkLedger(path string) check {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return warn("ledger", path+" does not exist yet", "it is created at the first start; check ledger.db and that the directory is writable by edged")
	}
	l, err := ledger.Open(path, &ledger.Options{ReadOnly: true, LockTimeout: 500 * time.Millisecond})
	if err != nil {
		return fail("ledger", err.Error(), "restore the file from a backup, or move it away to start a new ledger")
	}
	defer l.Close()
	r, err := l.Verify()
	if err != nil {
		return fail("ledger", err.Error(), "stop edged and run `edged ledger verify`; restore from a backup if it fails")
	}
	return ok("ledger", fmt.Sprintf("%s: %d events verified, %d pending uplink", path, r.Events, r.Head-r.Acked))
}

func checkDisk(ledgerPath string) check {
	free := diskFree(ledgerPath)()
	switch {
	case free < 0:
		return warn("disk", "cannot read the free space of "+filepath.Dir(ledgerPath), "create the directory (edged's StateDirectory does)")
	case free < 100<<20:
		return fail("disk", fmt.Sprintf("%d MiB free beside the ledger", free>>20), "free space: the ledger stops recording when the card is full")
	}
	return ok("disk", fmt.Sprintf("%d MiB free beside the ledger", free>>20))
}

func checkClock() check {
	if clockSynced() {
		return ok("clock", "synchronised")
	}
	return warn("clock", "not synchronised: events are recorded with clock_synced false",
		"enable NTP (systemd-timesyncd or chrony); a Pi without an RTC starts at the last saved time")
}

func checkReader(ctx context.Context, r gateway.ReaderConfig) check {
	name := "reader " + r.Name
	addr := gateway.ReaderAddress(r.Address)
	ctx, cancel := context.WithTimeout(ctx, 8*time.Second)
	defer cancel()
	conn, err := dialTCP(ctx, addr)
	if err != nil {
		return fail(name, fmt.Sprintf("cannot reach %s: %v", addr, err), "check the address, the network and that the reader is powered")
	}
	res, err := llrp.Probe(ctx, conn, 5*time.Second)
	if err != nil {
		return fail(name, fmt.Sprintf("%s: %v", addr, err), "only one LLRP client at a time: stop other software using the reader, or see `edged llrp probe`")
	}
	c := res.Capabilities
	return ok(name, fmt.Sprintf("%s: vendor %d%s, model %d, firmware %s, %d antennas, LLRP %s", addr,
		c.Manufacturer, vendorName(c.Manufacturer), c.Model, c.Firmware, c.Antennas, versionName(c.Version)))
}

func checkScanner(root, id, path string) check {
	name := "scanner " + id
	full := filepath.Join(root, path)
	if _, err := os.Stat(full); err != nil {
		return fail(name, fmt.Sprintf("%s: %v", path, err), "plug the scanner in, or correct its path (`edged doctor` lists what is connected)")
	}
	for _, h := range serialport.Holders(filepath.Join(root, "proc"), path) {
		return warn(name, fmt.Sprintf("%s is open in %v", path, h), "stop the other program, unless it is edged itself")
	}
	return ok(name, path+" present")
}

func checkBroker(ctx context.Context, m gateway.MQTTConfig) check {
	u, err := url.Parse(m.Broker)
	if err != nil {
		return fail("broker", err.Error(), "set mqtt.broker to tcp://host:1883 or ssl://host:8883")
	}
	ctx, cancel := context.WithTimeout(ctx, 8*time.Second)
	defer cancel()
	conn, err := dialTCP(ctx, u.Host)
	if err != nil {
		return fail("broker", fmt.Sprintf("cannot reach %s: %v", u.Host, err), "check mqtt.broker, DNS and the firewall")
	}
	defer conn.Close()
	if u.Scheme != "ssl" && u.Scheme != "tls" && u.Scheme != "mqtts" {
		return warn("broker", u.Host+" reachable, without TLS", "use ssl:// with mutual TLS in production (docs/protocol.md)")
	}
	cfg, err := readTLS(m.TLS)
	if err != nil {
		return fail("broker", err.Error(), "check the mqtt.tls files")
	}
	if cfg == nil {
		cfg = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	if cfg.ServerName == "" {
		cfg.ServerName = u.Hostname()
	}
	if err := tls.Client(conn, cfg).HandshakeContext(ctx); err != nil {
		return fail("broker", fmt.Sprintf("TLS with %s: %v", u.Host, err), "check the CA, the certificate's CN (= gateway id) and the broker's name")
	}
	return ok("broker", u.Host+" reachable, TLS handshake OK")
}

func printChecks(w io.Writer, checks []check) (failed bool) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CHECK\tSTATUS\tDETAIL\tFIX")
	for _, c := range checks {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.Name, c.Status, c.Detail, c.Fix)
		failed = failed || c.Status == "FAIL"
	}
	tw.Flush()
	return failed
}
