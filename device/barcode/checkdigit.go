package barcode

// CheckDigit computes the GS1 mod-10 check digit for data digits (all
// digits of a key but the last): weights 3,1,3,... from the rightmost.
// ok is false if data is empty or not all digits.
func CheckDigit(data []byte) (digit byte, ok bool) {
	if len(data) == 0 {
		return 0, false
	}
	sum := 0
	for i := len(data) - 1; i >= 0; i-- {
		c := data[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		w := 1
		if (len(data)-1-i)%2 == 0 {
			w = 3
		}
		sum += int(c-'0') * w
	}
	return byte('0' + (10-sum%10)%10), true
}

// ValidCheckDigit reports whether the last digit of key is the GS1
// check digit of the others (GTIN, SSCC, GLN, GSIN, GSRN).
func ValidCheckDigit(key []byte) bool {
	if len(key) < 2 {
		return false
	}
	d, ok := CheckDigit(key[:len(key)-1])
	return ok && d == key[len(key)-1]
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}
