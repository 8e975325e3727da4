package gs1dict

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	in := `# comment
00         *?  N18,csum,gcppos2                  dlpkey                      # SSCC

3100-3105  *?  N6                                req=01,02 ex=310n           # NET WEIGHT (kg)
423         ?  N3,iso3166 [N3],iso3166           req=01,02,03 ex=426         # COUNTRY - INITIAL PROCESS
8110        ?  X..70,couponcode
01         *?  N14,csum,gcppos2                  ex=255,37 dlpkey=22,10,21|235  # GTIN
`
	got, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{Lo: "00", Hi: "00", Fixed: true, DLAttr: true, DLPKey: true, Title: "SSCC",
			Components: []Component{{Type: 'N', Min: 18, Max: 18, Linters: []string{"csum", "gcppos2"}}}},
		{Lo: "3100", Hi: "3105", Fixed: true, DLAttr: true, Title: "NET WEIGHT (kg)",
			Components: []Component{{Type: 'N', Min: 6, Max: 6}}},
		{Lo: "423", Hi: "423", DLAttr: true, Title: "COUNTRY - INITIAL PROCESS", Components: []Component{
			{Type: 'N', Min: 3, Max: 3, Linters: []string{"iso3166"}},
			{Type: 'N', Min: 3, Max: 3, Optional: true, Linters: []string{"iso3166"}}}},
		{Lo: "8110", Hi: "8110", DLAttr: true,
			Components: []Component{{Type: 'X', Min: 1, Max: 70, Linters: []string{"couponcode"}}}},
		{Lo: "01", Hi: "01", Fixed: true, DLAttr: true, DLPKey: true, Qualifiers: "22,10,21|235", Title: "GTIN",
			Components: []Component{{Type: 'N', Min: 14, Max: 14, Linters: []string{"csum", "gcppos2"}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse:\n got %+v\nwant %+v", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"0 N1", "00-0001 N1", "10 *", "10 Nx"} {
		if _, err := Parse(strings.NewReader(in)); err == nil {
			t.Errorf("Parse(%q) succeeded", in)
		}
	}
}
