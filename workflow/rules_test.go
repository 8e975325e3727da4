package workflow

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-viper/mapstructure/v2"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/scanner"
	"github.com/edged/edged/device/scanner/feedback"
	"github.com/edged/edged/ledger"
)

func TestFrozenLocationIsRejectedAndNothingPosted(t *testing.T) {
	r := newRig(t, testConfig(), feedback.BEL{})
	if _, err := r.led.StartCount(context.Background(), ledger.CountSession{ID: "C1", Locations: []string{"A-01-01"}}); err != nil {
		t.Fatal(err)
	}
	r.scan("CMD:RECEIVE", time.Second)
	r.scan("LOC:A-01-01", time.Second)
	r.fb.Reset()
	o := r.scan("]E05901234123457", time.Second)
	if !errors.Is(o.Err, ledger.ErrLocationFrozen) || r.fb.String() != "\a\a\a" {
		t.Fatalf("outcome %v %v feedback %q", o.Status, o.Err, r.fb.String())
	}
	if n := r.balance(t, "MUG-RED", "A-01-01"); n != 0 {
		t.Fatalf("balance %d after a rejected scan", n)
	}
}

func TestIdleResetForgetsTheStation(t *testing.T) {
	cfg := testConfig()
	cfg.IdleReset, cfg.DefaultMode = time.Minute, "pick"
	r := newRig(t, cfg, feedback.None{})
	r.scan("CMD:RECEIVE", time.Second)
	r.scan("LOC:A-01-01", time.Second)
	o := r.scan("]E05901234123457", 2*time.Minute)
	if !o.Reset || !errors.Is(o.Err, ErrNoLocation) || r.st.State().Mode != "pick" {
		t.Fatalf("after idle: reset %v err %v state %+v", o.Reset, o.Err, r.st.State())
	}
}

func TestCutFrameIsRejected(t *testing.T) {
	r := newRig(t, testConfig(), feedback.Datalogic{})
	f := scanner.Frame{Scan: device.Scan{Raw: []byte("]E0590"), At: t0}, Err: scanner.ErrIncomplete}
	o := r.st.Handle(context.Background(), f)
	if !errors.Is(o.Err, ErrBadScan) || !errors.Is(o.Err, scanner.ErrIncomplete) || r.fb.String() != "F" {
		t.Fatalf("%v %q", o.Err, r.fb.String())
	}
}

func TestRequireUser(t *testing.T) {
	cfg := testConfig()
	cfg.RequireUser = true
	r := newRig(t, cfg, feedback.None{})
	r.scan("CMD:RECEIVE", time.Second)
	r.scan("LOC:A-01-01", time.Second)
	if o := r.scan("]E05901234123457", time.Second); !errors.Is(o.Err, ErrNoUser) {
		t.Fatalf("err %v", o.Err)
	}
	r.scan("USR:BOB", time.Second)
	r.scan("CMD:LOGOUT", time.Second)
	if o := r.scan("]E05901234123457", time.Second); !errors.Is(o.Err, ErrNoUser) {
		t.Fatalf("after logout: %v", o.Err)
	}
}

// flakyRecorder fails the first append after recording it, like a
// ledger whose answer was lost.
type flakyRecorder struct {
	Recorder
	fail bool
}

func (f *flakyRecorder) Append(ctx context.Context, e ledger.Event) (ledger.Result, error) {
	res, err := f.Recorder.Append(ctx, e)
	if f.fail && err == nil {
		f.fail = false
		return ledger.Result{}, errors.New("i/o timeout")
	}
	return res, err
}

