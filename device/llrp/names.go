package llrp

import "strconv"

// String returns the standard name of the message type.
func (t MsgType) String() string {
	if n := msgName(t); n != "" {
		return n
	}
	return "MESSAGE_" + strconv.Itoa(int(t))
}

func msgName(t MsgType) string {
	switch t {
	case MsgGetReaderCapabilities:
		return "GET_READER_CAPABILITIES"
	case MsgGetReaderConfig:
		return "GET_READER_CONFIG"
	case MsgSetReaderConfig:
		return "SET_READER_CONFIG"
	case MsgCloseConnection:
		return "CLOSE_CONNECTION"
	case MsgAddROSpec:
		return "ADD_ROSPEC"
	case MsgDeleteROSpec:
		return "DELETE_ROSPEC"
	case MsgStartROSpec:
		return "START_ROSPEC"
	case MsgStopROSpec:
		return "STOP_ROSPEC"
	case MsgEnableROSpec:
		return "ENABLE_ROSPEC"
	case MsgDisableROSpec:
		return "DISABLE_ROSPEC"
	case MsgAddAccessSpec:
		return "ADD_ACCESSSPEC"
	case MsgDeleteAccessSpec:
		return "DELETE_ACCESSSPEC"
	case MsgEnableAccessSpec:
		return "ENABLE_ACCESSSPEC"
	case MsgDisableAccessSpec:
		return "DISABLE_ACCESSSPEC"
	case MsgGetSupportedVersion:
		return "GET_SUPPORTED_VERSION"
	case MsgSetProtocolVersion:
		return "SET_PROTOCOL_VERSION"
	}
	return msgName2(t)
}

func msgName2(t MsgType) string {
	switch t {
	case MsgROAccessReport:
		return "RO_ACCESS_REPORT"
	case MsgKeepalive:
		return "KEEPALIVE"
	case MsgKeepaliveAck:
		return "KEEPALIVE_ACK"
	case MsgReaderEventNotification:
		return "READER_EVENT_NOTIFICATION"
	case MsgEnableEventsAndReports:
		return "ENABLE_EVENTS_AND_REPORTS"
	case MsgErrorMessage:
		return "ERROR_MESSAGE"
	case MsgCustomMessage:
		return "CUSTOM_MESSAGE"
	}
	if req := responseTo(t); req != 0 {
		return msgName(req) + "_RESPONSE"
	}
	return ""
}

// responseTo returns the request type a response type answers, or 0.
func responseTo(t MsgType) MsgType {
	switch {
	case t == MsgCloseConnectionResponse:
		return MsgCloseConnection
	case t >= 11 && t <= 13, t >= 30 && t <= 35, t >= 50 && t <= 53, t == 56, t == 57:
		return t - 10
	}
	return 0
}

// ResponseType returns the message type a reader answers req with.
func ResponseType(req MsgType) MsgType {
	switch {
	case req == MsgCloseConnection:
		return MsgCloseConnectionResponse
	case req == MsgCustomMessage, req == MsgKeepalive, req == MsgEnableEventsAndReports:
		return req
	}
	return req + 10
}
