package scanner

import "testing"

// kernelHIDKeyboard is the start of hid_keyboard[] in Linux
// drivers/hid/hid-input.c: index HID usage, value Linux keycode.
var kernelHIDKeyboard = [...]byte{
	0, 0, 0, 0, 30, 48, 46, 32, 18, 33, 34, 35, 23, 36, 37, 38,
	50, 49, 24, 25, 16, 19, 31, 20, 22, 47, 17, 45, 21, 44, 2, 3,
	4, 5, 6, 7, 8, 9, 10, 11, 28, 1, 14, 15, 57, 12, 13, 26,
	27, 43, 43, 39, 40, 41, 51, 52, 53, 58, 59, 60, 61, 62, 63, 64,
	65, 66, 67, 68, 87, 88, 99, 70, 119, 110, 102, 104, 111, 107, 109, 106,
	105, 108, 103, 69, 98, 55, 74, 78, 96, 79, 80, 81, 75, 76, 77, 71,
	72, 73, 82, 83, 86, 127, 116, 117, 183, 184, 185, 186, 187, 188, 189, 190,
	191, 192, 193, 194,
}

// TestKeycodeUsageInvertsKernelTable checks that every key the decoder
// types comes back to its HID usage from the kernel's keycode, so the
// evdev and boot-report paths agree.
func TestKeycodeUsageInvertsKernelTable(t *testing.T) {
	for u := 0x04; u < len(kernelHIDKeyboard); u++ {
		_, typed := usChar(byte(u), false)
		if !typed && functionKey(byte(u)) == 0 && u != usageCapsLock || u == 0x32 {
			continue // 0x32 (non-US #) shares KEY_BACKSLASH with 0x31
		}
		code := kernelHIDKeyboard[u]
		if int(code) >= len(keycodeUsage) || keycodeUsage[code] != byte(u) {
			t.Errorf("usage 0x%02X: kernel keycode %d maps back to 0x%02X", u, code, keycodeUsage[min(int(code), len(keycodeUsage)-1)])
		}
	}
}
