package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/edged/edged/device/llrp/llrptest"
	"github.com/edged/edged/internal/mosquittotest"
	"github.com/edged/edged/ledger"
)

// doctorSetup writes a configuration naming a fake reader, a scanner on
// a pseudo-terminal, a real broker and an existing ledger. (Whether the
// scanner shows as held by this test process depends on /proc access;
// device/scanner/serialport tests the holder lookup itself.)
func doctorSetup(t *testing.T, readerAddr string) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "ledger.db")
	l, err := ledger.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	l.Append(context.Background(), ledger.Event{ID: "r1", Type: ledger.Receive, SKU: "S", Location: "A", Qty: 1, UnitCost: ledger.Cost(1)})
	l.Close()
	master, slave, err := pty.Open()
	if err != nil {
		t.Skip(err)
	}
	t.Cleanup(func() { slave.Close(); master.Close() }) // also keeps master from the collector
	broker := mosquittotest.Start(t, mosquittotest.Options{})
	cfg := fmt.Sprintf(`site: wh1
gateway: gw-1
ledger: {db: %s}
readers: [{name: dock, address: %q}]
rfid: {zones: [{name: dock, role: receive_portal, locations: [{name: D1, antennas: [{reader: dock, port: 1}]}]}]}
scanners: [{id: s1, path: %q}]
mqtt: {broker: %q}
`, db, readerAddr, slave.Name(), broker.URL())
	path := filepath.Join(dir, "edged.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDoctorChecksTheInstallation(t *testing.T) {
	_, addr := llrptest.Start(t, llrptest.Options{})
	path := doctorSetup(t, addr)
	var out strings.Builder
	code := run([]string{"doctor", "--config", path}, strings.NewReader(""), &out, &out)
	for _, want := range []string{"config   OK", "ledger   OK", "1 events verified", "disk     OK",
		"reader dock  OK", "(Impinj)", "scanner s1", "/dev/pts/", "broker   WARN", "without TLS"} {
		if !strings.Contains(strings.Join(strings.Fields(out.String()), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("doctor output lacks %q:\n%s", want, out.String())
		}
	}
	if code != 0 {
		t.Fatalf("exit %d with no FAIL:\n%s", code, out.String())
	}
}

func TestDoctorFailsOnAnUnreachableReader(t *testing.T) {
	path := doctorSetup(t, "127.0.0.1:1")
	var out strings.Builder
	if code := run([]string{"doctor", "--config", path}, strings.NewReader(""), &out, &out); code != 1 ||
		!strings.Contains(out.String(), "cannot reach 127.0.0.1:1") {
		t.Fatalf("exit %d:\n%s", code, out.String())
	}
}
