package llrptest

import (
	"bytes"
	"encoding/binary"

	"github.com/edged/edged/device/llrp"
)

// epcFilter is a C1G2 Select on the EPC bank from bit 32 (after CRC and
// PC), the only kind the fake applies.
type epcFilter struct {
	bits uint16
	mask []byte
}

// parseFilters collects the C1G2Filters of the first antenna
// configuration of an InventoryParameterSpec body.
func parseFilters(b []byte) []epcFilter {
	ac, _, _ := llrp.FindParam(b, llrp.ParamAntennaConfiguration)
	if len(ac.Body) < 2 {
		return nil
	}
	inv, _, _ := llrp.FindParam(ac.Body[2:], llrp.ParamC1G2InventoryCommand)
	if len(inv.Body) < 1 {
		return nil
	}
	var out []epcFilter
	for rest := inv.Body[1:]; len(rest) > 0; {
		p, next, err := llrp.NextParam(rest)
		if err != nil {
			break
		}
		if f, ok := parseFilter(p); ok {
			out = append(out, f)
		}
		rest = next
	}
	return out
}

func parseFilter(p llrp.Param) (epcFilter, bool) {
	if p.Type != llrp.ParamC1G2Filter || len(p.Body) < 1 {
		return epcFilter{}, false
	}
	m, ok, _ := llrp.FindParam(p.Body[1:], llrp.ParamC1G2TagInventoryMask)
	if !ok || len(m.Body) < 5 || m.Body[0]>>6 != 1 || binary.BigEndian.Uint16(m.Body[1:]) != 32 {
		return epcFilter{}, false
	}
	bits := binary.BigEndian.Uint16(m.Body[3:])
	n := (int(bits) + 7) / 8
	if len(m.Body) < 5+n {
		return epcFilter{}, false
	}
	return epcFilter{bits: bits, mask: m.Body[5 : 5+n]}, true
}

// selects reports whether the spec's filters let a tag with epc answer.
func (s roSpec) selects(epc []byte) bool {
	if len(s.filters) == 0 {
		return true
	}
	for _, f := range s.filters {
		if f.matches(epc) {
			return true
		}
	}
	return false
}

func (f epcFilter) matches(epc []byte) bool {
	whole, rem := int(f.bits/8), f.bits%8
	if len(epc) < whole+1 && rem > 0 || len(epc) < whole {
		return false
	}
	if !bytes.Equal(epc[:whole], f.mask[:whole]) {
		return false
	}
	if rem == 0 {
		return true
	}
	keep := byte(0xff << (8 - rem))
	return epc[whole]&keep == f.mask[whole]&keep
}
