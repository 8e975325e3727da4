package llrp

import (
	"encoding/binary"
	"fmt"
)

func (r *TagReport) setU16(t uint8, v uint16) {
	switch t {
	case ParamAntennaID:
		r.AntennaID, r.Has = v, r.Has|HasAntenna
	case ParamChannelIndex:
		r.ChannelIndex, r.Has = v, r.Has|HasChannel
	case ParamTagSeenCount:
		r.TagSeenCount, r.Has = v, r.Has|HasSeenCount
	case ParamSpecIndex:
		r.SpecIndex, r.Has = v, r.Has|HasSpecIndex
	case ParamInventoryParameterSpecID:
		r.InvParamSpecID, r.Has = v, r.Has|HasInvParamSpecID
	case ParamC1G2PC:
		r.PC, r.Has = v, r.Has|HasPC
	case ParamC1G2CRC:
		r.CRC, r.Has = v, r.Has|HasCRC
	case ParamC1G2XPCW1:
		r.XPCW1, r.Has = v, r.Has|HasXPC
	case ParamC1G2XPCW2:
		r.XPCW2, r.Has = v, r.Has|HasXPC
	}
}

func (r *TagReport) setU32(t uint8, v uint32) {
	switch t {
	case ParamROSpecID:
		r.ROSpecID, r.Has = v, r.Has|HasROSpecID
	case ParamAccessSpecID:
		r.AccessSpecID, r.Has = v, r.Has|HasAccessSpecID
	}
}

func (r *TagReport) setTime(t uint8, v uint64) {
	switch t {
	case ParamFirstSeenUTC:
		r.FirstSeen, r.Has = v, r.Has&^FirstSeenUptime|HasFirstSeen
	case ParamFirstSeenUptime:
		r.FirstSeen, r.Has = v, r.Has|HasFirstSeen|FirstSeenUptime
	case ParamLastSeenUTC:
		r.LastSeen, r.Has = v, r.Has&^LastSeenUptime|HasLastSeen
	case ParamLastSeenUptime:
		r.LastSeen, r.Has = v, r.Has|HasLastSeen|LastSeenUptime
	}
}

func (r *TagReport) decodeTLV(p Param) error {
	switch p.Type {
	case ParamEPCData:
		return r.decodeEPCData(p.Body)
	case ParamC1G2ReadOpSpecResult:
		return r.decodeReadResult(p.Body)
	case ParamCustom:
		return r.decodeCustom(p.Body)
	}
	return nil // unknown or unused TLV: skipped by length
}

func (r *TagReport) decodeEPCData(b []byte) error {
	if len(b) < 2 {
		return fmt.Errorf("EPCData: %w", ErrShortFrame)
	}
	bits := binary.BigEndian.Uint16(b)
	n := (int(bits) + 7) / 8
	if len(b)-2 < n {
		return fmt.Errorf("EPCData of %d bits has %d bytes: %w", bits, len(b)-2, ErrShortFrame)
	}
	r.EPC, r.EPCBits = b[2:2+n:2+n], bits
	return nil
}

func (r *TagReport) decodeReadResult(b []byte) error {
	f := fields{b: b}
	res := ReadResult{Result: f.u8(), OpSpecID: f.u16()}
	res.Data = f.bytes(2 * int(f.u16()))
	if f.err != nil {
		return fmt.Errorf("C1G2ReadOpSpecResult: %w", f.err)
	}
	r.ReadResults = append(r.ReadResults, res)
	return nil
}

func (r *TagReport) decodeCustom(b []byte) error {
	if len(b) < 8 {
		return fmt.Errorf("Custom parameter of %d bytes: %w", len(b), ErrShortFrame)
	}
	c := CustomParam{Vendor: binary.BigEndian.Uint32(b), Subtype: binary.BigEndian.Uint32(b[4:]), Data: b[8:]}
	if c.Vendor == VendorImpinj && c.Subtype == ImpinjPeakRSSI && len(c.Data) >= 2 {
		r.ImpinjPeakRSSI, r.Has = int16(binary.BigEndian.Uint16(c.Data)), r.Has|HasImpinjRSSI
	}
	r.Custom = append(r.Custom, c)
	return nil
}
