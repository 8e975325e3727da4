package wire

// MaxIDLen bounds site, gateway, epoch and boot identifiers.
const MaxIDLen = 64

// ValidID reports whether s can be a site or gateway id: 1 to MaxIDLen
// bytes of lowercase letters, digits, '-', '_' or '.', so that it is one
// MQTT topic level without wildcards and a certificate CN.
func ValidID(s string) bool {
	if s == "" || len(s) > MaxIDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// validIDs checks name/value pairs with ValidID.
func validIDs(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if !ValidID(pairs[i+1]) {
			return malformed("%s %q must be 1-%d bytes of a-z, 0-9, '-', '_', '.'", pairs[i], pairs[i+1], MaxIDLen)
		}
	}
	return nil
}

// CheckIDs validates a site and a gateway id for configuration errors.
func CheckIDs(site, gateway string) error {
	return validIDs("site", site, "gateway", gateway)
}
