package feedback

// Zebra SSI opcodes and constants used here.
const (
	ssiBeep     = 0xE6
	ssiLEDOn    = 0xE7
	ssiHost     = 0x04 // message source: host
	ssiDecodeLE = 0x01 // LED_ON bit: decode LED

	ssiBeepOneShortHigh = 0x00
	ssiBeepTwoShortHigh = 0x01
	ssiBeepHiHiLoLo     = 0x1A
)

// ZebraSSI sends SSI BEEP packets (and LED_ON with a good read).
type ZebraSSI struct{}

// Append appends the SSI packets for s.
func (ZebraSSI) Append(dst []byte, s Signal) []byte {
	switch s {
	case Good:
		dst = SSIPacket(dst, ssiBeep, ssiBeepOneShortHigh)
		return SSIPacket(dst, ssiLEDOn, ssiDecodeLE)
	case Ack:
		return SSIPacket(dst, ssiBeep, ssiBeepTwoShortHigh)
	case Error:
		return SSIPacket(dst, ssiBeep, ssiBeepHiHiLoLo)
	}
	return dst
}

// SSIPacket appends one host-to-scanner SSI packet: length (header and
// data, without the checksum), opcode, source 0x04, status 0x00, data,
// then the 16-bit two's complement of the byte sum, high byte first.
func SSIPacket(dst []byte, opcode byte, data ...byte) []byte {
	start := len(dst)
	dst = append(dst, byte(4+len(data)), opcode, ssiHost, 0x00)
	dst = append(dst, data...)
	var sum uint16
	for _, b := range dst[start:] {
		sum += uint16(b)
	}
	ck := -sum
	return append(dst, byte(ck>>8), byte(ck))
}
