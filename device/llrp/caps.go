package llrp

import "fmt"

// Capabilities is what a reader said about itself in
// GET_READER_CAPABILITIES_RESPONSE, plus the negotiated version.
type Capabilities struct {
	Version      uint8  // negotiated protocol version (1 or 2)
	Manufacturer uint32 // IANA PEN (Impinj 25882)
	Model        uint32
	Firmware     string
	Antennas     uint16 // MaxNumberOfAntennaSupported
	UTCClock     bool
	GPIs, GPOs   uint16

	MaxROSpecs, MaxSpecsPerROSpec, MaxAccessSpecs uint32
	StateAwareSingulation, EventReportHolding     bool
	MaxSelectFilters                              uint16

	CountryCode, CommStandard uint16
	Power                     []PowerLevel // transmit power table
	Modes                     []RFMode     // UHF C1G2 RF mode table
	Hopping                   bool
	HopTables                 []HopTable
	FixedFrequencies          []uint32 // kHz
}

// PowerLevel is one transmit power table entry.
type PowerLevel struct {
	Index    uint16
	CentiDBm int16
}

// RFMode is one UHF C1G2 RF mode table entry.
type RFMode struct {
	ID               uint32
	DR64             bool // divide ratio 64/3 (else 8)
	M                uint8
	Modulation, Mask uint8
	BDR, PIE         uint32
	MinTari, MaxTari uint32
}

// HopTable is a frequency hop table (kHz).
type HopTable struct {
	ID          uint8
	Frequencies []uint32
}

// DecodeCapabilities decodes a GET_READER_CAPABILITIES_RESPONSE payload
// after its LLRPStatus has been checked.
func DecodeCapabilities(payload []byte) (Capabilities, error) {
	var c Capabilities
	for b := payload; len(b) > 0; {
		p, rest, err := NextParam(b)
		if err != nil {
			return c, fmt.Errorf("GET_READER_CAPABILITIES_RESPONSE: %w", err)
		}
		if err := c.decodeTop(p); err != nil {
			return c, fmt.Errorf("GET_READER_CAPABILITIES_RESPONSE parameter %d: %w", p.Type, err)
		}
		b = rest
	}
	return c, nil
}

func (c *Capabilities) decodeTop(p Param) error {
	f := fields{b: p.Body}
	switch p.Type {
	case ParamGeneralDeviceCapabilities:
		c.Antennas = f.u16()
		flags := f.u16()
		c.UTCClock = flags&0x4000 != 0
		c.Manufacturer, c.Model, c.Firmware = f.u32(), f.u32(), f.str()
		return firstErr(f.err, walk(f.rest(), c.decodeGeneral))
	case ParamLLRPCapabilities:
		flags := f.u8()
		c.StateAwareSingulation, c.EventReportHolding = flags&0x10 != 0, flags&0x08 != 0
		f.u8()
		f.u16()
		c.MaxROSpecs, c.MaxSpecsPerROSpec = f.u32(), f.u32()
		f.u32()
		c.MaxAccessSpecs = f.u32()
	case ParamRegulatoryCapabilities:
		c.CountryCode, c.CommStandard = f.u16(), f.u16()
		return firstErr(f.err, walk(f.rest(), c.decodeRegulatory))
	case ParamC1G2LLRPCapabilities:
		f.u8()
		c.MaxSelectFilters = f.u16()
	}
	return f.err
}

func (c *Capabilities) decodeGeneral(p Param) error {
	if p.Type == ParamGPIOCapabilities {
		f := fields{b: p.Body}
		c.GPIs, c.GPOs = f.u16(), f.u16()
		return f.err
	}
	return nil
}

func (c *Capabilities) decodeRegulatory(p Param) error {
	if p.Type == ParamUHFBandCapabilities {
		return walk(p.Body, c.decodeBand)
	}
	return nil
}

func (c *Capabilities) decodeBand(p Param) error {
	f := fields{b: p.Body}
	switch p.Type {
	case ParamTransmitPowerLevelEntry:
		c.Power = append(c.Power, PowerLevel{Index: f.u16(), CentiDBm: int16(f.u16())})
	case ParamFrequencyInformation:
		c.Hopping = f.u8()&0x80 != 0
		return firstErr(f.err, walk(f.rest(), c.decodeFrequencies))
	case ParamUHFC1G2RFModeTable:
		return walk(p.Body, c.decodeMode)
	}
	return f.err
}
