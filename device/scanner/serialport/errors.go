package serialport

import "errors"

// Errors returned by Open, wrapped with the path and a hint.
var (
	// ErrNotFound: no device node at the path (not plugged in, or the
	// by-id name changed).
	ErrNotFound = errors.New("serialport: no such device")
	// ErrBusy: another process holds the port open exclusively.
	ErrBusy = errors.New("serialport: port busy")
	// ErrPermission: the daemon may not open the node.
	ErrPermission = errors.New("serialport: permission denied")
	// ErrMode: a Mode field is out of range.
	ErrMode = errors.New("serialport: invalid mode")
)
