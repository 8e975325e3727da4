package scanner

import "fmt"

// KeyConfig configures a KeyDecoder.
type KeyConfig struct {
	// FunctionKeys maps function keys (1 for F1 ... 24 for F24) to the
	// byte they stand for, for scanners set to "function key mapping"
	// of control characters, e.g. {12: 0x1D} when GS is sent as F12.
	FunctionKeys map[int]byte
}

// KeyDecoder turns the key presses of a keyboard-wedge scanner into the
// bytes it meant to send (US layout). Feed it HID boot reports with
// Report or evdev key events with Event, and pass its output to a Framer
// terminated by CR (Enter). It is not safe for concurrent use.
type KeyDecoder struct {
	cfg    KeyConfig
	mods   byte    // boot-report modifier bits held now
	caps   bool    // Caps Lock toggled on
	prev   [6]byte // keys of the previous boot report, for edge detection
	alt    int     // decimal code typed on the keypad while Alt is held
	altLen int     // digits in alt
}

// NewKeyDecoder returns a decoder with no keys held.
func NewKeyDecoder(cfg KeyConfig) *KeyDecoder { return &KeyDecoder{cfg: cfg} }

// setMods changes the held modifiers; releasing Alt after keypad digits
// types the byte with that decimal code (Alt+029 is GS).
func (d *KeyDecoder) setMods(dst []byte, mods byte) []byte {
	if d.mods&modAlt != 0 && mods&modAlt == 0 && d.altLen > 0 {
		dst = append(dst, byte(d.alt))
		d.alt, d.altLen = 0, 0
	}
	d.mods = mods
	return dst
}

// press appends the byte a newly pressed key types.
func (d *KeyDecoder) press(dst []byte, usage byte) ([]byte, error) {
	switch {
	case usage == usageCapsLock:
		d.caps = !d.caps
		return dst, nil
	case d.mods&modAlt != 0 && usage >= usageKeypad1 && usage <= usageKeypad0:
		d.alt = (d.alt*10 + int(usage-usageKeypad1+1)%10) % 256
		d.altLen++
		return dst, nil
	case d.mods&modCtrl != 0:
		if c, ok := ctrlChar(usage); ok {
			return append(dst, c), nil
		}
	case functionKey(usage) > 0:
		if c, ok := d.cfg.FunctionKeys[functionKey(usage)]; ok {
			return append(dst, c), nil
		}
	default:
		if c, ok := usChar(usage, d.shifted(usage)); ok {
			return append(dst, c), nil
		}
	}
	return dst, fmt.Errorf("%w (HID usage 0x%02X, modifiers 0x%02X)", ErrKey, usage, d.mods)
}

// shifted applies Shift, and Caps Lock to letters only.
func (d *KeyDecoder) shifted(usage byte) bool {
	shift := d.mods&modShift != 0
	if d.caps && usage >= 0x04 && usage <= 0x1D {
		return !shift
	}
	return shift
}
