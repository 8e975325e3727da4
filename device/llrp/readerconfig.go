package llrp

import "fmt"

// ReaderConfig is the part of GET_READER_CONFIG_RESPONSE an operator
// checks: who the reader is, which antennas are plugged in, keepalive
// and GPI states.
type ReaderConfig struct {
	IDType      uint8 // 0 MAC, 1 EPC
	ReaderID    []byte
	Antennas    []AntennaProperties
	KeepaliveMs uint32 // 0: keepalive off
	GPIs        []GPIState
}

// AntennaProperties says whether an antenna port has an antenna.
type AntennaProperties struct {
	ID        uint16
	Connected bool
	GainCenti int16 // centi-dBi
}

// GPIState is a GPI port's configuration and level.
type GPIState struct {
	Port    uint16
	Enabled bool
	State   uint8 // 0 low, 1 high, 2 unknown
}

// DecodeReaderConfig decodes a GET_READER_CONFIG_RESPONSE payload after
// its LLRPStatus has been checked; parameters it does not model are
// skipped.
func DecodeReaderConfig(payload []byte) (ReaderConfig, error) {
	var rc ReaderConfig
	if err := walk(payload, rc.decodeParam); err != nil {
		return rc, fmt.Errorf("GET_READER_CONFIG_RESPONSE: %w", err)
	}
	return rc, nil
}

func (rc *ReaderConfig) decodeParam(p Param) error {
	f := fields{b: p.Body}
	switch p.Type {
	case ParamIdentification:
		rc.IDType = f.u8()
		rc.ReaderID = f.bytes(int(f.u16()))
	case ParamAntennaProperties:
		a := AntennaProperties{Connected: f.u8()&0x80 != 0, ID: f.u16(), GainCenti: int16(f.u16())}
		rc.Antennas = append(rc.Antennas, a)
	case ParamKeepaliveSpec:
		if on, ms := f.u8(), f.u32(); on == 1 {
			rc.KeepaliveMs = ms
		}
	case ParamGPIPortCurrentState:
		g := GPIState{Port: f.u16(), Enabled: f.u8()&0x80 != 0, State: f.u8()}
		rc.GPIs = append(rc.GPIs, g)
	}
	return f.err
}