func TestRetryAfterLostAnswerIsADuplicate(t *testing.T) {
	r := newRig(t, testConfig(), feedback.Honeywell{})
	fr := &flakyRecorder{Recorder: r.led}
	r.st.rec = fr
	r.scan("CMD:RECEIVE", time.Second)
	r.scan("LOC:A-01-01", time.Second)
	fr.fail = true
	r.fb.Reset()
	if o := r.scan("]E05901234123457", time.Second); !errors.Is(o.Err, ErrRecord) || r.fb.String() != bad {
		t.Fatalf("first post: %v %q", o.Err, r.fb.String())
	}
	o, ok := r.st.Retry(context.Background())
	if !ok || o.Status != StatusDuplicate || o.Signal != feedback.Good {
		t.Fatalf("retry: %v %v %v", ok, o.Status, o.Err)
	}
	if n := r.balance(t, "MUG-RED", "A-01-01"); n != 1 {
		t.Fatalf("balance %d: counted twice", n)
	}
}

func TestValidateNamesEveryField(t *testing.T) {
	err := Config{LocationPattern: "(", LPNPattern: "[", MaxQuantity: -1, BareQuantityMax: -2,
		DefaultMode: "dance", DebounceByMode: map[string]time.Duration{"dance": 1},
		UnitCosts: map[string]string{"MUG": "1,20"}, DefaultUnitCost: "x", OrderPrefix: "CMD:"}.Validate()
	for _, path := range []string{"location_pattern", "lpn_pattern", "max_quantity", "bare_quantity_max",
		"default_mode", "debounce_by_mode.dance", "unit_costs.MUG", "default_unit_cost", "order_prefix"} {
		if err == nil || !strings.Contains(err.Error(), path+":") {
			t.Errorf("no %s in %v", path, err)
		}
	}
	if !errors.Is(err, ErrConfig) {
		t.Fatal("not ErrConfig")
	}
}

// TestConfigFromYAMLKeys decodes the snake_case keys the YAML file uses.
func TestConfigFromYAMLKeys(t *testing.T) {
	raw := map[string]any{"command_prefix": "O-CMD.", "location_pattern": `^LOC-\d+$`, "max_quantity": 50,
		"idle_reset": "2m", "debounce_by_mode": map[string]any{"count": "-1s"}, "require_user": true,
		"unit_costs": map[string]any{"MUG-RED": "4.20"}}
	var cfg Config
	dec, _ := mapstructure.NewDecoder(&mapstructure.DecoderConfig{Result: &cfg, ErrorUnused: true,
		DecodeHook: mapstructure.StringToTimeDurationHookFunc()})
	if err := dec.Decode(raw); err != nil {
		t.Fatal(err)
	}
	if cfg.CommandPrefix != "O-CMD." || cfg.IdleReset != 2*time.Minute || cfg.DebounceByMode["count"] != -time.Second ||
		!cfg.RequireUser || cfg.MaxQuantity != 50 || cfg.Validate() != nil {
		t.Fatalf("%+v", cfg)
	}
}

func TestDebounceOffPerMode(t *testing.T) {
	cfg := testConfig()
	cfg.DebounceByMode = map[string]time.Duration{"receive": -1}
	r := newRig(t, cfg, feedback.None{})
	r.scan("CMD:RECEIVE", time.Second)
	r.scan("LOC:A-01-01", time.Second)
	r.scan("]E05901234123457", time.Second)
	if o := r.scan("]E05901234123457", 10*time.Millisecond); o.Status != StatusPosted {
		t.Fatalf("second scan %v", o.Status)
	}
}

func TestDamagedReturnAndRejectedScanKeepsQuantity(t *testing.T) {
	r := newRig(t, testConfig(), feedback.None{})
	if _, err := r.led.StartCount(context.Background(), ledger.CountSession{ID: "C1", Locations: []string{"R-01-01"}}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"CMD:RETURN", "LOC:R-01-01", "CMD:DAMAGED", "QTY:2"} {
		if o := r.scan(d, time.Second); o.Status != StatusChanged {
			t.Fatalf("%q: %v %v", d, o.Status, o.Err)
		}
	}
	if o := r.scan("]E05901234123457", time.Second); !errors.Is(o.Err, ledger.ErrLocationFrozen) {
		t.Fatalf("frozen: %v", o.Err)
	}
	if err := r.led.CancelCount(context.Background(), "C1"); err != nil {
		t.Fatal(err)
	}
	o := r.scan("]E05901234123457", time.Second) // the rescan after the count
	if o.Status != StatusPosted || o.Event.Qty != 2 || !o.Event.Damaged {
		t.Fatalf("rescan: %v %+v", o.Status, o.Event)
	}
	if o := r.scan("CMD:RECEIVE", time.Second); o.Status != StatusChanged {
		t.Fatal(o.Err)
	}
	if o := r.scan("CMD:DAMAGED", time.Second); !errors.Is(o.Err, ErrWrongMode) {
		t.Fatalf("damaged in receive mode: %v", o.Err)
	}
}

