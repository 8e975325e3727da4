package ledger_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/edged/edged/ledger"
)

// The crash test runs this test binary as a child that appends events
// from several goroutines and prints each acknowledgement, and kills it
// with SIGKILL at a random moment. Every acknowledged event must then be
// present exactly once, under the seq it was acknowledged with.
//
// Each event receives one tagged item. The child starts a little before
// where the last round stopped: half of those events are re-sent with
// their id (a retry: must be a duplicate), half with a new id, as an RFID
// pipeline that restarted and saw the tag arrive again would do (must be
// refused as already on hand). No tag may ever be received twice.
const crashEnv = "EDGED_LEDGER_CRASH_CHILD"

func crashEvent(i, start int, resend bool) ledger.Event {
	id := fmt.Sprint("e", i)
	if resend && i%2 == 1 {
		id = fmt.Sprintf("e%d-again-%d", i, start)
	}
	e := receive(id, fmt.Sprint("SKU-", i%7), fmt.Sprint("L", i%3), 1, int64(100+i%5))
	e.Time, e.EPC = t0.Add(time.Duration(i)*time.Second), fmt.Sprintf("EPC%06d", i)
	return e
}

func TestCrashChild(t *testing.T) {
	spec := os.Getenv(crashEnv)
	if spec == "" {
		t.Skip("runs only as the child of TestCrashKeepsEveryAcknowledgedEvent")
	}
	var path string
	var start, resendUpTo int
	fmt.Sscanf(spec, "%d %d %s", &start, &resendUpTo, &path)
	l, err := ledger.Open(path, nil)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := start + w; ; i += 8 {
				e := crashEvent(i, start, i < resendUpTo)
				r, err := l.Append(context.Background(), e)
				mu.Lock()
				switch {
				case errors.Is(err, ledger.ErrSerialOnHand):
					fmt.Println("onhand", i)
				case err != nil:
					fmt.Println("error", err)
					os.Exit(3)
				default:
					fmt.Println("ack", i, e.ID, r.Seq)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
}

func crashRounds(t *testing.T) int {
	if s := os.Getenv("EDGED_CRASH_ROUNDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("EDGED_CRASH_ROUNDS=%q: %v", s, err)
		}
		return n
	}
	if testing.Short() {
		return 20
	}
	return 200
}

func TestCrashKeepsEveryAcknowledgedEvent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	acked := map[int]ack{} // event index -> acknowledged id and seq
	r := rand.New(rand.NewPCG(7, 7))
	next, rounds := 0, crashRounds(t)
	for round := range rounds {
		start := max(0, next-24)
		got := runCrashChild(t, path, start, next, time.Duration(2+r.IntN(40))*time.Millisecond)
		for i, a := range got {
			if prev, ok := acked[i]; ok && prev != a {
				t.Fatalf("round %d: tag of event %d acknowledged as %+v, earlier as %+v: received twice", round, i, a, prev)
			}
			acked[i] = a
			next = max(next, i+1)
		}
		checkAfterCrash(t, path, acked)
	}
	t.Logf("%d rounds, %d acknowledged events, all present once", rounds, len(acked))
}

type ack struct {
	id  string
	seq uint64
}

func runCrashChild(t *testing.T, path string, start, resendUpTo int, after time.Duration) map[int]ack {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d %d %s", crashEnv, start, resendUpTo, path))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	got := map[int]ack{}
	sc := bufio.NewScanner(out)
	killer := time.AfterFunc(time.Minute, func() { cmd.Process.Signal(syscall.SIGKILL) })
	for n := 0; sc.Scan(); n++ {
		if n == 0 {
			killer.Reset(after) // kill at a random moment once writing is under way
		}
		var i int
		var a ack
		if k, _ := fmt.Sscanf(sc.Text(), "onhand %d", &i); k == 1 {
			continue // the tag was recorded in an earlier round: refused, as it must be
		}
		if k, _ := fmt.Sscanf(sc.Text(), "ack %d %s %d", &i, &a.id, &a.seq); k != 3 {
			t.Fatalf("child: %s", sc.Text())
		}
		got[i] = a
	}
	cmd.Wait()
	return got
}

func checkAfterCrash(t *testing.T, path string, acked map[int]ack) {
	t.Helper()
	l, err := ledger.Open(path, nil)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer l.Close()
	rep, err := l.Verify()
	if err != nil {
		t.Fatalf("verify after kill: %v", err)
	}
	seen, tags := map[string]uint64{}, map[string]uint64{}
	l.Log(ledger.LogFilter{}, func(e *ledger.Event) error {
		if prev, dup := seen[e.ID]; dup {
			t.Fatalf("id %s recorded twice: seq %d and %d", e.ID, prev, e.Seq)
		}
		if prev, dup := tags[e.EPC]; dup {
			t.Fatalf("tag %s received twice: seq %d and %d", e.EPC, prev, e.Seq)
		}
		seen[e.ID], tags[e.EPC] = e.Seq, e.Seq
		return nil
	})
	for i, a := range acked {
		if seen[a.id] != a.seq {
			t.Fatalf("acknowledged event %d (%+v) is missing or moved (found seq %d); %d events in log",
				i, a, seen[a.id], rep.Events)
		}
	}
}
