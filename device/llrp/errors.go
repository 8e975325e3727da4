package llrp

import "errors"

// Framing and decoding errors. Each is wrapped with the offending
// message type, offset or length.
var (
	// ErrShortFrame means the data ended inside a header, parameter or
	// message: the peer closed mid-frame or sent a truncated message.
	ErrShortFrame = errors.New("llrp: truncated frame or parameter")
	// ErrFrameLength means a header declared a length below 10 bytes or
	// above the frame cap; the stream is not LLRP or is corrupt.
	ErrFrameLength = errors.New("llrp: impossible frame length")
	// ErrBadHeader means reserved bits or the version field of a header
	// are invalid; the peer is probably not an LLRP reader.
	ErrBadHeader = errors.New("llrp: invalid message header")
	// ErrBadParameter means a parameter is malformed (bad length, wrong
	// type where one is required, out-of-range field).
	ErrBadParameter = errors.New("llrp: malformed parameter")
	// ErrUnknownTV means a TV parameter of an unknown type was met; its
	// length is unknown, so the rest of the message cannot be decoded.
	ErrUnknownTV = errors.New("llrp: unknown TV parameter type")
	// ErrUnexpectedMessage means the reader sent a message type the
	// client does not expect in the current state.
	ErrUnexpectedMessage = errors.New("llrp: unexpected message")
)

// Session errors.
var (
	// ErrRejected wraps every *StatusError: the reader answered a
	// request with a non-success LLRPStatus.
	ErrRejected = errors.New("llrp: reader rejected request")
	// ErrUnsupportedVersion means the reader refused the protocol
	// version (M_UnsupportedVersion); the client falls back to 1.0.1.
	ErrUnsupportedVersion = errors.New("llrp: protocol version not supported by reader")
	// ErrReaderBusy means another client holds the reader's single LLRP
	// connection; close the other client (reader web UI, another
	// gateway) or wait.
	ErrReaderBusy = errors.New("llrp: reader busy: another client is connected")
	// ErrConnectionRefused means the reader's connection event reported
	// a failure other than busy.
	ErrConnectionRefused = errors.New("llrp: reader refused the connection")
	// ErrTimeout means the reader did not answer a request in time.
	ErrTimeout = errors.New("llrp: reader did not answer in time")
	// ErrLinkDead means nothing arrived from the reader for three
	// keepalive intervals: the link is half-open or the reader hung.
	ErrLinkDead = errors.New("llrp: link dead: keepalives missed")
	// ErrReaderClosed means the reader closed the connection (EOF or a
	// ConnectionCloseEvent), for example because it rebooted.
	ErrReaderClosed = errors.New("llrp: reader closed the connection")
	// ErrNotConnected means an operation needs a live session and there
	// is none at the moment.
	ErrNotConnected = errors.New("llrp: not connected to the reader")
	// ErrInvalidConfig wraps every configuration problem found by
	// Config.Validate.
	ErrInvalidConfig = errors.New("llrp: invalid configuration")
)
