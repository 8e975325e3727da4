package ledger_test

import (
	"bufio"
	"context"
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
const crashEnv = "EDGED_LEDGER_CRASH_CHILD"

func crashEvent(i int) ledger.Event {
	e := receive(fmt.Sprint("e", i), fmt.Sprint("SKU-", i%7), fmt.Sprint("L", i%3), 1, int64(100+i%5))
	e.Time = t0.Add(time.Duration(i) * time.Second)
	return e
}

func TestCrashChild(t *testing.T) {
	spec := os.Getenv(crashEnv)
	if spec == "" {
		t.Skip("runs only as the child of TestCrashKeepsEveryAcknowledgedEvent")
	}
	var path string
	var start int
	fmt.Sscanf(spec, "%d %s", &start, &path)
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
				r, err := l.Append(context.Background(), crashEvent(i))
				mu.Lock()
				if err != nil {
					fmt.Println("error", err)
					os.Exit(3)
				}
				fmt.Println("ack", i, r.Seq)
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
	acked := map[int]uint64{} // event index -> acknowledged seq
	r := rand.New(rand.NewPCG(7, 7))
	next, rounds := 0, crashRounds(t)
	for round := range rounds {
		start := max(0, next-24) // re-send recent events: they must come back as duplicates
		got := runCrashChild(t, path, start, time.Duration(2+r.IntN(40))*time.Millisecond)
		for i, seq := range got {
			if prev, ok := acked[i]; ok && prev != seq {
				t.Fatalf("round %d: event %d acknowledged as seq %d, earlier as %d", round, i, seq, prev)
			}
			acked[i] = seq
			next = max(next, i+1)
		}
		checkAfterCrash(t, path, acked)
	}
	t.Logf("%d rounds, %d acknowledged events, all present once", rounds, len(acked))
}

func runCrashChild(t *testing.T, path string, start int, after time.Duration) map[int]uint64 {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d %s", crashEnv, start, path))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	got := map[int]uint64{}
	sc := bufio.NewScanner(out)
	killer := time.AfterFunc(time.Minute, func() { cmd.Process.Signal(syscall.SIGKILL) })
	for sc.Scan() {
		var i int
		var seq uint64
		if n, _ := fmt.Sscanf(sc.Text(), "ack %d %d", &i, &seq); n != 2 {
			t.Fatalf("child: %s", sc.Text())
		}
		if len(got) == 0 {
			killer.Reset(after) // kill at a random moment once writing is under way
		}
		got[i] = seq
	}
	cmd.Wait()
	return got
}

func checkAfterCrash(t *testing.T, path string, acked map[int]uint64) {
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
	seen := map[string]uint64{}
	l.Log(ledger.LogFilter{}, func(e *ledger.Event) error {
		if prev, dup := seen[e.ID]; dup {
			t.Fatalf("id %s recorded twice: seq %d and %d", e.ID, prev, e.Seq)
		}
		seen[e.ID] = e.Seq
		return nil
	})
	for i, seq := range acked {
		if seen[fmt.Sprint("e", i)] != seq {
			t.Fatalf("acknowledged event %d (seq %d) is missing or moved (found seq %d); %d events in log",
				i, seq, seen[fmt.Sprint("e", i)], rep.Events)
		}
	}
}
