package stock

import (
	"context"
	"errors"
)

// Table names a group of records in the store. Keys are strings, values
// JSON.
type Table string

// The tables the engine keeps.
const (
	TableOnHand       Table = "onhand"       // sku␟site → int64
	TableReservations Table = "reservations" // channel␟order␟sku␟site → Reservation
	TableGateways     Table = "gateways"     // gateway@epoch → last applied seq
	TableEvents       Table = "events"       // channel␟event id → unix seconds first seen
	TableOrders       Table = "orders"       // channel␟order id → order record
	TableLocks        Table = "locks"        // channel␟sku → campaign lock
	TableInbox        Table = "inbox"        // channel␟event id → relay.OrderEvent awaiting fetch
	TableRejected     Table = "rejected"     // gateway␟seq → rejected delta and reason
	TableMeta         Table = "meta"         // counters such as the reservation sequence
	TablePicked       Table = "picked"       // order ref → units picked before their order was known
	TableOutbox       Table = "outbox"       // listing key → quantity to push and what was last told
	TableStaged       Table = "staged"       // gateway␟first seq → a batch that arrived before its predecessor
	// TableAudit is append-only: a Mutation with an empty Key and an
	// audit.Row as Value adds one row, to which the store gives the next
	// ID (and Recorded, when zero). Load never returns its rows and
	// Changes never carries them: the trail can hold millions of rows,
	// and no relay's copy of the stock depends on it. It is not in
	// Tables(); read it through the store's Audit.
	TableAudit Table = "audit"
)

// Tables lists every table, for stores that create them up front.
func Tables() []Table {
	return []Table{TableOnHand, TableReservations, TableGateways, TableEvents, TableOrders,
		TableLocks, TableInbox, TableRejected, TableMeta, TablePicked, TableOutbox, TableStaged}
}

// Mutation sets or, with a nil Value, deletes one record.
type Mutation struct {
	Table Table
	Key   string
	Value []byte
	// Guard, when set, makes the write conditional: the record must hold
	// Old (absent when Old is nil) or the whole commit fails with
	// ErrConflict. The store, not the engine's copy, then decides: this
	// is what makes a delta (gateway@epoch → seq), a delivery
	// (channel␟event id) or an order (channel␟order id) apply once even
	// when two relays take it at the same moment.
	Guard bool
	Old   []byte
}

// Change is one commit as other readers of the store see it.
type Change struct {
	Version uint64
	Muts    []Mutation
}

// Snapshot is every record of the store at one version.
type Snapshot struct {
	Version uint64
	Records map[Table]map[string][]byte
}

// Store is the engine's durable state: BoltStore (one relay, the embedded
// default) or a store that several relays share (relay/stock/pgstore).
// Every commit gets the next version; a shared store keeps recent commits
// so that each relay can bring its copy up to date.
type Store interface {
	// Load returns every record and the version they are at.
	Load(ctx context.Context) (Snapshot, error)
	// Update is one write transaction. Holding the store's write lock, it
	// calls apply once with the commits made after version since (by other
	// relays), in order; apply brings its copy up to date, decides, and
	// returns its mutations, which are committed atomically and durably.
	// Update returns the new version. It fails with ErrConflict when a
	// guarded mutation finds another value, and with ErrBehind when the
	// commits after since are no longer kept.
	Update(ctx context.Context, since uint64, apply func([]Change) ([]Mutation, error)) (uint64, error)
	// Changes returns the commits after version since without taking the
	// write lock (ErrBehind as for Update): how a relay follows the
	// others.
	Changes(ctx context.Context, since uint64) ([]Change, error)
	// Close releases the store.
	Close() error
}

var (
	// ErrConflict means a guarded write found a value the engine did not
	// expect: another relay committed first. The engine reloads and
	// retries.
	ErrConflict = errors.New("stock store: conflicting write")
	// ErrBehind means the store no longer keeps the commits a relay needs
	// to catch up; it must Load again.
	ErrBehind = errors.New("stock store: copy too far behind")
)
