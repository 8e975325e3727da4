package rfid_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/edged/edged/device/rfid"
)

var update = flag.Bool("update", false, "rewrite the golden files of the trace tests")

const traceDir = "../../testdata/rfid"

// TestTraces runs every testdata/rfid/*.txt trace and compares the events,
// cycle reports and counters with the .golden file next to it.
func TestTraces(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(traceDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no traces in %s: %v", traceDir, err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			tr, err := parseTrace(data)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			got := runTrace(tr)
			golden := strings.TrimSuffix(file, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n--- got\n%s--- want\n%s", name, golden, got, want)
			}
		})
	}
}

// runTrace replays a trace on a fresh Inventory and prints what it emits.
func runTrace(tr *trace) string {
	var out strings.Builder
	inv, err := rfid.New(tr.cfg, nil)
	if err != nil {
		fmt.Fprintf(&out, "config refused:\n%v\n", err)
		return out.String()
	}
	sort.SliceStable(tr.ops, func(i, j int) bool { return tr.ops[i].at < tr.ops[j].at })
	var evs []rfid.Event
	for _, o := range tr.ops {
		evs = runOp(&out, inv, o, evs[:0])
		for _, ev := range evs {
			writeEvent(&out, ev)
		}
	}
	fmt.Fprintf(&out, "counters: %+v\n", inv.Counters())
	return out.String()
}

func runOp(out *strings.Builder, inv *rfid.Inventory, o op, evs []rfid.Event) []rfid.Event {
	at := traceEpoch.Add(o.at)
	var err error
	switch o.verb {
	case "read":
		r := o.read
		r.Seen = at
		if o.seen != nil {
			r.Seen = traceEpoch.Add(*o.seen)
		}
		if ev, ok := inv.Observe(r); ok {
			evs = append(evs, ev)
		}
	case "tick":
		evs = inv.Tick(at, evs)
	case "gpi":
		err = inv.SetTrigger(o.arg, o.open)
	case "seed":
		err = inv.Seed(o.read.EPC, o.arg, at)
	case "cycle":
		var rep rfid.CycleReport
		if rep, err = inv.EndCycle(o.arg, at); err == nil {
			writeCycle(out, rep)
		}
	}
	if err != nil {
		fmt.Fprintf(out, "%s line %d: error: %v\n", offset(at), o.line, err)
	}
	return evs
}

func offset(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return "+" + t.Sub(traceEpoch).String()
}

func place(p rfid.Place) string {
	if p.Location == "" {
		return "-"
	}
	return fmt.Sprintf("%s[%s/%s]", p.Location, p.Zone, p.Role)
}

func writeEvent(out *strings.Builder, ev rfid.Event) {
	id, err := ev.EPC.Identity()
	uri := id.URI()
	if err != nil {
		uri = "malformed"
	}
	fmt.Fprintf(out, "%s %s %s %s: %s -> %s (last seen %s)\n", offset(ev.At), ev.Kind, ev.EPC, uri,
		place(ev.From), place(ev.To), offset(ev.LastSeen))
}

func writeCycle(out *strings.Builder, rep rfid.CycleReport) {
	fmt.Fprintf(out, "%s cycle %s/%s from %s:", offset(rep.End), rep.Zone, rep.Role, offset(rep.Start))
	for _, set := range []struct {
		name string
		tags []rfid.CycleTag
	}{{"current", rep.Current}, {"additions", rep.Additions}, {"deletions", rep.Deletions}} {
		fmt.Fprintf(out, " %s=[", set.name)
		for i, ct := range set.tags {
			if i > 0 {
				out.WriteByte(' ')
			}
			fmt.Fprintf(out, "%s@%s", ct.EPC, ct.Location)
		}
		out.WriteByte(']')
	}
	out.WriteByte('\n')
}
