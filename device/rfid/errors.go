package rfid

import "errors"

var (
	// ErrConfig wraps every problem Validate (and so New) finds.
	ErrConfig = errors.New("rfid: invalid configuration")
	// ErrUnknownZone means a zone name is not in the configuration.
	ErrUnknownZone = errors.New("rfid: unknown zone")
	// ErrNotGated means SetTrigger was called for a zone without
	// gpi_gated; gate it in the configuration first.
	ErrNotGated = errors.New("rfid: zone is not GPI gated")
	// ErrUnknownLocation means a location name is not in the configuration.
	ErrUnknownLocation = errors.New("rfid: unknown location")
	// ErrEPCLength means an EPC is empty or longer than max_epc_bytes.
	ErrEPCLength = errors.New("rfid: EPC empty or longer than max_epc_bytes")
)
