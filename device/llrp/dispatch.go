package llrp

import "fmt"

// dispatch handles one frame on the read goroutine; it must not block
// for long, so reads go to the ring and responses to buffered channels.
func (l *link) dispatch(f Frame, events func(Event) error) error {
	switch f.Type {
	case MsgROAccessReport:
		return l.onReport(f)
	case MsgKeepalive:
		return l.send(func(b *Builder) { EncodeEmpty(b, l.ver(), MsgKeepaliveAck, f.ID) })
	case MsgReaderEventNotification:
		ev, err := DecodeReaderEvent(f.Payload)
		if err != nil {
			return err
		}
		return events(ev)
	case MsgErrorMessage, MsgCustomMessage:
		if !l.deliverResponse(f) {
			l.log.Warn("llrp: unsolicited message", "type", f.Type, "id", f.ID)
		}
		return nil
	}
	if responseTo(f.Type) == 0 {
		return fmt.Errorf("%s (id %d, %d bytes): %w", f.Type, f.ID, f.Length, ErrUnexpectedMessage)
	}
	if !l.deliverResponse(f) {
		l.log.Debug("llrp: late or unsolicited response", "type", f.Type, "id", f.ID)
	}
	return nil
}
