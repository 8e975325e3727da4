package barcode

import "strings"

//go:generate go run ./internal/gentable -in ../../../shared/data/gs1-syntax-dictionary.txt -out aitable_gen.go

// aiSpec is one GS1 Barcode Syntax Dictionary entry (a solitary AI or an
// AI range), generated into aitable_gen.go.
type aiSpec struct {
	lo, hi     string // AI range; equal for a solitary AI
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

// lookupAI finds the entry for the AI of exactly len(ai) digits.
func lookupAI(ai []byte) *aiSpec {
	lo, hi := 0, len(aiTable)
	for lo < hi { // first entry not less than ai, ordered by (length, lo)
		m := int(uint(lo+hi) >> 1)
		if less(aiTable[m].lo, ai) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(aiTable) && aiTable[lo].lo == string(ai) {
		return &aiTable[lo]
	}
	if lo > 0 && inRange(&aiTable[lo-1], ai) {
		return &aiTable[lo-1]
	}
	return nil
}

func less(lo string, ai []byte) bool {
	if len(lo) != len(ai) {
		return len(lo) < len(ai)
	}
	return lo < string(ai)
}

func inRange(s *aiSpec, ai []byte) bool {
	return len(s.lo) == len(ai) && s.lo <= string(ai) && string(ai) <= s.hi
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
