package tagflow_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
)

// The child receives a pallet of tags through a dock door into the
// ledger at the path it is given, printing each receipt, until killed.
const crashEnv = "EDGED_TAGFLOW_CRASH_CHILD"

func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("runs only as the child of TestKilledMidReceiptCountsNoTagTwice")
	}
	l, err := ledger.Open(path, nil)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	fmt.Println("open")
	h := newHarness(t, l)
	h.now = time.Now() // each run is a new arrival, as after a real restart
	h.read("dock", 1, 3, tags(t, 300)...)
	fmt.Println("done")
	l.Close()
}

func TestKilledMidReceiptCountsNoTagTwice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	r := rand.New(rand.NewPCG(3, 3))
	rounds := 30
	if testing.Short() {
		rounds = 5
	}
	for range rounds {
		runChild(t, path, time.Duration(r.IntN(200))*time.Millisecond)
	}
	runChild(t, path, time.Hour) // a last run to completion
	l, err := ledger.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := l.Verify(); err != nil {
		t.Fatal(err)
	}
	receipts := map[string]int{}
	l.Log(ledger.LogFilter{Types: []ledger.Type{ledger.Receive}}, func(e *ledger.Event) error {
		receipts[e.EPC]++
		return nil
	})
	for epc, n := range receipts {
		if n != 1 {
			t.Fatalf("tag %s received %d times", epc, n)
		}
	}
	if len(receipts) != 300 || onHand(t, l, "DOOR-1") != 300 {
		t.Fatalf("%d tags received, %d on hand; want 300", len(receipts), onHand(t, l, "DOOR-1"))
	}
}

func runChild(t *testing.T, path string, after time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killer := time.AfterFunc(time.Minute, func() { cmd.Process.Signal(syscall.SIGKILL) })
	defer killer.Stop()
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		switch line := sc.Text(); {
		case line == "open":
			killer.Reset(after) // kill while the pallet is being received
		case len(line) > 5 && line[:5] == "error":
			t.Fatalf("child: %s", line)
		}
	}
	cmd.Wait()
}
