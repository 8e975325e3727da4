package rfid_test

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/rfid"
)

// A trace is a scripted test: configuration lines, then timed operations
// (times are offsets from traceEpoch):
//
//	set KEY VALUE                      Config field (see setConfig)
//	zone NAME ROLE [gated] [departed_after=D]
//	location NAME ZONE READER/PORT...
//	T read READER/PORT EPC [RSSI_dBm] [xCOUNT] [seen=T0]
//	T1..T2/STEP read ...               one read every STEP from T1 to T2
//	T tick | T gpi ZONE open|close | T cycle ZONE
//	T seed EPC LOCATION
//
// EPC is hex, sgtin96:CP.REF.SERIAL or sscc96:CP.SERIALREF. Operations
// run in time order (stable, so file order breaks ties); a read's Seen is
// its T unless seen=T0 stamps it otherwise (a reader clock going back).
type trace struct {
	cfg rfid.Config
	ops []op
}

type op struct {
	at   time.Duration
	verb string // read, tick, gpi, cycle, seed
	read device.TagRead
	arg  string // zone or location
	seen *time.Duration
	open bool
	line int
}

var traceEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// maxTraceOps bounds range expansion so a hostile trace cannot exhaust
// memory.
const maxTraceOps = 1 << 20

func parseTrace(data []byte) (*trace, error) {
	tr := &trace{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if err := tr.parseLine(f, n); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
	}
	return tr, sc.Err()
}

func (tr *trace) parseLine(f []string, n int) error {
	switch f[0] {
	case "set":
		if len(f) != 3 {
			return fmt.Errorf("want: set KEY VALUE")
		}
		return setConfig(&tr.cfg, f[1], f[2])
	case "zone":
		return tr.parseZone(f)
	case "location":
		return tr.parseLocation(f)
	}
	if len(f) < 2 {
		return fmt.Errorf("want: TIME VERB ...")
	}
	times, err := parseTimes(f[0])
	if err != nil {
		return err
	}
	o, err := parseOp(f[1:], n)
	if err != nil {
		return err
	}
	if len(tr.ops)+len(times) > maxTraceOps {
		return fmt.Errorf("more than %d operations", maxTraceOps)
	}
	for _, t := range times {
		o.at = t
		tr.ops = append(tr.ops, o)
	}
	return nil
}

func parseOp(f []string, n int) (op, error) {
	o := op{verb: f[0], line: n}
	switch {
	case o.verb == "tick" && len(f) == 1:
	case o.verb == "cycle" && len(f) == 2:
		o.arg = f[1]
	case o.verb == "gpi" && len(f) == 3 && (f[2] == "open" || f[2] == "close"):
		o.arg, o.open = f[1], f[2] == "open"
	case o.verb == "seed" && len(f) == 3:
		b, err := parseEPC(f[1])
		o.read.EPC, o.arg = b, f[2]
		return o, err
	case o.verb == "read" && len(f) >= 3 && len(f) <= 6:
		return parseReadOp(o, f[1:])
	default:
		return o, fmt.Errorf("unknown or malformed operation %q", strings.Join(f, " "))
	}
	return o, nil
}
