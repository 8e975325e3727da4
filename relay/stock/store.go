package stock

import "context"

// Table names a group of records in the store. A PostgreSQL store can map
// each to a table of (key text primary key, value bytea/jsonb).
type Table string

// The tables the engine keeps.
const (
	TableOnHand       Table = "onhand"       // sku␟site → int64
	TableReservations Table = "reservations" // channel␟order␟sku␟site → Reservation
	TableGateways     Table = "gateways"     // gateway → last applied seq
	TableEvents       Table = "events"       // channel␟event id → seen marker
	TableOrders       Table = "orders"       // channel␟order id → order record
	TableLocks        Table = "locks"        // channel␟sku → campaign lock
	TableInbox        Table = "inbox"        // channel␟event id → relay.OrderEvent awaiting fetch
	TableRejected     Table = "rejected"     // gateway␟seq → rejected delta and reason
	TableMeta         Table = "meta"         // counters such as the reservation sequence
	TablePicked       Table = "picked"       // order ref → units picked before their order was known
)

// Tables lists every table, for stores that create them up front.
func Tables() []Table {
	return []Table{TableOnHand, TableReservations, TableGateways, TableEvents, TableOrders,
		TableLocks, TableInbox, TableRejected, TableMeta, TablePicked}
}

// Mutation sets or, with a nil Value, deletes one record.
type Mutation struct {
	Table Table
	Key   string
	Value []byte
}

// Store is the engine's durable state. Implementations: BoltStore (the
// embedded default); a PostgreSQL store can implement the same three calls.
type Store interface {
	// Load returns every record, by table then key.
	Load(ctx context.Context) (map[Table]map[string][]byte, error)
	// Commit applies all mutations atomically and durably, or none of them.
	Commit(ctx context.Context, muts []Mutation) error
	// Close releases the store.
	Close() error
}
