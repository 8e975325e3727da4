package llrp

// AppendTagReportData encodes r as a TagReportData parameter with the
// fields r.Has marks, in the order LLRP 1.1 §16.2.7.3 fixes. An EPC of
// 96 bits goes out as EPC-96, any other length as EPCData.
func AppendTagReportData(b *Builder, r *TagReport) {
	off := b.Begin(ParamTagReportData)
	if r.EPCBits == 96 && len(r.EPC) == 12 {
		b.TV(ParamEPC96).Raw(r.EPC)
	} else {
		e := b.Begin(ParamEPCData)
		b.Bits(r.EPCBits, r.EPC)
		b.End(e)
	}
	r.appendIDs(b)
	r.appendTimes(b)
	r.appendTail(b)
	b.End(off)
}

func (r *TagReport) appendIDs(b *Builder) {
	if r.Has&HasROSpecID != 0 {
		b.TV(ParamROSpecID).U32(r.ROSpecID)
	}
	if r.Has&HasSpecIndex != 0 {
		b.TV(ParamSpecIndex).U16(r.SpecIndex)
	}
	if r.Has&HasInvParamSpecID != 0 {
		b.TV(ParamInventoryParameterSpecID).U16(r.InvParamSpecID)
	}
	if r.Has&HasAntenna != 0 {
		b.TV(ParamAntennaID).U16(r.AntennaID)
	}
	if r.Has&HasPeakRSSI != 0 {
		b.TV(ParamPeakRSSI).U8(uint8(r.PeakRSSI))
	}
	if r.Has&HasChannel != 0 {
		b.TV(ParamChannelIndex).U16(r.ChannelIndex)
	}
}

func (r *TagReport) appendTimes(b *Builder) {
	if r.Has&HasFirstSeen != 0 {
		t := uint8(ParamFirstSeenUTC)
		if r.Has&FirstSeenUptime != 0 {
			t = ParamFirstSeenUptime
		}
		b.TV(t).U64(r.FirstSeen)
	}
	if r.Has&HasLastSeen != 0 {
		t := uint8(ParamLastSeenUTC)
		if r.Has&LastSeenUptime != 0 {
			t = ParamLastSeenUptime
		}
		b.TV(t).U64(r.LastSeen)
	}
	if r.Has&HasSeenCount != 0 {
		b.TV(ParamTagSeenCount).U16(r.TagSeenCount)
	}
}

func (r *TagReport) appendTail(b *Builder) {
	if r.Has&HasCRC != 0 {
		b.TV(ParamC1G2CRC).U16(r.CRC)
	}
	if r.Has&HasPC != 0 {
		b.TV(ParamC1G2PC).U16(r.PC)
	}
	if r.Has&HasXPC != 0 {
		b.TV(ParamC1G2XPCW1).U16(r.XPCW1).TV(ParamC1G2XPCW2).U16(r.XPCW2)
	}
	if r.Has&HasAccessSpecID != 0 {
		b.TV(ParamAccessSpecID).U32(r.AccessSpecID)
	}
	for _, rr := range r.ReadResults {
		off := b.Begin(ParamC1G2ReadOpSpecResult)
		b.U8(rr.Result).U16(rr.OpSpecID).U16(uint16(len(rr.Data) / 2)).Raw(rr.Data[:len(rr.Data)&^1])
		b.End(off)
	}
	for _, c := range r.Custom {
		b.Custom(c.Vendor, c.Subtype, c.Data)
	}
}
