package llrp

// Encoders for the requests a client sends. Each resets b and leaves the
// whole message in it; send it with one Write of b.Bytes().

// EncodeEmpty encodes a message without a body: GET_SUPPORTED_VERSION,
// KEEPALIVE_ACK, CLOSE_CONNECTION, ENABLE_EVENTS_AND_REPORTS.
func EncodeEmpty(b *Builder, version uint8, t MsgType, id uint32) {
	b.Reset(version, t, id)
}

// EncodeGetReaderCapabilities asks for every capability (RequestedData 0).
func EncodeGetReaderCapabilities(b *Builder, version uint8, id uint32) {
	b.Reset(version, MsgGetReaderCapabilities, id)
	b.U8(0)
}

// EncodeGetReaderConfig asks for the whole configuration of every
// antenna and GPIO port.
func EncodeGetReaderConfig(b *Builder, version uint8, id uint32) {
	b.Reset(version, MsgGetReaderConfig, id)
	b.U16(0).U8(0).U16(0).U16(0)
}

// EncodeSpecID encodes the ROSpec and AccessSpec messages whose body is
// just a spec id (DELETE/ENABLE/DISABLE/START/STOP_ROSPEC and
// DELETE/ENABLE/DISABLE_ACCESSSPEC); id 0 means all for delete, enable
// and disable.
func EncodeSpecID(b *Builder, version uint8, t MsgType, id, specID uint32) {
	b.Reset(version, t, id)
	b.U32(specID)
}

// EncodeSetProtocolVersion asks the reader to switch to version v. It is
// itself sent with header version 2 (LLRP 1.1 §9.1.5).
func EncodeSetProtocolVersion(b *Builder, id uint32, v uint8) {
	b.Reset(Version11, MsgSetProtocolVersion, id)
	b.U8(v)
}

// EncodeCustomMessage encodes a CUSTOM_MESSAGE to pass vendor commands
// through unchanged.
func EncodeCustomMessage(b *Builder, version uint8, id, vendor uint32, subtype uint8, data []byte) {
	b.Reset(version, MsgCustomMessage, id)
	b.U32(vendor).U8(subtype).Raw(data)
}

// EncodeImpinjEnableExtensions encodes Impinj's IMPINJ_ENABLE_EXTENSIONS,
// without which Impinj readers reject Impinj custom parameters.
func EncodeImpinjEnableExtensions(b *Builder, version uint8, id uint32) {
	EncodeCustomMessage(b, version, id, VendorImpinj, ImpinjEnableExtensions, []byte{0, 0, 0, 0})
}

// SessionConfig is the reader-level configuration set on every connect.
type SessionConfig struct {
	KeepaliveMs uint32 // periodic KEEPALIVE interval; 0 disables
	Hold        bool   // HoldEventsAndReportsUponReconnect (reader supports it)
}

// EncodeSetReaderConfig encodes SET_READER_CONFIG with the reader events
// the client acts on, the keepalive and, if asked, report holding.
func EncodeSetReaderConfig(b *Builder, version uint8, id uint32, sc SessionConfig) {
	b.Reset(version, MsgSetReaderConfig, id)
	b.U8(0) // ResetToFactoryDefault = 0
	off := b.Begin(ParamReaderEventNotificationSpec)
	for _, ev := range [...]uint16{1, 2, 3, 4, 8} { // GPI, ROSpec, buffer, exception, antenna
		s := b.Begin(ParamEventNotificationState)
		b.U16(ev).U8(0x80)
		b.End(s)
	}
	b.End(off)
	off = b.Begin(ParamKeepaliveSpec)
	b.U8(boolByte(sc.KeepaliveMs > 0, 1)).U32(sc.KeepaliveMs)
	b.End(off)
	if sc.Hold {
		off = b.Begin(ParamEventsAndReports)
		b.U8(0x80)
		b.End(off)
	}
}

// EncodeGPOWrite encodes SET_READER_CONFIG setting one GPO port.
func EncodeGPOWrite(b *Builder, version uint8, id uint32, port uint16, on bool) {
	b.Reset(version, MsgSetReaderConfig, id)
	b.U8(0)
	off := b.Begin(ParamGPOWriteData)
	b.U16(port).U8(boolByte(on, 0x80))
	b.End(off)
}

func boolByte(v bool, set uint8) uint8 {
	if v {
		return set
	}
	return 0
}
