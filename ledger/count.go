package ledger

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// CountMode says what happens to movements at a location under count.
type CountMode string

const (
	// CountBlock rejects movements at the frozen locations (default).
	CountBlock CountMode = "block"
	// CountLive lets movements continue; variances are taken against the
	// book at the moment each line is counted.
	CountLive CountMode = "live"
)

// Count session states.
const (
	CountOpen      = "open"
	CountFinished  = "finished"
	CountCancelled = "cancelled"
)

// CountSession is a count over a set of locations.
type CountSession struct {
	ID        string    `json:"id"`
	Mode      CountMode `json:"mode"`
	Locations []string  `json:"locations"`
	User      string    `json:"user,omitempty"`
	Status    string    `json:"status"`
	Started   time.Time `json:"started"`
	StartSeq  uint64    `json:"start_seq"`
	Ended     time.Time `json:"ended,omitzero"`
	// Tolerances gives the class and allowed variance of a sku's lines
	// (countcheck.go). A sku not listed, and every sku of a session
	// without tolerances, posts whatever variance it is counted with.
	Tolerances map[string]Tolerance `json:"tolerances,omitempty"`
}

// CountLine is the counted quantity of one sku at one location.
type CountLine struct {
	CountID  string    `json:"count_id"`
	SKU      string    `json:"sku"`
	Location string    `json:"location"`
	Counted  int64     `json:"counted"`
	Book     int64     `json:"book"` // on-hand when counted
	Seq      uint64    `json:"seq"`  // ledger position when counted
	Time     time.Time `json:"time"` // wall time when counted
	User     string    `json:"user,omitempty"`
	Counts   int       `json:"counts"`   // how often the line was counted
	Outdated bool      `json:"outdated"` // a back-dated movement arrived after counting
	Posted   uint64    `json:"posted,omitempty"`

	// Tolerance is the line's class and allowed variance, from the session.
	Tolerance *Tolerance `json:"tolerance,omitempty"`
	// PrevVariance and PrevUser are the previous count of a recounted line.
	PrevVariance int64  `json:"prev_variance,omitempty"`
	PrevUser     string `json:"prev_user,omitempty"`
	// Accepted: within tolerance, or recounted by another user who found
	// the same variance. Lines with a tolerance post only when accepted
	// or approved.
	Accepted   bool   `json:"accepted,omitempty"`
	ApprovedBy string `json:"approved_by,omitempty"`
}

// Variance is counted minus book.
func (c CountLine) Variance() int64 { return c.Counted - c.Book }

func countErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrCount}, args...)...)
}

func (t *wtx) session(id string) (*CountSession, error) {
	v := t.counts.Get([]byte(id))
	if v == nil {
		return nil, countErr("no count %q; start it with `edged ledger count start`", id)
	}
	s := new(CountSession)
	if err := json.Unmarshal(v, s); err != nil {
		return nil, fmt.Errorf("%w: count %q: %v", ErrCorrupt, id, err)
	}
	return s, nil
}

func (t *wtx) putJSON(b interface{ Put(k, v []byte) error }, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// checkFrozen rejects a movement at a location frozen in block mode,
// unless it belongs to that count or is a baseline.
func (t *wtx) checkFrozen(e *Event) error {
	for _, loc := range []string{e.Location, e.ToLocation} {
		id := t.frozen.Get([]byte(loc))
		if loc == "" || id == nil || e.Type == Baseline || e.CountID == string(id) {
			continue
		}
		s, err := t.session(string(id))
		if err != nil {
			return err
		}
		if s.Mode == CountBlock {
			return fmt.Errorf("%w: %s is frozen by count %q (started %s by %s); finish or cancel the count first",
				ErrLocationFrozen, loc, s.ID, s.Started.Format(time.RFC3339), s.User)
		}
	}
	return nil
}

// checkBaselineAllowed: a baseline may only land on a location that is
// frozen by a count or holds no stock at all.
func (t *wtx) checkBaselineAllowed(loc string) error {
	if t.frozen.Get([]byte(loc)) != nil || t.baselineOK[loc] {
		return nil
	}
	prefix := skuPrefix(loc)
	c := t.loc.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		_, sku := splitBalKey(k)
		if b, _ := t.getBalance(sku, loc); b != (balance{}) {
			return fmt.Errorf("%w: baseline at %s: the location holds stock (%s: %d on hand, %d damaged); freeze it with a count first",
				ErrInvalidEvent, loc, sku, b.OnHand, b.Damaged)
		}
	}
	return nil
}

// markOutdated flags counted lines of live counts that a back-dated
// movement (wall time before the line was counted) invalidates.
func (t *wtx) markOutdated(e *Event) error {
	for _, loc := range []string{e.Location, e.ToLocation} {
		id := t.frozen.Get([]byte(loc))
		if loc == "" || id == nil || e.CountID == string(id) {
			continue
		}
		key := lineKey(string(id), e.SKU, loc)
		v := t.lines.Get(key)
		if v == nil {
			continue
		}
		var line CountLine
		if err := json.Unmarshal(v, &line); err != nil {
			return fmt.Errorf("%w: count line %q: %v", ErrCorrupt, key, err)
		}
		if !e.Time.Before(line.Time) || line.Outdated {
			continue
		}
		line.Outdated = true
		if err := t.putJSON(t.lines, key, line); err != nil {
			return err
		}
	}
	return nil
}

func lineKey(id, sku, loc string) []byte {
	return []byte(id + "\x00" + sku + "\x00" + loc)
}

// FinishedCountLines lists the lines of finished counts counted in
// [from, to) (a zero bound is open), in count id order. Reports take
// inventory record accuracy from them: a line counted equal to the book
// posts nothing, so the log alone cannot show it.
func (l *Ledger) FinishedCountLines(from, to time.Time) ([]CountLine, error) {
	var out []CountLine
	err := l.db.View(func(tx *bolt.Tx) error {
		lc := tx.Bucket(bucketLines).Cursor()
		return tx.Bucket(bucketCounts).ForEach(func(k, v []byte) error {
			var s CountSession
			if err := json.Unmarshal(v, &s); err != nil {
				return fmt.Errorf("%w: count %q: %v", ErrCorrupt, k, err)
			}
			if s.Status != CountFinished {
				return nil
			}
			lines, err := readLines(lc, s.ID)
			for _, line := range lines {
				if (from.IsZero() || !line.Time.Before(from)) && (to.IsZero() || line.Time.Before(to)) {
					out = append(out, line)
				}
			}
			return err
		})
	})
	return out, err
}
