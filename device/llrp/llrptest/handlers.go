package llrptest

import (
	"github.com/edged/edged/device/llrp"
)

// dispatch answers one client message; false ends the session.
func (s *session) dispatch(f llrp.Frame) bool {
	s.r.record(f.Type)
	if s.r.opts.DropOnV2 && f.Version == llrp.Version11 {
		return false
	}
	if f.Version != s.ver() && f.Type != llrp.MsgGetSupportedVersion && f.Type != llrp.MsgSetProtocolVersion {
		s.fail(f, llrp.StatusUnsupportedVersion, "message version does not match the negotiated version")
		return true
	}
	switch f.Type {
	case llrp.MsgGetSupportedVersion:
		s.getSupportedVersion(f)
	case llrp.MsgSetProtocolVersion:
		s.setProtocolVersion(f)
	case llrp.MsgGetReaderCapabilities:
		s.send(func(b *llrp.Builder) { s.r.encodeCapabilities(b, s.ver(), f.ID) })
	case llrp.MsgGetReaderConfig:
		s.send(func(b *llrp.Builder) { s.r.encodeReaderConfig(b, s.ver(), f.ID) })
	case llrp.MsgSetReaderConfig:
		s.reply(f, s.r.setReaderConfig(s, f.Payload))
	case llrp.MsgKeepaliveAck:
		s.r.count(func(st *Stats) { st.KeepaliveAcks++ })
	case llrp.MsgEnableEventsAndReports:
	case llrp.MsgCloseConnection:
		s.r.count(func(st *Stats) { st.Closed++ })
		s.ok(f)
		return false
	case llrp.MsgCustomMessage:
		s.custom(f)
	default:
		return s.dispatchSpec(f)
	}
	return true
}

func (s *session) dispatchSpec(f llrp.Frame) bool {
	switch f.Type {
	case llrp.MsgAddROSpec:
		s.reply(f, s.r.addROSpec(f.Payload))
	case llrp.MsgDeleteROSpec, llrp.MsgEnableROSpec, llrp.MsgDisableROSpec, llrp.MsgStartROSpec, llrp.MsgStopROSpec:
		s.reply(f, s.r.roSpecCommand(f.Type, f.Payload))
	case llrp.MsgAddAccessSpec:
		s.reply(f, s.r.addAccessSpec(f.Payload))
	case llrp.MsgDeleteAccessSpec, llrp.MsgEnableAccessSpec, llrp.MsgDisableAccessSpec:
		s.reply(f, s.r.accessSpecCommand(f.Type, f.Payload))
	default:
		s.fail(f, llrp.StatusUnsupportedMessage, "message type not supported by llrptest")
	}
	return true
}

func (s *session) getSupportedVersion(f llrp.Frame) {
	switch {
	case s.r.opts.SilentVersion:
	case s.r.opts.Only101:
		s.fail(f, llrp.StatusUnsupportedVersion, "LLRP 1.0.1 only")
	default:
		s.send(func(b *llrp.Builder) {
			b.Reset(llrp.Version11, llrp.MsgGetSupportedVersionResponse, f.ID)
			b.U8(s.ver()).U8(llrp.Version11).Status(llrp.StatusSuccess, "")
		})
	}
}

func (s *session) setProtocolVersion(f llrp.Frame) {
	if s.r.opts.Only101 || s.r.opts.SilentVersion {
		s.fail(f, llrp.StatusUnsupportedVersion, "LLRP 1.0.1 only")
		return
	}
	if s.setOnce || len(f.Payload) < 1 || f.Payload[0] < 1 || f.Payload[0] > 2 {
		s.fail(f, llrp.StatusUnexpectedMessage, "SET_PROTOCOL_VERSION at most once, version 1 or 2")
		return
	}
	s.setOnce = true
	s.version.Store(uint32(f.Payload[0]))
	s.r.count(func(st *Stats) { st.Version = f.Payload[0] })
	s.send(func(b *llrp.Builder) {
		b.Reset(llrp.Version11, llrp.MsgSetProtocolVersionResponse, f.ID)
		b.Status(llrp.StatusSuccess, "")
	})
}

func (s *session) custom(f llrp.Frame) {
	if len(f.Payload) < 5 || f.Payload[0] != 0 || f.Payload[4] != llrp.ImpinjEnableExtensions {
		s.fail(f, llrp.StatusUnsupportedMessage, "unknown custom message")
		return
	}
	s.send(func(b *llrp.Builder) {
		b.Reset(s.ver(), llrp.MsgCustomMessage, f.ID)
		b.U32(llrp.VendorImpinj).U8(llrp.ImpinjEnableExtensionsResult).Status(llrp.StatusSuccess, "")
	})
}

// reply answers f with success or the given failure.
func (s *session) reply(f llrp.Frame, st *failure) {
	if st != nil {
		s.send(func(b *llrp.Builder) {
			b.Reset(s.ver(), llrp.ResponseType(f.Type), f.ID)
			b.Status(st.code, st.text)
		})
		return
	}
	s.ok(f)
}

func (s *session) ok(f llrp.Frame) {
	s.send(func(b *llrp.Builder) {
		b.Reset(s.ver(), llrp.ResponseType(f.Type), f.ID)
		b.Status(llrp.StatusSuccess, "")
	})
}

// fail answers with an ERROR_MESSAGE carrying the request's id.
func (s *session) fail(f llrp.Frame, code llrp.StatusCode, text string) {
	s.send(func(b *llrp.Builder) {
		v := s.ver()
		if code == llrp.StatusUnsupportedVersion {
			v = llrp.Version101
		}
		b.Reset(v, llrp.MsgErrorMessage, f.ID)
		b.Status(code, text)
	})
}

type failure struct {
	code llrp.StatusCode
	text string
}

func (r *Reader) record(t llrp.MsgType) {
	r.count(func(st *Stats) {
		if len(st.Requests) >= 200 {
			st.Requests = st.Requests[1:]
		}
		st.Requests = append(st.Requests, t.String())
	})
}

func (r *Reader) count(fn func(*Stats)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fn(&r.stats)
}
