package llrp

import (
	"encoding/binary"
	"fmt"
)

// TagField flags which optional TagReportData fields were present.
type TagField uint32

// TagReport fields that may be absent.
const (
	HasAntenna TagField = 1 << iota
	HasPeakRSSI
	HasChannel
	HasSeenCount
	HasROSpecID
	HasSpecIndex
	HasInvParamSpecID
	HasAccessSpecID
	HasFirstSeen
	HasLastSeen
	HasPC
	HasCRC
	HasXPC
	HasImpinjRSSI
	// FirstSeenUptime/LastSeenUptime mark timestamps that count from the
	// reader's boot instead of from 1970 (readers without a UTC clock).
	FirstSeenUptime
	LastSeenUptime
)

// TagReport is one decoded TagReportData. Its slices alias the message
// and a reused TagReport keeps its capacity, so steady-state decoding
// does not allocate. Copy what must outlive the callback.
type TagReport struct {
	Has                   TagField
	EPC                   []byte // EPC-96 or EPCData, whole bytes
	EPCBits               uint16 // EPC length in bits
	AntennaID             uint16
	PeakRSSI              int8  // dBm
	ImpinjPeakRSSI        int16 // centi-dBm, Impinj custom parameter 57
	ChannelIndex          uint16
	TagSeenCount          uint16
	ROSpecID              uint32
	SpecIndex             uint16
	InvParamSpecID        uint16
	AccessSpecID          uint32
	FirstSeen, LastSeen   uint64 // µs since 1970 (UTC) or since boot (Uptime)
	PC, CRC, XPCW1, XPCW2 uint16
	ReadResults           []ReadResult
	Custom                []CustomParam
}

// ReadResult is a C1G2ReadOpSpecResult: Result 0 is success and Data
// holds the words read (2 bytes each).
type ReadResult struct {
	Result   uint8
	OpSpecID uint16
	Data     []byte
}

// CustomParam is a vendor Custom parameter kept as it came.
type CustomParam struct {
	Vendor, Subtype uint32
	Data            []byte
}

func (r *TagReport) reset() {
	rr, cp := r.ReadResults[:0], r.Custom[:0]
	*r = TagReport{ReadResults: rr, Custom: cp}
}

// RSSICentiDBm returns the best RSSI the reader gave, in centi-dBm, and
// whether there was one. Impinj's finer custom value wins.
func (r *TagReport) RSSICentiDBm() (int16, bool) {
	switch {
	case r.Has&HasImpinjRSSI != 0:
		return r.ImpinjPeakRSSI, true
	case r.Has&HasPeakRSSI != 0:
		return int16(r.PeakRSSI) * 100, true
	}
	return 0, false
}

// DecodeROAccessReport decodes the payload of an RO_ACCESS_REPORT and
// calls fn for each TagReportData, in order, reusing tr. RFSurvey data,
// report-level Custom parameters and unknown TLVs are skipped. On error
// the reports before the bad one have been delivered.
func DecodeROAccessReport(payload []byte, tr *TagReport, fn func(*TagReport)) error {
	for off := 0; off < len(payload); {
		p, rest, err := NextParam(payload[off:])
		if err != nil {
			return fmt.Errorf("RO_ACCESS_REPORT at byte %d: %w", off, err)
		}
		if p.Type == ParamTagReportData && !p.TV {
			tr.reset()
			if err := tr.decode(p.Body); err != nil {
				return fmt.Errorf("RO_ACCESS_REPORT TagReportData at byte %d: %w", off, err)
			}
			fn(tr)
		}
		off = len(payload) - len(rest)
	}
	return nil
}

func (r *TagReport) decode(b []byte) error {
	for len(b) > 0 {
		if b[0]&0x80 != 0 {
			n, err := r.decodeTV(b)
			if err != nil {
				return err
			}
			b = b[n:]
			continue
		}
		p, rest, err := NextParam(b)
		if err != nil {
			return err
		}
		if err := r.decodeTLV(p); err != nil {
			return err
		}
		b = rest
	}
	if r.EPC == nil {
		return fmt.Errorf("TagReportData without EPC-96 or EPCData: %w", ErrBadParameter)
	}
	return nil
}

// decodeTV decodes one TV parameter in place and returns its size.
func (r *TagReport) decodeTV(b []byte) (int, error) {
	t := b[0] & 0x7f
	n := tvLength(t)
	if n < 0 {
		return 0, fmt.Errorf("TV type %d: %w", t, ErrUnknownTV)
	}
	if len(b) < 1+n {
		return 0, fmt.Errorf("TV %d needs %d bytes, %d left: %w", t, n, len(b)-1, ErrShortFrame)
	}
	v := b[1 : 1+n]
	switch n {
	case 1:
		r.PeakRSSI, r.Has = int8(v[0]), r.Has|HasPeakRSSI
	case 2:
		r.setU16(t, binary.BigEndian.Uint16(v))
	case 4:
		r.setU32(t, binary.BigEndian.Uint32(v))
	case 8:
		r.setTime(t, binary.BigEndian.Uint64(v))
	case 12:
		r.EPC, r.EPCBits = v, 96
	}
	return 1 + n, nil
}
