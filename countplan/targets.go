package countplan

import (
	"context"
	"fmt"
	"math"

	"github.com/edged/edged/ledger"
	"github.com/edged/edged/report"
)

// Balances lists the ledger's balances; *ledger.Ledger satisfies it.
type Balances interface {
	Balances(sku, loc string) ([]ledger.Balance, error)
}

// CountStarter opens count sessions; *ledger.Ledger satisfies it.
type CountStarter interface {
	StartCount(ctx context.Context, s ledger.CountSession) (ledger.CountSession, error)
}

// Targets lists every SKU-location the ledger holds a balance for (an
// emptied location is counted too: that is how phantom stock is found),
// with its class and tolerance from rc.
func Targets(b Balances, cls report.Classification, rc report.Config) ([]Target, error) {
	bals, err := b.Balances("", "")
	if err != nil {
		return nil, fmt.Errorf("countplan: balances: %w", err)
	}
	rc = rc.WithDefaults()
	serialized := map[string]bool{}
	for _, it := range rc.Items {
		serialized[it.SKU] = it.Serialized
	}
	out := make([]Target, 0, len(bals))
	for _, bal := range bals {
		c := cls.Of(bal.SKU)
		tol := float64(report.ToleranceBP(rc.Tolerance, c)) / 100
		if serialized[bal.SKU] {
			tol = 0
		}
		book := bal.OnHand
		out = append(out, Target{SKU: bal.SKU, Location: bal.Location, Class: c, TolerancePct: tol, Book: &book})
	}
	return out, nil
}

// Sessions turns a plan into one live count session per location, in
// location order, with ids "cc-DATE-LOCATION". Each planned sku carries
// its class and tolerance, so that the ledger holds a variance beyond it
// for a recount by another user or a supervisor's approval.
func Sessions(plan Plan, user string) []ledger.CountSession {
	var out []ledger.CountSession
	at := map[string]int{}
	for _, t := range plan.Lines {
		i, ok := at[t.Location]
		if !ok {
			i, at[t.Location] = len(out), len(out)
			out = append(out, ledger.CountSession{ID: SessionID(plan.Date, t.Location), Mode: ledger.CountLive,
				Locations: []string{t.Location}, User: user, Tolerances: map[string]ledger.Tolerance{}})
		}
		out[i].Tolerances[t.SKU] = ledger.Tolerance{Class: string(t.Class), BP: int64(math.Round(t.TolerancePct * 100))}
	}
	return out
}

// Start opens the sessions of a plan; it stops at the first refusal
// (for example a location already frozen) and returns what it opened.
func Start(ctx context.Context, st CountStarter, plan Plan, user string) ([]ledger.CountSession, error) {
	var opened []ledger.CountSession
	for _, s := range Sessions(plan, user) {
		got, err := st.StartCount(ctx, s)
		if err != nil {
			return opened, fmt.Errorf("countplan: start %s: %w", s.ID, err)
		}
		opened = append(opened, got)
	}
	return opened, nil
}
