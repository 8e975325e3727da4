package barcode

import "strings"

//go:generate go run ./internal/gentable -in ../../../shared/data/gs1-syntax-dictionary.txt -out aitable_gen.go

// aiSpec is one GS1 Barcode Syntax Dictionary entry (a solitary AI or an
// AI range), generated into aitable_gen.go.
type aiSpec struct {
	lo, hi     string // AI range; equal for a solitary AI
	klo, khi   uint16 // the range as keys: 10000*len(AI) + AI, see aiKey
	fixed      bool   // predefined length: no GS needed after the value
	dlAttr     bool   // allowed as a Digital Link query attribute
	dlpKey     bool   // Digital Link primary key
	qualifiers string // Digital Link qualifier sequences, e.g. "22,10,21|235"
	title      string
	comps      []component
}

// component is one part of an AI's data field.
type component struct {
	typ      byte // 'N' digits, 'X' CSET 82, 'Y' CSET 39, 'Z' base64url
	min, max uint8
	optional bool
	lint     linter
}

// linter is a set of the dictionary's content checks for a component.
type linter uint64

// The dictionary's linters. Those in checkedLinters are enforced; the
// others (code lists such as ISO 3166, IBAN, coupon layouts) are carried
// so the table matches the dictionary, and are left to later layers.
const (
	lintCsum linter = 1 << iota
	lintCsumalpha
	lintGcppos1
	lintGcppos2
	lintYymmd0
	lintYymmdd
	lintYyyymmdd
	lintHhmi
	lintHh
	lintMi
	lintSs
	lintIso4217
	lintIso3166
	lintIso3166999
	lintIso3166alpha2
	lintIso5218
	lintPcenc
	lintYesno
	lintHyphen
	lintLatitude
	lintLongitude
	lintImporteridx
	lintPackagetype
	lintMediatype
	lintPosinseqslash
	lintNonzero
	lintWinding
	lintZero
	lintHasnondigit
	lintNozeroprefix
	lintPieceoftotal
	lintIban
	lintCouponcode
	lintCouponposoffer
)

// linterNames lists the linters in bit order, for the dictionary test.
var linterNames = [...]string{
	"csum", "csumalpha", "gcppos1", "gcppos2", "yymmd0", "yymmdd",
	"yyyymmdd", "hhmi", "hh", "mi", "ss", "iso4217", "iso3166",
	"iso3166999", "iso3166alpha2", "iso5218", "pcenc", "yesno", "hyphen",
	"latitude", "longitude", "importeridx", "packagetype", "mediatype",
	"posinseqslash", "nonzero", "winding", "zero", "hasnondigit",
	"nozeroprefix", "pieceoftotal", "iban", "couponcode", "couponposoffer",
}

// aiKey orders AIs by length, then value, as the table is sorted; ok is
// false unless ai is 2 to 4 digits.
func aiKey(ai []byte) (uint16, bool) {
	if len(ai) < 2 || len(ai) > 4 {
		return 0, false
	}
	n := 0
	for _, c := range ai {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return uint16(10000*len(ai) + n), true
}

// lookupAI finds the entry for the AI of exactly len(ai) digits.
func lookupAI(ai []byte) *aiSpec {
	k, ok := aiKey(ai)
	if !ok {
		return nil
	}
	lo, hi := 0, len(aiTable)
	for lo < hi { // first entry whose range ends at or after k
		m := int(uint(lo+hi) >> 1)
		if aiTable[m].khi < k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(aiTable) && aiTable[lo].klo <= k {
		return &aiTable[lo]
	}
	return nil
}

// findAI returns the entry whose AI starts data, trying 2, 3 then 4
// digits; GS1 AIs are prefix-free, so at most one length matches.
func findAI(data []byte) (*aiSpec, int) {
	for n := 2; n <= 4 && n <= len(data); n++ {
		if !isDigits(data[:n]) {
			return nil, 0
		}
		if s := lookupAI(data[:n]); s != nil {
			return s, n
		}
	}
	return nil, 0
}

// maxLen is the longest value the AI accepts.
func (s *aiSpec) maxLen() int {
	n := 0
	for _, c := range s.comps {
		n += int(c.max)
	}
	return n
}

// isKeyQualifier reports whether q may qualify the primary key s in a
// Digital Link path.
func (s *aiSpec) isKeyQualifier(q string) bool {
	for _, seq := range strings.Split(s.qualifiers, "|") {
		for _, ai := range strings.Split(seq, ",") {
			if ai == q {
				return true
			}
		}
	}
	return false
}
