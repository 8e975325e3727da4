package feedback

// None writes nothing.
type None struct{}

// Append returns dst unchanged.
func (None) Append(dst []byte, _ Signal) []byte { return dst }

// BEL rings the ASCII bell: once for good, twice for a state change,
// three times for an error.
type BEL struct{}

// Append appends 1, 2 or 3 BEL bytes.
func (BEL) Append(dst []byte, s Signal) []byte {
	return append(dst, "\a\a\a"[:count(s)]...)
}

func count(s Signal) int {
	switch s {
	case Good:
		return 1
	case Ack:
		return 2
	case Error:
		return 3
	}
	return 0
}

// Honeywell answers a scanner in Host ACK mode with ESC sequences.
type Honeywell struct{}

// Append appends ESC 7 , (good), ESC 8 , (error) or ESC a , (state change).
func (Honeywell) Append(dst []byte, s Signal) []byte {
	switch s {
	case Good:
		return append(dst, 0x1B, '7', ',')
	case Error:
		return append(dst, 0x1B, '8', ',')
	case Ack:
		return append(dst, 0x1B, 'a', ',')
	}
	return dst
}

// Datalogic sends single-byte RS-232 host commands.
type Datalogic struct{}

// Append appends 0x01 (good-read tone), 0x01 0x01 (state change) or 'F'
// (not-on-file beeps, error).
func (Datalogic) Append(dst []byte, s Signal) []byte {
	switch s {
	case Good:
		return append(dst, 0x01)
	case Ack:
		return append(dst, 0x01, 0x01)
	case Error:
		return append(dst, 'F')
	}
	return dst
}
