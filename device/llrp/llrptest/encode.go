package llrptest

import (
	"time"

	"github.com/edged/edged/device/llrp"
)

const (
	gpiPorts = 4
	gpoPorts = 4
)

// timestamp is the reader clock in µs: UTC (plus the configured offset)
// or time since boot.
func (r *Reader) timestamp() uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.timestampLocked(time.Now())
}

func (r *Reader) timestampLocked(now time.Time) uint64 {
	if r.opts.Uptime {
		return uint64(now.Sub(r.boot) / time.Microsecond)
	}
	return uint64(now.Add(r.opts.ClockOffset).UnixMicro())
}

func encodeConnEvent(b *llrp.Builder, status uint16, ts uint64) {
	b.Reset(llrp.Version101, llrp.MsgReaderEventNotification, 0)
	off := b.Begin(llrp.ParamReaderEventNotificationData)
	t := b.Begin(llrp.ParamUTCTimestamp)
	b.U64(ts)
	b.End(t)
	c := b.Begin(llrp.ParamConnectionAttemptEvent)
	b.U16(status)
	b.End(c)
	b.End(off)
}

func (r *Reader) encodeCapabilities(b *llrp.Builder, version uint8, id uint32) {
	b.Reset(version, llrp.MsgGetReaderCapabilitiesResponse, id)
	b.Status(llrp.StatusSuccess, "")
	g := b.Begin(llrp.ParamGeneralDeviceCapabilities)
	clock := uint16(0x4000)
	if r.opts.Uptime {
		clock = 0
	}
	b.U16(r.opts.Antennas).U16(clock).U32(llrp.VendorImpinj).U32(2001002).String("llrptest-1.0")
	gpio := b.Begin(llrp.ParamGPIOCapabilities)
	b.U16(gpiPorts).U16(gpoPorts)
	b.End(gpio)
	b.End(g)
	l := b.Begin(llrp.ParamLLRPCapabilities)
	b.U8(0x48).U8(1).U16(0).U32(1).U32(32).U32(1).U32(1).U32(8)
	b.End(l)
	encodeRegulatory(b)
	c := b.Begin(llrp.ParamC1G2LLRPCapabilities)
	b.U8(0).U16(2)
	b.End(c)
}

// encodeRegulatory writes a US FCC band with power from 10 to 30 dBm in
// 0.25 dB steps, one hop table and two RF modes.
func encodeRegulatory(b *llrp.Builder) {
	reg := b.Begin(llrp.ParamRegulatoryCapabilities)
	b.U16(840).U16(1)
	band := b.Begin(llrp.ParamUHFBandCapabilities)
	for i := range 81 {
		e := b.Begin(llrp.ParamTransmitPowerLevelEntry)
		b.U16(uint16(i + 1)).U16(uint16(1000 + 25*i))
		b.End(e)
	}
	fi := b.Begin(llrp.ParamFrequencyInformation)
	b.U8(0x80)
	ht := b.Begin(llrp.ParamFrequencyHopTable)
	b.U8(1).U8(0).U16(50)
	for i := range 50 {
		b.U32(uint32(902750 + 500*i))
	}
	b.End(ht)
	b.End(fi)
	mt := b.Begin(llrp.ParamUHFC1G2RFModeTable)
	for _, m := range [...]struct{ id, bdr, tari uint32 }{{0, 640000, 6250}, {2, 274000, 20000}} {
		e := b.Begin(llrp.ParamUHFC1G2RFModeTableEntry)
		b.U32(m.id).U8(0x80).U8(1).U8(0).U8(2).U32(m.bdr).U32(1500).U32(m.tari).U32(m.tari).U32(0)
		b.End(e)
	}
	b.End(mt)
	b.End(band)
	b.End(reg)
}

// encodeReaderConfig answers GET_READER_CONFIG with the identification,
// antenna properties and GPI states.
func (r *Reader) encodeReaderConfig(b *llrp.Builder, version uint8, id uint32) {
	b.Reset(version, llrp.MsgGetReaderConfigResponse, id)
	b.Status(llrp.StatusSuccess, "")
	off := b.Begin(llrp.ParamIdentification)
	b.U8(0).U16(6).Raw([]byte{0x00, 0x16, 0x25, 0x12, 0x34, 0x56})
	b.End(off)
	for a := uint16(1); a <= r.opts.Antennas; a++ {
		p := b.Begin(llrp.ParamAntennaProperties)
		connected := uint8(0x80)
		if contains(r.opts.Disconnected, a) {
			connected = 0
		}
		b.U8(connected).U16(a).U16(600)
		b.End(p)
	}
	for port := uint16(1); port <= gpiPorts; port++ {
		g := b.Begin(llrp.ParamGPIPortCurrentState)
		b.U16(port).U8(0x80).U8(0)
		b.End(g)
	}
}
