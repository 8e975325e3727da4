package barcode

import "fmt"

// NormalizeGTIN turns a GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) or
// GTIN-14 into its 14-digit form by left-padding with zeros, after
// checking the digits and the check digit. It is the form stock is keyed
// by, so an EAN-13 scan and a GS1-128 (01) scan of the same item match.
func NormalizeGTIN(code string) (string, error) {
	switch len(code) {
	case 8, 12, 13, 14:
	default:
		return "", &Error{Kind: ErrGTIN, Detail: fmt.Sprintf(
			"%d digits; a GTIN has 8, 12, 13 or 14", len(code))}
	}
	if !isDigits([]byte(code)) {
		return "", &Error{Kind: ErrGTIN, Detail: fmt.Sprintf("%q contains a non-digit", code)}
	}
	if !ValidCheckDigit([]byte(code)) {
		return "", checkDigitError([]byte(code), "", 0)
	}
	return "00000000000000"[len(code):] + code, nil
}

// ValidateSSCC checks an 18-digit Serial Shipping Container Code.
func ValidateSSCC(code string) error {
	if len(code) != 18 || !isDigits([]byte(code)) {
		return &Error{Kind: ErrValue, AI: "00", Detail: fmt.Sprintf(
			"SSCC %q must be 18 digits", code)}
	}
	if !ValidCheckDigit([]byte(code)) {
		return checkDigitError([]byte(code), "00", 0)
	}
	return nil
}

func checkDigitError(key []byte, ai string, off int) *Error {
	want, _ := CheckDigit(key[:len(key)-1])
	return errAt(ErrCheckDigit, ai, off+len(key)-1,
		"check digit of %s is %c, expected %c", key, key[len(key)-1], want)
}
