package llrp

func (c *Capabilities) decodeFrequencies(p Param) error {
	f := fields{b: p.Body}
	switch p.Type {
	case ParamFrequencyHopTable:
		t := HopTable{ID: f.u8()}
		f.u8()
		t.Frequencies = f.u32list()
		c.HopTables = append(c.HopTables, t)
	case ParamFixedFrequencyTable:
		c.FixedFrequencies = f.u32list()
	}
	return f.err
}

func (c *Capabilities) decodeMode(p Param) error {
	if p.Type != ParamUHFC1G2RFModeTableEntry {
		return nil
	}
	f := fields{b: p.Body}
	m := RFMode{ID: f.u32(), DR64: f.u8()&0x80 != 0, M: f.u8()}
	m.Modulation, m.Mask = f.u8(), f.u8()
	m.BDR, m.PIE, m.MinTari, m.MaxTari = f.u32(), f.u32(), f.u32(), f.u32()
	f.u32()
	if f.err == nil {
		c.Modes = append(c.Modes, m)
	}
	return f.err
}

// u32list reads a u16 count then that many u32 values, refusing counts
// the remaining bytes cannot hold (no allocation from a bogus count).
func (f *fields) u32list() []uint32 {
	n := int(f.u16())
	if !f.need(4 * n) {
		return nil
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = f.u32()
	}
	return out
}

// walk calls fn for each parameter in b.
func walk(b []byte, fn func(Param) error) error {
	for len(b) > 0 {
		p, rest, err := NextParam(b)
		if err != nil {
			return err
		}
		if err := fn(p); err != nil {
			return err
		}
		b = rest
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// PowerIndex returns the index of the highest power table entry at or
// below dBm, or ok=false if dBm is below the lowest entry. dBm 0 means
// the maximum.
func (c *Capabilities) PowerIndex(dBm float64) (index uint16, ok bool) {
	var best PowerLevel
	for _, p := range c.Power {
		fits := dBm == 0 || float64(p.CentiDBm) <= dBm*100+0.5
		if fits && (!ok || p.CentiDBm > best.CentiDBm) {
			best, ok = p, true
		}
	}
	return best.Index, ok
}

// PowerRange returns the lowest and highest power in dBm.
func (c *Capabilities) PowerRange() (lo, hi float64) {
	for i, p := range c.Power {
		v := float64(p.CentiDBm) / 100
		if i == 0 || v < lo {
			lo = v
		}
		if i == 0 || v > hi {
			hi = v
		}
	}
	return lo, hi
}
