package config

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// place is where a key was set: the source's position in the load
// order (so problems list in reading order) and the line in it.
type place struct {
	order int
	name  string
	line  int
}

func (p place) String() string {
	if p.line == 0 {
		return p.name
	}
	return fmt.Sprintf("%s:%d", p.name, p.line)
}

// problem is one line of the report: where, the key path it is about
// (empty for a syntax error), and "key: problem; expected form".
type problem struct {
	at   place
	key  string
	text string
}

func (p *problem) Error() string {
	if p.at.name == "" {
		return p.text
	}
	return p.at.String() + ": " + p.text
}

// problems collects a load's findings. A key whose value could not be
// decoded is remembered, so the rules run on what did decode do not
// report the same key a second time (as "required", say).
type problems struct {
	list []*problem
	bad  map[string]bool
}

func newProblems() *problems { return &problems{bad: map[string]bool{}} }

func (ps *problems) add(at place, key, text string) {
	ps.list = append(ps.list, &problem{at: at, key: key, text: text})
}

// addBad records a value that did not decode.
func (ps *problems) addBad(at place, key, text string) {
	ps.bad[key] = true
	ps.add(at, key, text)
}

// covered says whether key is, or lies below, a value that did not decode.
func (ps *problems) covered(key string) bool {
	for k := key; k != ""; k = parent(k) {
		if ps.bad[k] {
			return true
		}
	}
	return false
}

// parent is the key path one level up: a.b[2].c -> a.b[2] -> a.b -> a.
func parent(key string) string {
	i := strings.LastIndexAny(key, ".[")
	if i < 0 {
		return ""
	}
	return key[:i]
}

// err sorts the problems in reading order, drops repeats and joins them.
func (ps *problems) err() error {
	slices.SortStableFunc(ps.list, func(a, b *problem) int {
		return cmp.Or(cmp.Compare(a.at.order, b.at.order), cmp.Compare(a.at.line, b.at.line))
	})
	seen := map[string]bool{}
	var errs []error
	for _, p := range ps.list {
		if msg := p.Error(); !seen[msg] {
			seen[msg] = true
			errs = append(errs, p)
		}
	}
	return errors.Join(errs...)
}
