package llrp

import "time"

func encodeInventoryCommand(b *Builder, cfg Config) {
	off := b.Begin(ParamC1G2InventoryCommand)
	b.U8(0) // TagInventoryStateAware = 0
	for _, p := range cfg.EPCPrefixes {
		encodePrefixFilter(b, p)
	}
	if cfg.RFMode != nil {
		rf := b.Begin(ParamC1G2RFControl)
		b.U16(uint16(*cfg.RFMode)).U16(0)
		b.End(rf)
	}
	sc := b.Begin(ParamC1G2SingulationControl)
	b.U8(sessionBits(cfg.Session)).U16(cfg.TagPopulation).U32(uint32(cfg.TagTransitTime / time.Millisecond))
	b.End(sc)
	if mode, ok := searchModeValue(cfg.SearchMode); ok {
		b.Custom(VendorImpinj, ImpinjInventorySearchMode, []byte{byte(mode >> 8), byte(mode)})
	}
	b.End(off)
}

// encodePrefixFilter selects tags whose EPC (EPC bank from bit 32,
// after CRC and PC) starts with prefix; others are unselected.
func encodePrefixFilter(b *Builder, prefix string) {
	mask, bits, err := prefixMask(prefix)
	if err != nil {
		return // Validate reports it
	}
	off := b.Begin(ParamC1G2Filter)
	b.U8(0) // T = 0: no truncation
	m := b.Begin(ParamC1G2TagInventoryMask)
	b.U8(1<<6).U16(32).Bits(bits, mask)
	b.End(m)
	a := b.Begin(ParamC1G2StateUnawareFilterAction)
	b.U8(0) // Select_Unselect
	b.End(a)
	b.End(off)
}

func sessionBits(s string) uint8 {
	if len(s) == 2 && s[1] >= '0' && s[1] <= '3' {
		return (s[1] - '0') << 6
	}
	return 1 << 6
}

// Tag report content selector bits (LLRP 1.1 §13.2.1.1).
const (
	selAntennaID    = 0x1000
	selChannelIndex = 0x0800
	selPeakRSSI     = 0x0400
	selFirstSeen    = 0x0200
	selLastSeen     = 0x0100
	selSeenCount    = 0x0080
	selAccessSpecID = 0x0040
)

func encodeReportSpec(b *Builder, cfg Config) {
	off := b.Begin(ParamROReportSpec)
	if cfg.ReportEvery > 0 {
		b.U8(6).U16(uint16(cfg.ReportEvery / time.Millisecond)) // N ms or end of ROSpec
	} else {
		b.U8(2).U16(cfg.ReportEveryNTags) // N tags or end of ROSpec
	}
	sel := b.Begin(ParamTagReportContentSelector)
	bits := uint16(selAntennaID | selChannelIndex | selPeakRSSI | selFirstSeen | selLastSeen | selSeenCount)
	if cfg.wantsAccess() {
		bits |= selAccessSpecID
	}
	b.U16(bits)
	b.End(sel)
	if cfg.wantsImpinj() {
		// ImpinjTagReportContentSelector{ImpinjEnablePeakRSSI: on}: RSSI in
		// centi-dBm instead of whole dBm.
		c := b.Begin(ParamCustom)
		b.U32(VendorImpinj).U32(ImpinjTagReportContent)
		b.Custom(VendorImpinj, ImpinjEnablePeakRSSI, []byte{0, 1})
		b.End(c)
	}
	b.End(off)
}

// EncodeAddAccessSpec encodes ADD_ACCESSSPEC reading the TID and/or user
// words of every tag the ROSpec sees.
func EncodeAddAccessSpec(b *Builder, id uint32, cfg Config, caps Capabilities) {
	cfg = cfg.withDefaults()
	b.Reset(caps.version(), MsgAddAccessSpec, id)
	off := b.Begin(ParamAccessSpec)
	b.U32(cfg.accessSpecID()).U16(0).U8(1).U8(0).U32(cfg.ROSpecID)
	st := b.Begin(ParamAccessSpecStopTrigger)
	b.U8(0).U16(0) // no stop: read every tag, forever
	b.End(st)
	cmd := b.Begin(ParamAccessCommand)
	ts := b.Begin(ParamC1G2TagSpec)
	tt := b.Begin(ParamC1G2TargetTag)
	b.U8(1<<6 | 1<<5).U16(0).U16(0).U16(0) // EPC bank, match, empty mask: every tag
	b.End(tt)
	b.End(ts)
	encodeRead(b, OpReadTID, 2, cfg.ReadTIDWords)
	encodeRead(b, OpReadUser, 3, cfg.ReadUserWords)
	b.End(cmd)
	rs := b.Begin(ParamAccessReportSpec)
	b.U8(0) // report with the RO report
	b.End(rs)
	b.End(off)
}

func encodeRead(b *Builder, op uint16, bank uint8, words uint16) {
	if words == 0 {
		return
	}
	off := b.Begin(ParamC1G2Read)
	b.U16(op).U32(0).U8(bank << 6).U16(0).U16(words)
	b.End(off)
}
