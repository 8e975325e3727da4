package barcode

// Symbology describes the symbol a scan came from.
type Symbology struct {
	// ID is the AIM symbology identifier as sent, e.g. "]C1"; empty when
	// the scanner sent none (AIM IDs are off by default on most scanners).
	ID string `json:"aim_id,omitempty"`
	// Name is the symbology's name, e.g. "GS1-128"; a guess when ID is empty.
	Name string `json:"symbology"`
	// GS1 is true when the identifier announces GS1 element strings.
	GS1 bool `json:"gs1"`
}

// aimEntry is a known identifier, kept as data so a lookup returns
// static strings and allocates nothing.
type aimEntry struct {
	id, name string
	gs1      bool
}

// aimIDs lists the identifiers with a modifier-specific meaning (AIM ISO/IEC
// 15424 and GS1's scandata.c); others are named by their code character.
var aimIDs = [...]aimEntry{
	{"]C0", "Code 128", false}, {"]C1", "GS1-128", true},
	{"]C2", "Code 128 (FNC1 in second position)", false},
	{"]E0", "EAN-13/UPC-A/UPC-E", false}, {"]E1", "EAN/UPC 2-digit add-on", false},
	{"]E2", "EAN/UPC 5-digit add-on", false}, {"]E3", "EAN/UPC with add-on", false},
	{"]E4", "EAN-8", false}, {"]e0", "GS1 DataBar", true},
	{"]d1", "Data Matrix", false}, {"]d2", "GS1 DataMatrix", true},
	{"]Q1", "QR Code", false}, {"]Q3", "GS1 QR Code", true},
	{"]J0", "DotCode", false}, {"]J1", "GS1 DotCode", true},
	{"]I0", "ITF", false}, {"]I1", "ITF (check digit validated)", false},
}

// aimFamilies names code characters whatever the modifier.
var aimFamilies = [...]struct {
	code byte
	name string
}{
	{'A', "Code 39"}, {'B', "Telepen"}, {'C', "Code 128"}, {'D', "Code One"},
	{'E', "EAN/UPC"}, {'F', "Codabar"}, {'G', "Code 93"}, {'H', "Code 11"},
	{'I', "ITF"}, {'J', "DotCode"}, {'K', "Code 16K"}, {'L', "PDF417"},
	{'M', "MSI"}, {'O', "Codablock"}, {'P', "Plessey"}, {'Q', "QR Code"},
	{'R', "Straight 2 of 5 (2 bar start/stop)"}, {'S', "Straight 2 of 5 (3 bar start/stop)"},
	{'T', "Code 49"}, {'U', "MaxiCode"}, {'X', "other"}, {'d', "Data Matrix"},
	{'e', "GS1 DataBar"}, {'h', "Han Xin"}, {'z', "Aztec"},
}

// ParseAIM splits a leading AIM symbology identifier "]cm" off data. ok
// is false when data does not start with one; an unknown but well-formed
// identifier is passed through with the name "unknown".
func ParseAIM(data []byte) (sym Symbology, rest []byte, ok bool) {
	if len(data) < 3 || data[0] != ']' || !isAlpha(data[1]) || !isAlnum(data[2]) {
		return Symbology{}, data, false
	}
	for _, e := range aimIDs {
		if e.id == string(data[:3]) {
			return Symbology{ID: e.id, Name: e.name, GS1: e.gs1}, data[3:], true
		}
	}
	sym = Symbology{ID: string(data[:3]), Name: "unknown"}
	for _, f := range aimFamilies {
		if f.code == data[1] {
			sym.Name = f.name
		}
	}
	return sym, data[3:], true
}

func isAlpha(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }
func isAlnum(c byte) bool { return isAlpha(c) || c >= '0' && c <= '9' }
