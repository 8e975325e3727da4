package epc

// Scheme identifies an EPC binary coding scheme by its 8-bit header.
type Scheme uint8

// The schemes Decode understands. Unknown covers every other header.
const (
	Unknown Scheme = iota
	SGTIN96
	SGTIN198
	SSCC96
	SGLN96
	GRAI96
	GIAI96
)

// Headers from TDS table 14-1.
const (
	headerSGTIN96  = 0x30
	headerSSCC96   = 0x31
	headerSGLN96   = 0x32
	headerGRAI96   = 0x33
	headerGIAI96   = 0x34
	headerSGTIN198 = 0x36
)

// layout describes one scheme: the URI names, the total bit length, the
// partition table for the second field (bits and digits, indexed by
// partition value 0-6) and the width of the third field, if any.
type layout struct {
	id, tag   string
	bits      int
	tailBits  int
	header    byte
	refBits   [7]uint8
	refDigits [7]uint8
}

// Company prefix bits for partitions 0-6 (12 down to 6 digits) are the
// same in every scheme; the company prefix digits are 12 - partition.
var companyBits = [7]uint8{40, 37, 34, 30, 27, 24, 20}

var layouts = [...]layout{
	SGTIN96: {tailBits: 38, id: "sgtin", tag: "sgtin-96", bits: 96, header: headerSGTIN96,
		refBits: [7]uint8{4, 7, 10, 14, 17, 20, 24}, refDigits: [7]uint8{1, 2, 3, 4, 5, 6, 7}},
	SGTIN198: {tailBits: 140, id: "sgtin", tag: "sgtin-198", bits: 198, header: headerSGTIN198,
		refBits: [7]uint8{4, 7, 10, 14, 17, 20, 24}, refDigits: [7]uint8{1, 2, 3, 4, 5, 6, 7}},
	SSCC96: {tailBits: 24, id: "sscc", tag: "sscc-96", bits: 96, header: headerSSCC96,
		refBits: [7]uint8{18, 21, 24, 28, 31, 34, 38}, refDigits: [7]uint8{5, 6, 7, 8, 9, 10, 11}},
	SGLN96: {tailBits: 41, id: "sgln", tag: "sgln-96", bits: 96, header: headerSGLN96,
		refBits: [7]uint8{1, 4, 7, 11, 14, 17, 21}, refDigits: [7]uint8{0, 1, 2, 3, 4, 5, 6}},
	GRAI96: {tailBits: 38, id: "grai", tag: "grai-96", bits: 96, header: headerGRAI96,
		refBits: [7]uint8{4, 7, 10, 14, 17, 20, 24}, refDigits: [7]uint8{0, 1, 2, 3, 4, 5, 6}},
	GIAI96: {tailBits: 0, id: "giai", tag: "giai-96", bits: 96, header: headerGIAI96,
		refBits: [7]uint8{42, 45, 48, 52, 55, 58, 62}, refDigits: [7]uint8{12, 13, 14, 15, 16, 17, 18}},
}

// schemeOf maps a header byte to its scheme.
func schemeOf(header byte) Scheme {
	switch header {
	case headerSGTIN96:
		return SGTIN96
	case headerSGTIN198:
		return SGTIN198
	case headerSSCC96:
		return SSCC96
	case headerSGLN96:
		return SGLN96
	case headerGRAI96:
		return GRAI96
	case headerGIAI96:
		return GIAI96
	}
	return Unknown
}

// String returns the tag-encoding name, such as "sgtin-96".
func (s Scheme) String() string {
	if s == Unknown || int(s) >= len(layouts) {
		return "unknown"
	}
	return layouts[s].tag
}
