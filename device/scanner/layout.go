package scanner

// The US layout, indexed by HID usage (page 0x07) minus 0x04, from the
// HID Usage Tables: letters, digit row, Enter (CR), Esc, Backspace, Tab,
// space and punctuation up to usage 0x38. 0x32 is the non-US "#" key.
const (
	usPlain   = "abcdefghijklmnopqrstuvwxyz1234567890\r\x1b\b\t -=[]\\#;'`,./"
	usShifted = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^&*()\r\x1b\b\t _+{}|~:\"~<>?"
	// usKeypad covers usages 0x54-0x63 (with Num Lock on, as scanners
	// assume): / * - + Enter 1-9 0 .
	usKeypad = "/*-+\r1234567890."
)

// HID usages with a special role.
const (
	usageCapsLock  = 0x39
	usageF1        = 0x3A
	usageF12       = 0x45
	usageF13       = 0x68
	usageF24       = 0x73
	usageKeypad    = 0x54
	usageKeypad1   = 0x59
	usageKeypad0   = 0x62
	usageNonUSBack = 0x64
	usageRollOver  = 0x01
)

// Modifier bits of a boot report's first byte.
const (
	modCtrl  = 0x01 | 0x10
	modShift = 0x02 | 0x20
	modAlt   = 0x04 | 0x40
)

// usChar is the character of a key in the US layout.
func usChar(usage byte, shift bool) (byte, bool) {
	switch {
	case usage >= 0x04 && usage <= 0x38:
		if shift {
			return usShifted[usage-0x04], true
		}
		return usPlain[usage-0x04], true
	case usage >= usageKeypad && usage <= usageKeypad+byte(len(usKeypad)-1):
		return usKeypad[usage-usageKeypad], true
	case usage == usageNonUSBack && shift:
		return '|', true
	case usage == usageNonUSBack:
		return '\\', true
	}
	return 0, false
}

// ctrlChar is the C0 control character a Ctrl combination types, as
// terminals define them: Ctrl+A..Z are 0x01-0x1A, Ctrl+[ \ ] are ESC, FS
// and GS (GS1's separator), Ctrl+@ ^ _ (on keys 2, 6 and -) are NUL, RS, US.
func ctrlChar(usage byte) (byte, bool) {
	c, ok := usChar(usage, false)
	switch {
	case !ok || usage >= usageKeypad:
		return 0, false
	case c >= 'a' && c <= 'z', c == '[', c == '\\', c == ']':
		return c & 0x1F, true
	case c == '2':
		return 0x00, true
	case c == '6':
		return 0x1E, true
	case c == '-':
		return 0x1F, true
	}
	return 0, false
}

// functionKey numbers F1-F24, or returns 0.
func functionKey(usage byte) int {
	switch {
	case usage >= usageF1 && usage <= usageF12:
		return int(usage-usageF1) + 1
	case usage >= usageF13 && usage <= usageF24:
		return int(usage-usageF13) + 13
	}
	return 0
}
