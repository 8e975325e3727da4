package llrp

import "time"

// EncodeAddROSpec encodes ADD_ROSPEC for cfg on a reader with caps. The
// config must have passed Validate(caps).
func EncodeAddROSpec(b *Builder, id uint32, cfg Config, caps Capabilities) {
	cfg = cfg.withDefaults()
	b.Reset(caps.version(), MsgAddROSpec, id)
	off := b.Begin(ParamROSpec)
	b.U32(cfg.ROSpecID).U8(0).U8(0) // priority 0, state Disabled
	encodeBoundary(b, cfg)
	encodeAISpec(b, cfg, caps)
	encodeReportSpec(b, cfg)
	b.End(off)
}

func (c Capabilities) version() uint8 {
	if c.Version == 0 {
		return Version101
	}
	return c.Version
}

func encodeBoundary(b *Builder, cfg Config) {
	off := b.Begin(ParamROBoundarySpec)
	start := b.Begin(ParamROSpecStartTrigger)
	if cfg.StartGPI != nil {
		b.U8(3)
		encodeGPI(b, cfg.StartGPI)
	} else {
		b.U8(0) // Null: started by START_ROSPEC after ENABLE_ROSPEC
	}
	b.End(start)
	stop := b.Begin(ParamROSpecStopTrigger)
	if cfg.StopGPI != nil {
		b.U8(2).U32(0)
		encodeGPI(b, cfg.StopGPI)
	} else {
		b.U8(0).U32(0) // Null: run until stopped
	}
	b.End(stop)
	b.End(off)
}

func encodeGPI(b *Builder, g *GPITrigger) {
	off := b.Begin(ParamGPITriggerValue)
	b.U16(g.Port).U8(boolByte(g.High, 0x80)).U32(uint32(g.Timeout / time.Millisecond))
	b.End(off)
}

func encodeAISpec(b *Builder, cfg Config, caps Capabilities) {
	off := b.Begin(ParamAISpec)
	ants := cfg.Antennas
	if len(ants) == 0 {
		ants = []uint16{0} // 0 = all antennas
	}
	b.U16(uint16(len(ants)))
	for _, a := range ants {
		b.U16(a)
	}
	stop := b.Begin(ParamAISpecStopTrigger)
	b.U8(0).U32(0)
	b.End(stop)
	ips := b.Begin(ParamInventoryParameterSpec)
	b.U16(1).U8(1) // spec 1, EPCglobal Class1 Gen2
	for _, a := range ants {
		encodeAntennaConfig(b, a, cfg, caps)
	}
	b.End(ips)
	b.End(off)
}

func encodeAntennaConfig(b *Builder, antenna uint16, cfg Config, caps Capabilities) {
	off := b.Begin(ParamAntennaConfiguration)
	b.U16(antenna)
	if idx, ok := caps.PowerIndex(cfg.TransmitPowerDBm); ok {
		t := b.Begin(ParamRFTransmitter)
		b.U16(caps.hopTableID()).U16(caps.channelIndex()).U16(idx)
		b.End(t)
	}
	encodeInventoryCommand(b, cfg)
	b.End(off)
}

func (c Capabilities) hopTableID() uint16 {
	if len(c.HopTables) > 0 {
		return uint16(c.HopTables[0].ID)
	}
	return 1
}

func (c Capabilities) channelIndex() uint16 {
	if c.Hopping {
		return 0
	}
	return 1
}
