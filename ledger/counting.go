package ledger

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// StartCount opens a count session and freezes its locations.
func (l *Ledger) StartCount(ctx context.Context, s CountSession) (CountSession, error) {
	now := l.opts.Now().UTC()
	_, err := l.write(ctx, &request{apply: func(t *wtx) (Result, error) {
		return Result{}, t.startCount(&s, now)
	}})
	return s, err
}

func (t *wtx) startCount(s *CountSession, now time.Time) error {
	if err := checkText("count id", s.ID, maxNameLen, true); err != nil {
		return countErr("%v", err)
	}
	if s.Mode == "" {
		s.Mode = CountBlock
	}
	if s.Mode != CountBlock && s.Mode != CountLive {
		return countErr("mode %q is unknown; use block or live", s.Mode)
	}
	if len(s.Locations) == 0 {
		return countErr("count %q names no location", s.ID)
	}
	if err := t.checkTolerances(s); err != nil {
		return err
	}
	if t.counts.Get([]byte(s.ID)) != nil {
		return countErr("count %q already exists; pick a new id", s.ID)
	}
	for _, loc := range s.Locations {
		if err := checkText("location", loc, maxNameLen, true); err != nil {
			return countErr("%v", err)
		}
		if id := t.frozen.Get([]byte(loc)); id != nil {
			return countErr("%s is already frozen by count %q", loc, id)
		}
	}
	s.Status, s.Started, s.StartSeq = CountOpen, now, t.head
	for _, loc := range s.Locations {
		if err := t.frozen.Put([]byte(loc), []byte(s.ID)); err != nil {
			return err
		}
	}
	return t.putJSON(t.counts, []byte(s.ID), s)
}

// RecordCount records (or re-records) the counted quantity of sku at loc.
// The book quantity and ledger position are taken now. Blind counting is
// up to the caller: the returned line holds the book.
func (l *Ledger) RecordCount(ctx context.Context, id, sku, loc string, counted int64, user string) (CountLine, error) {
	line := CountLine{CountID: id, SKU: sku, Location: loc, Counted: counted, User: user, Time: l.opts.Now().UTC()}
	_, err := l.write(ctx, &request{apply: func(t *wtx) (Result, error) {
		return Result{}, t.recordCount(&line)
	}})
	return line, err
}

func (t *wtx) recordCount(line *CountLine) error {
	s, err := t.openSession(line.CountID)
	if err != nil {
		return err
	}
	if !slices.Contains(s.Locations, line.Location) {
		return countErr("%s is not part of count %q (%s)", line.Location, s.ID, strings.Join(s.Locations, ", "))
	}
	if err := checkText("sku", line.SKU, maxNameLen, true); err != nil {
		return countErr("%v", err)
	}
	if line.Counted < 0 || line.Counted > MaxQty {
		return countErr("counted quantity %d is out of range", line.Counted)
	}
	key := lineKey(line.CountID, line.SKU, line.Location)
	var prev CountLine
	if v := t.lines.Get(key); v != nil {
		_ = json.Unmarshal(v, &prev)
	}
	b, _ := t.getBalance(line.SKU, line.Location)
	line.Book, line.Seq, line.Counts, line.Outdated = b.OnHand, t.head, prev.Counts+1, false
	judge(s, line, &prev)
	return t.putJSON(t.lines, key, line)
}

func (t *wtx) openSession(id string) (*CountSession, error) {
	s, err := t.session(id)
	if err == nil && s.Status != CountOpen {
		err = countErr("count %q is %s", id, s.Status)
	}
	return s, err
}

// FinishResult lists what finishing a count posted.
type FinishResult struct {
	Session CountSession `json:"session"`
	Lines   []CountLine  `json:"lines"`
	Posted  []Event      `json:"posted"`
}

// FinishCount posts the variance of every counted line as an adjust
// event by its counter, then unfreezes the locations, all in one
// transaction. It refuses while any line is outdated (recount those),
// or has a variance beyond its tolerance that no second counter
// confirmed and no supervisor approved (ErrCountNeedsReview).
func (l *Ledger) FinishCount(ctx context.Context, id string) (FinishResult, error) {
	var out FinishResult
	now := l.opts.Now().UTC()
	_, err := l.write(ctx, &request{alone: true, apply: func(t *wtx) (Result, error) {
		return Result{}, t.finishCount(id, now, &out)
	}})
	return out, err
}

func (t *wtx) finishCount(id string, now time.Time, out *FinishResult) error {
	s, err := t.openSession(id)
	if err != nil {
		return err
	}
	lines, err := t.countLines(id)
	if err != nil {
		return err
	}
	if stale := outdatedLines(lines); len(stale) > 0 {
		return countErr("count %q has outdated lines (%s): a back-dated movement arrived after they were counted; recount them, then finish",
			id, strings.Join(stale, ", "))
	}
	if err := refuseUnaccepted(id, lines); err != nil {
		return err
	}
	for i := range lines {
		if err := t.postVariance(&lines[i], now, out); err != nil {
			return err
		}
	}
	s.Status, s.Ended = CountFinished, now
	out.Session, out.Lines = *s, lines
	return t.closeSession(s)
}

func (t *wtx) postVariance(line *CountLine, now time.Time, out *FinishResult) error {
	if line.Variance() == 0 {
		return nil
	}
	e := Event{ID: "count/" + line.CountID + "/" + line.SKU + "/" + line.Location, Type: Adjust,
		SKU: line.SKU, Location: line.Location, Qty: line.Variance(), Time: now, User: line.User,
		CountID: line.CountID,
		Reason:  fmt.Sprintf("count %s: counted %d, book %d", line.CountID, line.Counted, line.Book)}
	res, err := t.appendEvent(&e, true)
	if err != nil {
		return fmt.Errorf("count %q: posting %s at %s: %w", line.CountID, line.SKU, line.Location, err)
	}
	line.Posted = res.Seq
	out.Posted = append(out.Posted, e)
	return t.putJSON(t.lines, lineKey(line.CountID, line.SKU, line.Location), line)
}

// CancelCount unfreezes the locations without posting anything.
func (l *Ledger) CancelCount(ctx context.Context, id string) error {
	now := l.opts.Now().UTC()
	_, err := l.write(ctx, &request{apply: func(t *wtx) (Result, error) {
		s, err := t.openSession(id)
		if err != nil {
			return Result{}, err
		}
		s.Status, s.Ended = CountCancelled, now
		return Result{}, t.closeSession(s)
	}})
	return err
}

func (t *wtx) closeSession(s *CountSession) error {
	for _, loc := range s.Locations {
		if err := t.frozen.Delete([]byte(loc)); err != nil {
			return err
		}
	}
	return t.putJSON(t.counts, []byte(s.ID), s)
}

func (t *wtx) countLines(id string) ([]CountLine, error) {
	return readLines(t.lines.Cursor(), id)
}

type cursor interface {
	Seek([]byte) ([]byte, []byte)
	Next() ([]byte, []byte)
}

func readLines(c cursor, id string) ([]CountLine, error) {
	prefix := []byte(id + "\x00")
	var lines []CountLine
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var line CountLine
		if err := json.Unmarshal(v, &line); err != nil {
			return nil, fmt.Errorf("%w: count line %q: %v", ErrCorrupt, k, err)
		}
		lines = append(lines, line)
	}
	return lines, nil
}

func outdatedLines(lines []CountLine) []string {
	var out []string
	for _, l := range lines {
		if l.Outdated {
			out = append(out, l.SKU+"@"+l.Location)
		}
	}
	return out
}
