package rfid

// Role says what presence in a zone means to the ledger.
type Role string

// Zone roles. The empty role is Storage.
const (
	// ReceivePortal: an arrival is a receipt.
	ReceivePortal Role = "receive_portal"
	// ShipPortal: an arrival (or move) into it is a sale or shipment.
	ShipPortal Role = "ship_portal"
	// Storage: a move between storage zones is a transfer.
	Storage Role = "storage"
	// Count: a walk-by or shelf reader whose cycle report is compared
	// with the ledger's serialised on-hand at the location.
	Count Role = "count"
)

func (r Role) valid() bool {
	switch r {
	case ReceivePortal, ShipPortal, Storage, Count:
		return true
	}
	return false
}
