package llrp

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"testing"
)

// randomTag builds a TagReport with random fields present.
func randomTag(rng *rand.Rand) TagReport {
	bits := uint16(96)
	if rng.IntN(3) == 0 {
		bits = uint16(1 + rng.IntN(496))
	}
	epc := make([]byte, (bits+7)/8)
	for i := range epc {
		epc[i] = byte(rng.Uint32())
	}
	if bits%8 != 0 {
		epc[len(epc)-1] &= 0xff << (8 - bits%8) // bit arrays are padded with zeros
	}
	r := TagReport{EPC: epc, EPCBits: bits, Has: TagField(rng.Uint32()) & (HasImpinjRSSI - 1 | FirstSeenUptime | LastSeenUptime)}
	r.AntennaID, r.PeakRSSI, r.ChannelIndex = uint16(rng.Uint32()), int8(rng.Uint32()), uint16(rng.Uint32())
	r.TagSeenCount, r.ROSpecID, r.SpecIndex = uint16(rng.Uint32()), rng.Uint32(), uint16(rng.Uint32())
	r.InvParamSpecID, r.AccessSpecID = uint16(rng.Uint32()), rng.Uint32()
	r.FirstSeen, r.LastSeen, r.PC, r.CRC = rng.Uint64(), rng.Uint64(), uint16(rng.Uint32()), uint16(rng.Uint32())
	r.XPCW1, r.XPCW2 = uint16(rng.Uint32()), uint16(rng.Uint32())
	r.clearAbsent()
	if rng.IntN(2) == 0 {
		r.ReadResults = []ReadResult{{Result: 0, OpSpecID: OpReadTID, Data: []byte{0xe2, 0x80, 0x11, 0x60}}}
	}
	if rng.IntN(2) == 0 {
		r.Custom = []CustomParam{{Vendor: 10642, Subtype: 7, Data: []byte{1, 2, 3}}}
	}
	return r
}

// clearAbsent zeroes fields whose Has bit is off and drops Uptime flags
// of absent timestamps, so a decoded copy can be compared with ==.
func (r *TagReport) clearAbsent() {
	zero := func(bit TagField, clear func()) {
		if r.Has&bit == 0 {
			clear()
		}
	}
	zero(HasAntenna, func() { r.AntennaID = 0 })
	zero(HasPeakRSSI, func() { r.PeakRSSI = 0 })
	zero(HasChannel, func() { r.ChannelIndex = 0 })
	zero(HasSeenCount, func() { r.TagSeenCount = 0 })
	zero(HasROSpecID, func() { r.ROSpecID = 0 })
	zero(HasSpecIndex, func() { r.SpecIndex = 0 })
	zero(HasInvParamSpecID, func() { r.InvParamSpecID = 0 })
	zero(HasAccessSpecID, func() { r.AccessSpecID = 0 })
	zero(HasFirstSeen, func() { r.FirstSeen, r.Has = 0, r.Has&^FirstSeenUptime })
	zero(HasLastSeen, func() { r.LastSeen, r.Has = 0, r.Has&^LastSeenUptime })
	zero(HasPC, func() { r.PC = 0 })
	zero(HasCRC, func() { r.CRC = 0 })
	zero(HasXPC, func() { r.XPCW1, r.XPCW2 = 0, 0 })
}

func TestTagReportRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 2000 {
		want := randomTag(rng)
		var b Builder
		b.Reset(Version101, MsgROAccessReport, 1)
		AppendTagReportData(&b, &want)
		msg := b.Bytes()
		var got TagReport
		n := 0
		err := DecodeROAccessReport(msg[HeaderLen:], &got, func(r *TagReport) {
			n++
			if !equalTags(r, &want) {
				t.Fatalf("case %d:\n got %+v\nwant %+v", i, *r, want)
			}
		})
		if err != nil || n != 1 {
			t.Fatalf("case %d: %d tags, %v", i, n, err)
		}
	}
}

func equalTags(a, b *TagReport) bool {
	x, y := *a, *b
	x.ReadResults, y.ReadResults, x.Custom, y.Custom, x.EPC, y.EPC = nil, nil, nil, nil, nil, nil
	return reflect.DeepEqual(x, y) && bytes.Equal(a.EPC, b.EPC) && len(a.ReadResults) == len(b.ReadResults) &&
		(len(a.ReadResults) == 0 || reflect.DeepEqual(a.ReadResults, b.ReadResults)) &&
		len(a.Custom) == len(b.Custom) && (len(a.Custom) == 0 || reflect.DeepEqual(a.Custom, b.Custom))
}
