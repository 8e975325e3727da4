package epc

import "errors"

// Decoding errors. Decode wraps them with the scheme and the EPC in hex;
// Classify returns them bare so it can stay allocation-free.
var (
	// ErrLength means the EPC is shorter than its header's scheme needs,
	// or carries non-zero bits after the encoded EPC.
	ErrLength = errors.New("epc length does not match its header")
	// ErrPartition means the 3-bit partition value is 7, which no scheme
	// defines.
	ErrPartition = errors.New("invalid partition value")
	// ErrRange means a numeric field holds a value with more decimal digits
	// than the partition allows (for example a company prefix of 10^7 in a
	// 7-digit partition).
	ErrRange = errors.New("field value exceeds its digit count")
	// ErrCharacter means an SGTIN-198 serial holds a character outside the
	// GS1 AI encodable character set 82, or data after its terminator.
	ErrCharacter = errors.New("invalid serial character")
)

// ErrEncode is returned (wrapped) by the encoders when an argument cannot
// be represented; the message names the argument and the rule it breaks.
var ErrEncode = errors.New("epc: cannot encode")
