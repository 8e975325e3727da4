package llrp

import "fmt"

// ConnectionAttemptEvent statuses (LLRP 1.1 §13.2.6.12).
const (
	ConnSuccess          = 0
	ConnFailedReaderInit = 1 // a reader-initiated connection already exists
	ConnFailedClientInit = 2 // a client-initiated connection already exists
	ConnFailedOther      = 3
	ConnAnotherAttempted = 4 // informational: someone else tried to connect
)

// Event is a decoded READER_EVENT_NOTIFICATION. Only the events a client
// acts on are decoded; the rest are skipped.
type Event struct {
	Timestamp uint64 // µs, since 1970 or since boot if Uptime
	Uptime    bool

	HasConnAttempt bool
	ConnStatus     uint16
	ConnClose      bool // the reader is about to close the connection

	HasROSpecEvent bool
	ROSpecEvent    uint8 // 0 start, 1 end, 2 preempted
	ROSpecID       uint32

	HasGPI   bool
	GPIPort  uint16
	GPIState bool

	HasAntenna bool
	AntennaID  uint16
	AntennaUp  bool  // false: disconnected
	BufferFull uint8 // report buffer fill warning, percent (0: none)
	Overflow   bool  // report buffer overflowed: reads were lost
	Exception  string
}

// DecodeReaderEvent decodes the payload of a READER_EVENT_NOTIFICATION.
func DecodeReaderEvent(payload []byte) (Event, error) {
	var ev Event
	p, ok, err := FindParam(payload, ParamReaderEventNotificationData)
	if err != nil || !ok {
		return ev, fmt.Errorf("READER_EVENT_NOTIFICATION: no ReaderEventNotificationData: %w", orBad(err))
	}
	for b := p.Body; len(b) > 0; {
		var q Param
		if q, b, err = NextParam(b); err != nil {
			return ev, fmt.Errorf("READER_EVENT_NOTIFICATION: %w", err)
		}
		if err := ev.decodeOne(q); err != nil {
			return ev, fmt.Errorf("READER_EVENT_NOTIFICATION parameter %d: %w", q.Type, err)
		}
	}
	return ev, nil
}

func (ev *Event) decodeOne(q Param) error {
	f := fields{b: q.Body}
	switch q.Type {
	case ParamUTCTimestamp, ParamUptime:
		ev.Timestamp, ev.Uptime = f.u64(), q.Type == ParamUptime
	case ParamConnectionAttemptEvent:
		ev.HasConnAttempt, ev.ConnStatus = true, f.u16()
	case ParamConnectionCloseEvent:
		ev.ConnClose = true
	case ParamROSpecEvent:
		ev.HasROSpecEvent, ev.ROSpecEvent, ev.ROSpecID = true, f.u8(), f.u32()
	case ParamGPIEvent:
		ev.HasGPI, ev.GPIPort, ev.GPIState = true, f.u16(), f.u8()&0x80 != 0
	case ParamAntennaEvent:
		ev.HasAntenna, ev.AntennaUp, ev.AntennaID = true, f.u8() == 1, f.u16()
	case ParamReportBufferLevelWarning:
		ev.BufferFull = f.u8()
	case ParamReportBufferOverflow:
		ev.Overflow = true
	case ParamReaderExceptionEvent:
		ev.Exception = f.str()
	}
	return f.err
}

// orBad turns a nil "not found" error into ErrBadParameter.
func orBad(err error) error {
	if err == nil {
		return ErrBadParameter
	}
	return err
}
