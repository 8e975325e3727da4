package llrp

import (
	"errors"
	"strings"
	"testing"
)

func TestDecodeReaderEventGolden(t *testing.T) {
	ev, err := DecodeReaderEvent(golden(t, "reader_event_connection_success.bin").Payload)
	if err != nil || !ev.HasConnAttempt || ev.ConnStatus != ConnSuccess || ev.Uptime || ev.Timestamp != 1594174805140192 {
		t.Errorf("success event %+v, %v", ev, err)
	}
	ev, err = DecodeReaderEvent(golden(t, "reader_event_connection_busy.bin").Payload)
	if err != nil || ev.ConnStatus != ConnFailedClientInit || !ev.Uptime || ev.Timestamp != 62500 {
		t.Errorf("busy event %+v, %v", ev, err)
	}
	ev, err = DecodeReaderEvent(golden(t, "reader_event_misc.bin").Payload)
	want := Event{Timestamp: 1594174805140192, HasGPI: true, GPIPort: 1, GPIState: true, HasROSpecEvent: true,
		ROSpecEvent: 1, ROSpecID: 1, BufferFull: 90, Overflow: true, Exception: "antenna 3 fault",
		HasAntenna: true, AntennaID: 3}
	if err != nil || ev != want {
		t.Errorf("misc events:\n got %+v\nwant %+v (%v)", ev, want, err)
	}
	if _, err := DecodeReaderEvent(mustHex("00f6 0010 0080")); !errors.Is(err, ErrShortFrame) {
		t.Errorf("truncated event: %v", err)
	}
}

func TestStatusGolden(t *testing.T) {
	f := golden(t, "add_rospec_response_param_error.bin")
	st, err := responseStatus(f.Type, f.Payload)
	if err != nil {
		t.Fatal(err)
	}
	err = st.Err(MsgAddROSpec)
	if !errors.Is(err, ErrRejected) || errors.Is(err, ErrUnsupportedVersion) {
		t.Errorf("err %v does not match ErrRejected only", err)
	}
	for _, want := range []string{"ADD_ROSPEC", "M_ParameterError", `"bad antenna"`, "AntennaConfiguration (222); check antennas: M_FieldOutOfRange", "field 0"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	f = golden(t, "error_message_unsupported_version.bin")
	st, _ = responseStatus(f.Type, f.Payload)
	if err := st.Err(MsgGetSupportedVersion); !errors.Is(err, ErrUnsupportedVersion) {
		t.Errorf("unsupported version: %v", err)
	}
	f = golden(t, "get_supported_version_response.bin")
	if st, err := responseStatus(f.Type, f.Payload); err != nil || st.Code != StatusSuccess || f.Payload[1] != Version11 {
		t.Errorf("supported version: %+v %v", st, err)
	}
}

func TestDecodeCapabilitiesGolden(t *testing.T) {
	c, err := DecodeCapabilities(golden(t, "get_reader_capabilities_response.bin").Payload)
	if err != nil {
		t.Fatal(err)
	}
	if c.Manufacturer != VendorImpinj || c.Model != 2001002 || c.Firmware != "5.14.0.240" || c.Antennas != 4 ||
		!c.UTCClock || c.GPIs != 4 || c.GPOs != 4 || c.MaxROSpecs != 1 || c.MaxAccessSpecs != 1508 ||
		!c.EventReportHolding || c.StateAwareSingulation || c.MaxSelectFilters != 2 || c.CountryCode != 840 {
		t.Errorf("general capabilities: %+v", c)
	}
	if len(c.Power) != 3 || c.Power[2] != (PowerLevel{3, 3000}) || !c.Hopping || len(c.HopTables) != 1 ||
		len(c.HopTables[0].Frequencies) != 2 || c.HopTables[0].Frequencies[1] != 927250 {
		t.Errorf("tables: %+v", c)
	}
	if len(c.Modes) != 1 || c.Modes[0] != (RFMode{ID: 1000, DR64: true, M: 1, Mask: 2, BDR: 64000, PIE: 1500, MinTari: 6250, MaxTari: 25000}) {
		t.Errorf("modes: %+v", c.Modes)
	}
	for dbm, want := range map[float64]uint16{0: 3, 30: 3, 25.5: 2, 10: 1, 99: 3} {
		if idx, ok := c.PowerIndex(dbm); !ok || idx != want {
			t.Errorf("PowerIndex(%v) = %d, %v; want %d", dbm, idx, ok, want)
		}
	}
	if _, ok := c.PowerIndex(5); ok {
		t.Error("PowerIndex(5) below the table succeeded")
	}
}

func TestStatusCodeNames(t *testing.T) {
	if StatusUnsupportedVersion.String() != "M_UnsupportedVersion" || StatusCode(999).String() != "status 999" {
		t.Error("status names")
	}
	if MsgAddROSpecResponse.String() != "ADD_ROSPEC_RESPONSE" || MsgType(900).String() != "MESSAGE_900" ||
		MsgCloseConnectionResponse.String() != "CLOSE_CONNECTION_RESPONSE" {
		t.Error("message names")
	}
}

func TestDecodeReaderConfigGolden(t *testing.T) {
	rc, err := DecodeReaderConfig(golden(t, "get_reader_config_response.bin").Payload)
	if err != nil {
		t.Fatal(err)
	}
	want := []AntennaProperties{{ID: 1, Connected: true}, {ID: 2, GainCenti: 250}}
	if rc.IDType != 0 || len(rc.ReaderID) != 8 || rc.ReaderID[7] != 0xef || rc.KeepaliveMs != 5000 ||
		len(rc.Antennas) != 2 || rc.Antennas[0] != want[0] || rc.Antennas[1] != want[1] ||
		len(rc.GPIs) != 1 || rc.GPIs[0] != (GPIState{Port: 1, Enabled: true, State: 1}) {
		t.Errorf("config %+v", rc)
	}
}
