package llrp_test

import (
	"errors"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/llrp"
	"github.com/edged/edged/device/llrp/llrptest"
)

// TestClientSurvivesFaults injects each fault in the middle of reporting
// and checks the client recovers (reconnecting when the stream is broken)
// and keeps reading.
func TestClientSurvivesFaults(t *testing.T) {
	tests := []struct {
		fault     llrptest.Fault
		name      string
		reconnect bool
		want      error
	}{
		{llrptest.CloseMidFrame, "close mid-frame", true, llrp.ErrShortFrame},
		{llrptest.Garbage, "garbage", true, llrp.ErrBadHeader},
		{llrptest.Reboot, "reboot", true, llrp.ErrReaderClosed},
		{llrptest.HalfOpen, "half-open", true, llrp.ErrLinkDead},
		{llrptest.ImpossibleLength, "impossible length", true, llrp.ErrFrameLength},
		{llrptest.UnknownMessage, "unknown message type", true, llrp.ErrUnexpectedMessage},
		{llrptest.TruncatedParameter, "truncated parameter", true, llrp.ErrShortFrame},
		{llrptest.CloseEvent, "connection close event", true, llrp.ErrReaderClosed},
		{llrptest.EventBurst, "reader events", false, nil},
		{llrptest.SplitWrites, "split writes", false, nil},
		{llrptest.SlowWrites, "slow writes", false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := start(t, llrptest.Options{Rate: 300}, llrp.Options{Config: llrp.Config{Keepalive: time.Second, ReportEveryNTags: 5}})
			h.waitReads(20)
			if !h.fake.Inject(tc.fault) {
				t.Fatal("no session to inject into")
			}
			if tc.reconnect {
				waitFor(t, "reconnect", func() bool { return h.client.Stats().Reconnects > 0 })
				if st := h.client.Stats(); !errors.Is(st.Err, tc.want) {
					t.Errorf("error %v, want %v", st.Err, tc.want)
				}
			}
			h.waitReads(50)
			if st := h.client.Stats(); !tc.reconnect && st.Reconnects != 0 {
				t.Errorf("reconnected on %s: %v", tc.name, st.Err)
			}
			if state, ok := h.fake.ROSpecState(); !ok || state != 2 {
				t.Errorf("ROSpec after %s: state %d exists %v", tc.name, state, ok)
			}
		})
	}
}

func TestClientKeepalivesAcked(t *testing.T) {
	h := start(t, llrptest.Options{Rate: 10}, llrp.Options{Config: llrp.Config{Keepalive: time.Second}})
	waitFor(t, "keepalive acks", func() bool { return h.fake.Snapshot().KeepaliveAcks >= 2 })
	if st := h.client.Stats(); st.Reconnects != 0 {
		t.Errorf("reconnects %d: %v", st.Reconnects, st.Err)
	}
}

// TestClientSlowConsumerDropsCounted blocks the consumer: the socket
// keeps being read (no reconnect), reads beyond the queue are dropped and
// counted, and delivery resumes when the consumer does.
func TestClientSlowConsumerDropsCounted(t *testing.T) {
	release := make(chan struct{})
	var h *harness
	h = start(t, llrptest.Options{Rate: 2000}, llrp.Options{QueueSize: 32, Config: llrp.Config{ReportEveryNTags: 10},
		OnRead: func(r device.TagRead) {
			<-release
			h.record(r)
		}})
	waitFor(t, "drops", func() bool { return h.client.Stats().Drops > 100 })
	close(release)
	h.waitReads(100)
	st := h.client.Stats()
	if st.Reconnects != 0 || st.State != llrp.StateReading {
		t.Errorf("slow consumer stalled the session: %+v", st)
	}
}

func TestClientRebasesSkewedClocks(t *testing.T) {
	for name, fo := range map[string]llrptest.Options{
		"year 2000 clock": {ClockOffset: -time.Since(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))},
		"uptime clock":    {Uptime: true},
	} {
		t.Run(name, func(t *testing.T) {
			h := start(t, fo, llrp.Options{})
			h.waitReads(10)
			if d := time.Since(h.lastRead().Seen); d < 0 || d > time.Minute {
				t.Errorf("Seen %v not re-based onto the gateway clock", h.lastRead().Seen)
			}
			if skew := h.client.Stats().ClockSkew; !fo.Uptime && skew > -20*365*24*time.Hour {
				t.Errorf("skew %v not detected", skew)
			}
		})
	}
}

func TestClientTIDAndGPO(t *testing.T) {
	h := start(t, llrptest.Options{}, llrp.Options{Config: llrp.Config{ReadTIDWords: 2, ReadUserWords: 1, SearchMode: "dual_target"}})
	h.waitReads(5)
	if reqs := h.fake.Snapshot().Requests; !slices.Contains(reqs, "CUSTOM_MESSAGE") {
		t.Errorf("Impinj extensions not enabled: %v", reqs)
	}
	if tid := h.lastRead().TID; len(tid) != 4 || tid[0]>>4 != 2 {
		t.Errorf("TID %x, want 2 words from bank 2", tid)
	}
	resp, err := h.client.Custom(t.Context(), llrp.VendorImpinj, llrp.ImpinjEnableExtensions, []byte{0, 0, 0, 0})
	if err != nil || len(resp) < 5 || resp[4] != llrp.ImpinjEnableExtensionsResult {
		t.Errorf("custom message pass-through: %x, %v", resp, err)
	}
	if _, err := h.client.Custom(t.Context(), 10642, 1, nil); !errors.Is(err, llrp.ErrRejected) {
		t.Errorf("unknown custom message: %v, want a rejection", err)
	}
	if err := h.client.SetGPO(t.Context(), 1, true); err != nil {
		t.Fatal(err)
	}
	if !h.fake.Snapshot().GPO[1] {
		t.Error("GPO 1 not set on the reader")
	}
	var se *llrp.StatusError
	if err := h.client.SetGPO(t.Context(), 9, true); !errors.As(err, &se) || se.Status.Code != llrp.StatusFieldOutOfRange {
		t.Errorf("GPO 9: %v, want M_FieldOutOfRange", err)
	}
}

