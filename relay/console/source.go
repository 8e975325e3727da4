package console

import "time"

// Source is the relay state the console shows; relay/server adapts the
// stock engine, the dispatchers, the intake and the fleet to it. Its
// methods are called from many requests at once.
type Source interface {
	// Stock returns every SKU, sorted by SKU.
	Stock() []SKU
	// Channels returns the enabled channels, sorted by name.
	Channels() []Channel
	// Gateways returns the gateways the relay has heard from.
	Gateways() []Gateway
	// Instances returns the relays sharing the store.
	Instances() []Instance
	// Version changes whenever what Stock returns may have changed; the
	// live updates poll it, so it must be cheap.
	Version() uint64
}

// SKU is one SKU's master stock and its listings.
type SKU struct {
	SKU      string
	Sites    []Site
	Locks    []Lock
	Listings []Listing
}

// Site is a SKU's stock at one site.
type Site struct {
	Site             string
	OnHand, Reserved int64
}

// Lock is units a channel holds for a campaign; the other channels do
// not offer them.
type Lock struct {
	Channel string
	Qty     int64
}

// Listing is one channel listing of a SKU at a site.
type Listing struct {
	Channel, Site string
	// Buffer is the safety buffer held back from the channel.
	Buffer int64
	// Offered is what the channel should show now; Told what it last
	// confirmed, -1 before any confirmation.
	Offered, Told int64
	// Pending says a push of Offered is waiting.
	Pending bool
	// Changed is when Offered last changed; ToldAt when Told was
	// confirmed. Zero when unknown.
	Changed, ToldAt time.Time
	// Error is the channel's last push error for this listing, empty
	// when the last push went through.
	Error string
}

// Gateway is what the relay knows of one gateway.
type Gateway struct {
	ID, Site string
	// Online says the gateway was heard from recently.
	Online   bool
	LastSeen time.Time
	LastSeq  uint64
	// Backlog is how many movements wait in its ledger, when reported.
	Backlog *uint64
	// GapFrom is the first missing seq of an open gap (0: none), held
	// since GapSince.
	GapFrom  uint64
	GapSince time.Time
	// ClockSynced says the gateway's clock is synchronised, when reported.
	ClockSynced *bool
}

// Channel is one marketplace's push state and connection.
type Channel struct {
	Name     string
	LastPush time.Time
	// LastLag is the time from a stock change to its push, last and most.
	LastLag, MaxLag time.Duration
	Pushed, Failed  uint64
	Pending         int
	LastError       string
	// Connected says a stored authorisation is in use; the expiries are
	// zero for tokens that do not expire.
	Connected                     bool
	Shop                          string
	AccessExpires, RefreshExpires time.Time
	// Warning says what needs doing about the connection.
	Warning string
	// Owner is the relay instance that pushes the channel.
	Owner string
}

// Instance is one relay sharing the store.
type Instance struct {
	ID, Version, Host  string
	Started, Heartbeat time.Time
	// Self marks the instance serving this page.
	Self bool
	// Leases are the channels whose pushes it holds.
	Leases []string
}
