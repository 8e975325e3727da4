package llrptest

import (
	"net"
	"testing"
	"time"

	"github.com/edged/edged/device/llrp"
)

// rawClient speaks LLRP by hand to check the fake follows the standard.
type rawClient struct {
	t    *testing.T
	conn net.Conn
	fr   *llrp.FrameReader
	b    llrp.Builder
	id   uint32
}

func dialRaw(t *testing.T, addr string) *rawClient {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	return &rawClient{t: t, conn: conn, fr: llrp.NewFrameReader(conn)}
}

// next returns the next frame that is not an RO_ACCESS_REPORT.
func (c *rawClient) next() llrp.Frame {
	c.t.Helper()
	for {
		f, err := c.fr.Next()
		if err != nil {
			c.t.Fatal(err)
		}
		if f.Type != llrp.MsgROAccessReport {
			return f
		}
	}
}

func (c *rawClient) connEvent() uint16 {
	ev, err := llrp.DecodeReaderEvent(c.next().Payload)
	if err != nil || !ev.HasConnAttempt {
		c.t.Fatalf("want ConnectionAttemptEvent: %+v %v", ev, err)
	}
	return ev.ConnStatus
}

// request sends a spec-id message and returns the status code of the answer.
func (c *rawClient) request(version uint8, t llrp.MsgType, spec uint32) llrp.StatusCode {
	c.t.Helper()
	c.id++
	switch t {
	case llrp.MsgSetProtocolVersion:
		llrp.EncodeSetProtocolVersion(&c.b, c.id, uint8(spec))
	case llrp.MsgAddROSpec:
		llrp.EncodeAddROSpec(&c.b, c.id, llrp.Config{ROSpecID: spec}, llrp.Capabilities{Version: version})
	default:
		llrp.EncodeSpecID(&c.b, version, t, c.id, spec)
	}
	c.conn.Write(c.b.Bytes())
	f := c.next()
	if f.ID != c.id {
		c.t.Fatalf("%s answered with id %d, want %d", t, f.ID, c.id)
	}
	st, err := llrp.DecodeStatus(statusBody(c.t, f))
	if err != nil {
		c.t.Fatal(err)
	}
	return st.Code
}

func statusBody(t *testing.T, f llrp.Frame) []byte {
	p, ok, err := llrp.FindParam(f.Payload, llrp.ParamLLRPStatus)
	if err != nil || !ok {
		t.Fatalf("%s without LLRPStatus: %v", f.Type, err)
	}
	return p.Body
}

func TestOneClientAtATime(t *testing.T) {
	_, addr := Start(t, Options{})
	first := dialRaw(t, addr)
	if s := first.connEvent(); s != llrp.ConnSuccess {
		t.Fatalf("first client status %d", s)
	}
	second := dialRaw(t, addr)
	if s := second.connEvent(); s != llrp.ConnFailedClientInit {
		t.Errorf("second client status %d, want %d (client connection exists)", s, llrp.ConnFailedClientInit)
	}
	if s := first.connEvent(); s != llrp.ConnAnotherAttempted {
		t.Errorf("first client told %d, want %d (another attempt)", s, llrp.ConnAnotherAttempted)
	}
}

func TestROSpecStateMachine(t *testing.T) {
	fake, addr := Start(t, Options{})
	c := dialRaw(t, addr)
	c.connEvent()
	v := llrp.Version101
	steps := []struct {
		t     llrp.MsgType
		spec  uint32
		want  llrp.StatusCode
		state uint8
	}{
		{llrp.MsgStartROSpec, 1, llrp.StatusFieldError, 0}, // no spec yet
		{llrp.MsgAddROSpec, 1, llrp.StatusSuccess, 0},
		{llrp.MsgAddROSpec, 2, llrp.StatusFieldError, 0},   // one ROSpec at most
		{llrp.MsgStartROSpec, 1, llrp.StatusFieldError, 0}, // disabled
		{llrp.MsgEnableROSpec, 1, llrp.StatusSuccess, 1},
		{llrp.MsgStartROSpec, 1, llrp.StatusSuccess, 2},
		{llrp.MsgStopROSpec, 1, llrp.StatusSuccess, 1},
		{llrp.MsgDisableROSpec, 0, llrp.StatusSuccess, 0},
		{llrp.MsgDeleteROSpec, 0, llrp.StatusSuccess, 0},
	}
	for i, s := range steps {
		if got := c.request(v, s.t, s.spec); got != s.want {
			t.Fatalf("step %d %s: %s, want %s", i, s.t, got, s.want)
		}
		if state, _ := fake.ROSpecState(); state != s.state {
			t.Fatalf("step %d %s: state %d, want %d", i, s.t, state, s.state)
		}
	}
}

func TestVersionNegotiation(t *testing.T) {
	_, addr := Start(t, Options{})
	c := dialRaw(t, addr)
	c.connEvent()
	if got := c.request(llrp.Version11, llrp.MsgDeleteROSpec, 0); got != llrp.StatusUnsupportedVersion {
		t.Errorf("1.1 message before negotiation: %s", got)
	}
	if got := c.request(llrp.Version11, llrp.MsgSetProtocolVersion, 2); got != llrp.StatusSuccess {
		t.Errorf("SET_PROTOCOL_VERSION: %s", got)
	}
	if got := c.request(llrp.Version11, llrp.MsgSetProtocolVersion, 2); got != llrp.StatusUnexpectedMessage {
		t.Errorf("second SET_PROTOCOL_VERSION: %s, want M_UnexpectedMessage", got)
	}
	if got := c.request(llrp.Version11, llrp.MsgDeleteROSpec, 0); got != llrp.StatusSuccess {
		t.Errorf("1.1 message after negotiation: %s", got)
	}
	old := dialRaw(t, startOnly101(t))
	old.connEvent()
	if got := old.request(llrp.Version11, llrp.MsgSetProtocolVersion, 2); got != llrp.StatusUnsupportedVersion {
		t.Errorf("1.0.1-only reader: %s", got)
	}
}

func startOnly101(t *testing.T) string {
	_, addr := Start(t, Options{Only101: true})
	return addr
}