func TestClientConfigCheckedAgainstReader(t *testing.T) {
	h := start(t, llrptest.Options{Antennas: 2}, llrp.Options{Config: llrp.Config{Antennas: []uint16{1, 4}, TransmitPowerDBm: 5}})
	waitFor(t, "setup failure", func() bool { return h.client.Stats().Reconnects > 0 })
	err := h.client.Stats().Err
	if !errors.Is(err, llrp.ErrInvalidConfig) || !contains(err.Error(), "antennas[1]") || !contains(err.Error(), "transmit_power_dbm") {
		t.Errorf("error %v, want both field problems", err)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestFakeMovesTags(t *testing.T) {
	h := start(t, llrptest.Options{Tags: 1, Antennas: 4}, llrp.Options{})
	h.waitReads(3)
	if a := h.lastRead().Antenna; a != 1 {
		t.Fatalf("antenna %d, want 1", a)
	}
	h.fake.MoveTag(0, 3)
	waitFor(t, "tag on antenna 3", func() bool { return h.lastRead().Antenna == 3 })
}

func TestClientGPITriggers(t *testing.T) {
	cfg := llrp.Config{StartGPI: &llrp.GPITrigger{Port: 2, High: true}, StopGPI: &llrp.GPITrigger{Port: 2}}
	h := start(t, llrptest.Options{Rate: 500}, llrp.Options{Config: cfg})
	waitFor(t, "configured", func() bool { return h.client.Stats().State == llrp.StateReading })
	if state, _ := h.fake.ROSpecState(); state != 1 || h.reads.Load() != 0 {
		t.Fatalf("before the GPI edge: ROSpec state %d, %d reads", state, h.reads.Load())
	}
	h.fake.SetGPI(2, true)
	h.waitReads(10)
	h.fake.SetGPI(2, false)
	waitFor(t, "stopped by GPI", func() bool { s, _ := h.fake.ROSpecState(); return s == 1 })
}

func TestClientTimedReports(t *testing.T) {
	h := start(t, llrptest.Options{Rate: 500}, llrp.Options{Config: llrp.Config{ReportEvery: 50 * time.Millisecond}})
	h.waitReads(50)
	h101 := start(t, llrptest.Options{Only101: true}, llrp.Options{Config: llrp.Config{ReportEvery: 50 * time.Millisecond}})
	waitFor(t, "rejection on 1.0.1", func() bool { return h101.client.Stats().Reconnects > 0 })
	if err := h101.client.Stats().Err; !errors.Is(err, llrp.ErrInvalidConfig) || !contains(err.Error(), "LLRP 1.1") {
		t.Errorf("err %v", err)
	}
}

func TestClientReaderRejectsSetup(t *testing.T) {
	h := start(t, llrptest.Options{RejectAddROSpec: "tag population too large"}, llrp.Options{})
	waitFor(t, "two failed setups", func() bool { return h.client.Stats().Reconnects >= 2 })
	var se *llrp.StatusError
	err := h.client.Stats().Err
	if !errors.As(err, &se) || !errors.Is(err, llrp.ErrRejected) || se.Request != llrp.MsgAddROSpec ||
		!contains(err.Error(), "tag population too large") {
		t.Errorf("error %v, want ADD_ROSPEC rejection with the reader's text", err)
	}
}

func TestClientEPCPrefixFilter(t *testing.T) {
	// The fake's EPCs are 3014ed9e 00000000 0000NNNN; this prefix (92
	// bits) selects tags 0 to 15 of 32.
	cfg := llrp.Config{EPCPrefixes: []string{"3014ed9e000000000000000"}}
	var bad, total atomic.Int64
	start(t, llrptest.Options{Tags: 32, Rate: 1000}, llrp.Options{Config: cfg, OnRead: func(r device.TagRead) {
		if r.EPC[11] >= 16 {
			bad.Add(1)
		}
		total.Add(1)
	}})
	waitFor(t, "reads", func() bool { return total.Load() >= 100 })
	if n := bad.Load(); n != 0 {
		t.Errorf("%d reads of tags outside the prefix", n)
	}
}

func TestClientNotConnected(t *testing.T) {
	c, err := llrp.New(llrp.Options{Name: "r", Dial: dialer("127.0.0.1:1")})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetGPO(t.Context(), 1, true); !errors.Is(err, llrp.ErrNotConnected) {
		t.Errorf("SetGPO: %v", err)
	}
	if _, err := c.Custom(t.Context(), 1, 1, nil); !errors.Is(err, llrp.ErrNotConnected) {
		t.Errorf("Custom: %v", err)
	}
	if _, err := llrp.New(llrp.Options{}); !errors.Is(err, llrp.ErrInvalidConfig) {
		t.Errorf("New without Dial: %v", err)
	}
	if _, err := llrp.New(llrp.Options{Dial: dialer("x"), Config: llrp.Config{Session: "S9"}}); !errors.Is(err, llrp.ErrInvalidConfig) {
		t.Errorf("New with a bad config: %v", err)
	}
}
