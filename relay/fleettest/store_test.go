package fleettest

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/edged/edged/relay"
)

// master is the store's committed state of one SKU, read through the
// operators' views: the master stock, not any instance's copy.
type master struct {
	onHand, reserved int64
	// told is the quantity each channel's listing should show, and
	// pending whether a push of it is still owed.
	told    map[relay.Channel]int64
	pending bool
}

// readMaster reads sku's master stock and the gateways' last applied seqs.
func (f *fleetRig) readMaster(ctx context.Context, sku string) (master, map[string]uint64, error) {
	m := master{told: map[relay.Channel]int64{}}
	conn, err := pgx.Connect(ctx, f.dsn)
	if err != nil {
		return m, nil, err
	}
	defer conn.Close(ctx)
	err = conn.QueryRow(ctx, `SELECT coalesce(sum(on_hand), 0) FROM relay_onhand WHERE sku = $1 AND site = $2`, sku, Site).Scan(&m.onHand)
	if err == nil {
		err = conn.QueryRow(ctx, `SELECT coalesce(sum(qty), 0) FROM relay_reservations WHERE sku = $1`, sku).Scan(&m.reserved)
	}
	if err != nil {
		return m, nil, fmt.Errorf("master stock of %s: %w", sku, err)
	}
	rows, err := conn.Query(ctx, `SELECT channel, qty, pending FROM relay_outbox WHERE sku = $1`, sku)
	if err != nil {
		return m, nil, err
	}
	var ch string
	var qty int64
	var pending bool
	if _, err := pgx.ForEachRow(rows, []any{&ch, &qty, &pending}, func() error {
		m.told[relay.Channel(ch)], m.pending = qty, m.pending || pending
		return nil
	}); err != nil {
		return m, nil, fmt.Errorf("outbox of %s: %w", sku, err)
	}
	seqs, err := gatewaySeqs(ctx, conn)
	return m, seqs, err
}

// gatewaySeqs is each gateway's last applied seq (one ledger epoch each).
func gatewaySeqs(ctx context.Context, conn *pgx.Conn) (map[string]uint64, error) {
	rows, err := conn.Query(ctx, `SELECT gateway, max(last_seq) FROM relay_gateways GROUP BY gateway`)
	if err != nil {
		return nil, err
	}
	out := map[string]uint64{}
	var gw string
	var seq int64
	_, err = pgx.ForEachRow(rows, []any{&gw, &seq}, func() error {
		out[gw] = uint64(seq)
		return nil
	})
	return out, err
}

// diagnose describes sku's listing on ch as the store and the relays see
// it, for failure messages.
func (f *fleetRig) diagnose(ctx context.Context, ch relay.Channel, sku string) string {
	out := ""
	conn, err := pgx.Connect(ctx, f.dsn)
	if err == nil {
		var qty, told, epoch int64
		var pending bool
		err = conn.QueryRow(ctx, `SELECT qty, told, pending, coalesce(epoch, 0) FROM relay_outbox WHERE channel = $1 AND sku = $2`,
			string(ch), sku).Scan(&qty, &told, &pending, &epoch)
		conn.Close(ctx)
		out = fmt.Sprintf("outbox: qty %d, told %d (epoch %d), pending %v", qty, told, epoch, pending)
	}
	if err != nil {
		out = "outbox: " + err.Error()
	}
	for _, g := range f.gws {
		st, _ := g.l.Status()
		out += fmt.Sprintf("; %s: head %d, acked %d", g.id, st.Head, st.Acked)
	}
	for _, p := range f.relays {
		if s, err := p.status(ctx); err == nil {
			out += fmt.Sprintf("; %s gateways %+v", p.id, s.Gateways)
			for _, c := range s.Channels {
				if c.Channel == ch {
					out += fmt.Sprintf("; %s: pushed %d, failed %d, retried %d, pending %d, last error %q",
						p.id, c.Pushed, c.Failed, c.Retried, c.Pending, c.LastError)
				}
			}
		}
	}
	return out
}
