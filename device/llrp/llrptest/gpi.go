package llrptest

import "github.com/edged/edged/device/llrp"

// SetGPI changes a GPI input level, as a light barrier or a dock door
// switch does. A matching ROSpec GPI trigger starts or stops the
// inventory, and the client gets a GPIEvent.
func (r *Reader) SetGPI(port uint16, high bool) {
	r.mu.Lock()
	ro := &r.specs.ro
	edge := gpiTrigger{port: port, high: high}
	switch {
	case ro.state == 1 && ro.startGPI != nil && *ro.startGPI == edge:
		ro.state = 2
	case ro.state == 2 && ro.stopGPI != nil && *ro.stopGPI == edge:
		ro.state = 1
	}
	s := r.current
	r.mu.Unlock()
	if s != nil {
		s.send(func(b *llrp.Builder) { s.encodeGPIEvent(b, port, high) })
	}
}

func (s *session) encodeGPIEvent(b *llrp.Builder, port uint16, high bool) {
	b.Reset(s.ver(), llrp.MsgReaderEventNotification, 0)
	off := b.Begin(llrp.ParamReaderEventNotificationData)
	t := b.Begin(llrp.ParamUTCTimestamp)
	b.U64(s.r.timestamp())
	b.End(t)
	g := b.Begin(llrp.ParamGPIEvent)
	b.U16(port)
	if high {
		b.U8(0x80)
	} else {
		b.U8(0)
	}
	b.End(g)
	b.End(off)
}

// encodeEvents writes the notifications of the CloseEvent and EventBurst
// faults.
func (s *session) encodeEvents(b *llrp.Builder, f Fault) {
	b.Reset(s.ver(), llrp.MsgReaderEventNotification, 0)
	off := b.Begin(llrp.ParamReaderEventNotificationData)
	t := b.Begin(llrp.ParamUTCTimestamp)
	b.U64(s.r.timestamp())
	b.End(t)
	if f == CloseEvent {
		b.End(b.Begin(llrp.ParamConnectionCloseEvent))
		b.End(off)
		return
	}
	for _, ev := range []struct {
		typ  uint16
		body []byte
	}{
		{llrp.ParamReportBufferLevelWarning, []byte{90}},
		{llrp.ParamReportBufferOverflow, nil},
		{llrp.ParamReaderExceptionEvent, []byte("\x00\x0fantenna 3 fault")},
		{llrp.ParamAntennaEvent, []byte{0, 0, 3}},
	} {
		p := b.Begin(ev.typ)
		b.Raw(ev.body)
		b.End(p)
	}
	b.End(off)
}