// TestRescanAfterLostAnswerIsADuplicate: the ledger recorded the event
// but its answer was lost; the worker heard the error and scans the
// item again. That rescan reuses the event id: one movement, good read.
func TestRescanAfterLostAnswerIsADuplicate(t *testing.T) {
	r := newRig(t, testConfig(), feedback.Honeywell{})
	fr := &flakyRecorder{Recorder: r.led}
	r.st.rec = fr
	r.scan("CMD:RECEIVE", time.Second)
	r.scan("LOC:A-01-01", time.Second)
	r.scan("QTY:5", time.Second)
	fr.fail = true
	if o := r.scan("]E05901234123457", time.Second); !errors.Is(o.Err, ErrRecord) {
		t.Fatalf("first post: %v", o.Err)
	}
	r.fb.Reset()
	if o := r.scan("]E05901234123457", time.Second); o.Status != StatusDuplicate || r.fb.String() != good {
		t.Fatalf("rescan: %v %v %q", o.Status, o.Err, r.fb.String())
	}
	if o := r.scan("]E05901234123457", time.Second); o.Status != StatusPosted || o.Event.Qty != 1 {
		t.Fatalf("next scan is a new movement of 1: %v %+v", o.Status, o.Event)
	}
	if n := r.balance(t, "MUG-RED", "A-01-01"); n != 6 {
		t.Fatalf("balance %d, want 6", n)
	}
}

// TestCountSessionRecordsLines: in count mode with a session, item scans
// record blind count lines (a rescan is a recount), and finishing the
// session posts the variance.
func TestCountSessionRecordsLines(t *testing.T) {
	r := newRig(t, testConfig(), feedback.None{})
	ctx := context.Background()
	for _, d := range []string{"CMD:RECEIVE", "LOC:A-01-01", "QTY:10", "]E05901234123457"} {
		r.scan(d, time.Second)
	}
	if _, err := r.led.StartCount(ctx, ledger.CountSession{ID: "C1", Locations: []string{"A-01-01"}}); err != nil {
		t.Fatal(err)
	}
	if o := r.scan("CNT:C1", time.Second); !errors.Is(o.Err, ErrWrongMode) {
		t.Fatalf("session outside count mode: %v", o.Err)
	}
	for _, d := range []string{"CMD:COUNT", "CNT:C1", "QTY:8", "]E05901234123457", "QTY:7", "]E05901234123457"} {
		if o := r.scan(d, time.Second); o.Status == StatusRejected {
			t.Fatalf("%q: %v", d, o.Err)
		}
	}
	if st := r.st.State(); st.CountID != "C1" || st.Mode != "count" {
		t.Fatalf("state %+v", st)
	}
	if _, err := r.led.FinishCount(ctx, "C1"); err != nil {
		t.Fatal(err)
	}
	if n := r.balance(t, "MUG-RED", "A-01-01"); n != 7 {
		t.Fatalf("balance %d after the count, want 7 (the recount wins)", n)
	}
	r.scan("QTY:3", time.Second)
	if o := r.scan("]E05901234123457", time.Second); !errors.Is(o.Err, ledger.ErrCount) {
		t.Fatalf("line in a finished session: %v", o.Err)
	}
}
