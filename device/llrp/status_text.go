package llrp

import (
	"fmt"
	"strconv"
)

// String returns the standard name (M_...) of the code.
func (c StatusCode) String() string {
	switch c {
	case 0:
		return "M_Success"
	case 100, 200:
		return "M_ParameterError"
	case 101, 201:
		return "M_FieldError"
	case 102, 202:
		return "M_UnexpectedParameter"
	case 103, 203:
		return "M_MissingParameter"
	case 104, 204:
		return "M_DuplicateParameter"
	case 105, 205:
		return "M_OverflowParameter"
	case 106, 206:
		return "M_OverflowField"
	case 107, 207:
		return "M_UnknownParameter"
	case 108, 208:
		return "M_UnknownField"
	case 109:
		return "M_UnsupportedMessage"
	case 110:
		return "M_UnsupportedVersion"
	case 111, 209:
		return "M_UnsupportedParameter"
	case 112:
		return "M_UnexpectedMessage"
	case 300:
		return "M_FieldInvalid"
	case 301:
		return "M_FieldOutOfRange"
	case 401:
		return "M_DeviceError"
	}
	return "status " + strconv.Itoa(int(c))
}

// hint says what an operator can do about a status.
func (c StatusCode) hint() string {
	switch c {
	case 109, 111, 209:
		return "the reader does not support this feature; remove it from the reader configuration"
	case 110:
		return "the reader speaks LLRP 1.0.1 only"
	case 112:
		return "request out of sequence; the client reconnects to reset the session"
	case 401:
		return "the reader reports an internal fault; check its logs or power-cycle it"
	}
	return "a configured value is outside what the reader accepts; compare with `edged llrp probe`"
}

// paramName names the parameters a client sends, for error messages.
func paramName(t uint16) string {
	switch t {
	case ParamROSpec:
		return "ROSpec (177)"
	case ParamROSpecStartTrigger, ParamROSpecStopTrigger, ParamGPITriggerValue:
		return fmt.Sprintf("ROSpec trigger (%d); check start_gpi/stop_gpi", t)
	case ParamAISpec:
		return "AISpec (183); check antennas"
	case ParamAntennaConfiguration:
		return "AntennaConfiguration (222); check antennas"
	case ParamRFTransmitter:
		return "RFTransmitter (224); check transmit_power_dbm"
	case ParamC1G2RFControl:
		return "C1G2RFControl (335); check rf_mode"
	case ParamC1G2SingulationControl:
		return "C1G2SingulationControl (336); check session and tag_population"
	case ParamC1G2Filter, ParamC1G2TagInventoryMask:
		return fmt.Sprintf("C1G2 filter (%d); check epc_prefixes", t)
	case ParamROReportSpec:
		return "ROReportSpec (237); check report_every and report_every_n_tags"
	case ParamCustom:
		return "Custom (1023); check search_mode"
	}
	return fmt.Sprintf("type %d", t)
}

// Is reports whether target is ErrRejected or the sentinel for the code.
func (e *StatusError) Is(target error) bool {
	return target == ErrRejected || (target == ErrUnsupportedVersion && e.Status.Code == StatusUnsupportedVersion)
}
