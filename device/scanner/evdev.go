package scanner

import (
	"encoding/binary"
	"fmt"
	"time"
)

// Linux input event types and values (linux/input-event-codes.h).
const (
	EvSyn = 0x00
	EvKey = 0x01
	EvMsc = 0x04

	keyRelease = 0
	keyPress   = 1
	keyRepeat  = 2
)

// InputEvent is one Linux struct input_event.
type InputEvent struct {
	Time  time.Time // kernel timestamp
	Type  uint16
	Code  uint16
	Value int32
}

// InputEventSize is the size of struct input_event for a word size in
// bytes: two longs of timeval plus 8 bytes, so 24 on amd64 and arm64 and
// 16 on 32-bit ARM (even with 64-bit time_t user space).
func InputEventSize(wordSize int) int { return 2*wordSize + 8 }

// ParseInputEvent decodes one little-endian record of 16 or 24 bytes
// (every gateway we target is little-endian).
func ParseInputEvent(b []byte) (InputEvent, error) {
	le := binary.LittleEndian
	var sec, usec int64
	switch len(b) {
	case 24:
		sec, usec = int64(le.Uint64(b)), int64(le.Uint64(b[8:]))
	case 16:
		sec, usec = int64(int32(le.Uint32(b))), int64(int32(le.Uint32(b[4:])))
	default:
		return InputEvent{}, fmt.Errorf("%w: %d bytes, struct input_event has 16 or 24", ErrEvent, len(b))
	}
	t := b[len(b)-8:]
	return InputEvent{Time: time.Unix(sec, usec*1000).UTC(), Type: le.Uint16(t), Code: le.Uint16(t[2:]),
		Value: int32(le.Uint32(t[4:]))}, nil
}

// Event decodes one evdev event, appending the bytes typed to dst. Only
// EV_KEY presses and releases matter; autorepeat, EV_MSC (MSC_SCAN) and
// EV_SYN are ignored, since keycodes already identify the key.
func (d *KeyDecoder) Event(dst []byte, ev InputEvent) ([]byte, error) {
	if ev.Type != EvKey || ev.Value == keyRepeat {
		return dst, nil
	}
	if bit := modifierBit(ev.Code); bit != 0 {
		mods := d.mods | bit
		if ev.Value == keyRelease {
			mods = d.mods &^ bit
		}
		return d.setMods(dst, mods), nil
	}
	if ev.Value != keyPress {
		return dst, nil
	}
	if int(ev.Code) >= len(keycodeUsage) || keycodeUsage[ev.Code] == 0 {
		return dst, fmt.Errorf("%w (Linux keycode %d)", ErrKey, ev.Code)
	}
	return d.press(dst, keycodeUsage[ev.Code])
}

// modifierBit maps a modifier keycode to its boot-report bit.
func modifierBit(code uint16) byte {
	switch code {
	case 29: // KEY_LEFTCTRL
		return 0x01
	case 42: // KEY_LEFTSHIFT
		return 0x02
	case 56: // KEY_LEFTALT
		return 0x04
	case 97: // KEY_RIGHTCTRL
		return 0x10
	case 54: // KEY_RIGHTSHIFT
		return 0x20
	case 100: // KEY_RIGHTALT
		return 0x40
	}
	return 0
}

// keycodeUsage maps Linux keycodes to HID usages (the inverse of the
// kernel's hid-input table), so both inputs share one layout.
var keycodeUsage = [...]byte{
	1: 0x29, 2: 0x1E, 3: 0x1F, 4: 0x20, 5: 0x21, 6: 0x22, 7: 0x23, 8: 0x24, 9: 0x25, 10: 0x26,
	11: 0x27, 12: 0x2D, 13: 0x2E, 14: 0x2A, 15: 0x2B, 16: 0x14, 17: 0x1A, 18: 0x08, 19: 0x15,
	20: 0x17, 21: 0x1C, 22: 0x18, 23: 0x0C, 24: 0x12, 25: 0x13, 26: 0x2F, 27: 0x30, 28: 0x28,
	30: 0x04, 31: 0x16, 32: 0x07, 33: 0x09, 34: 0x0A, 35: 0x0B, 36: 0x0D, 37: 0x0E, 38: 0x0F,
	39: 0x33, 40: 0x34, 41: 0x35, 43: 0x31, 44: 0x1D, 45: 0x1B, 46: 0x06, 47: 0x19, 48: 0x05,
	49: 0x11, 50: 0x10, 51: 0x36, 52: 0x37, 53: 0x38, 55: 0x55, 57: 0x2C, 58: 0x39,
	59: 0x3A, 60: 0x3B, 61: 0x3C, 62: 0x3D, 63: 0x3E, 64: 0x3F, 65: 0x40, 66: 0x41, 67: 0x42,
	68: 0x43, 71: 0x5F, 72: 0x60, 73: 0x61, 74: 0x56, 75: 0x5C, 76: 0x5D, 77: 0x5E, 78: 0x57,
	79: 0x59, 80: 0x5A, 81: 0x5B, 82: 0x62, 83: 0x63, 86: 0x64, 87: 0x44, 88: 0x45,
	96: 0x58, 98: 0x54, 183: 0x68, 184: 0x69, 185: 0x6A, 186: 0x6B, 187: 0x6C, 188: 0x6D,
	189: 0x6E, 190: 0x6F, 191: 0x70, 192: 0x71, 193: 0x72, 194: 0x73,
}
