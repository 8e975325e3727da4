package main

import (
	"context"
	"fmt"
	"io"

	"github.com/edged/edged/relay/connect"
	"github.com/edged/edged/relay/stock"
	"github.com/edged/edged/relay/stock/pgstore"
)

// connectionStore is the configured store's connections.
type connectionStore interface {
	connect.Store
	io.Closer
}

// openConnections opens the configured store for its connections.
func openConnections(ctx context.Context, store string) (connectionStore, error) {
	if pgstore.IsDSN(store) {
		return pgstore.Open(ctx, store)
	}
	s, err := stock.OpenBolt(store)
	if err != nil {
		return nil, fmt.Errorf("%w; a bbolt store is one process's: stop `relay run` first (`relay status` shows a running relay's connections), or move to a PostgreSQL store", err)
	}
	return s, nil
}

// storeName is the store for messages, without a DSN's password.
func storeName(store string) string {
	if pgstore.IsDSN(store) {
		return pgstore.Redact(store)
	}
	return store
}
