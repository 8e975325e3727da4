// Package gs1dict reads the GS1 Barcode Syntax Dictionary text format.
//
// It is used twice: by the generator that writes the barcode package's AI
// table, and by the test that checks the committed table against a newer
// copy of the dictionary, so both read the file the same way.
package gs1dict

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Entry is one dictionary line: a solitary AI or a range of AIs.
type Entry struct {
	Lo, Hi     string // equal for a solitary AI
	Fixed      bool   // flag "*": predefined length, no FNC1 needed after it
	DLAttr     bool   // flag "?": allowed as a Digital Link data attribute
	Components []Component
	DLPKey     bool   // "dlpkey" attribute present: a Digital Link primary key
	Qualifiers string // value of "dlpkey=", e.g. "22,10,21|235"
	Title      string
}

// Component is one part of an AI's data field, such as "N6,yymmd0".
type Component struct {
	Type     byte // 'N', 'X', 'Y' or 'Z'
	Min, Max int
	Optional bool
	Linters  []string
}

// Parse reads every entry; comment and blank lines are skipped.
func Parse(r io.Reader) ([]Entry, error) {
	var entries []Entry
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		e, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("gs1dict: line %d: %w", n, err)
		}
		entries = append(entries, e)
	}
	return entries, sc.Err()
}

func parseLine(line string) (Entry, error) {
	var e Entry
	if i := strings.IndexByte(line, '#'); i >= 0 {
		e.Title = strings.TrimSpace(line[i+1:])
		line = line[:i]
	}
	fields := strings.Fields(line)
	e.Lo, e.Hi, _ = strings.Cut(fields[0], "-")
	if e.Hi == "" {
		e.Hi = e.Lo
	}
	if len(e.Lo) != len(e.Hi) || len(e.Lo) < 2 || len(e.Lo) > 4 {
		return e, fmt.Errorf("bad AI or range %q", fields[0])
	}
	for _, f := range fields[1:] {
		if err := e.addField(f); err != nil {
			return e, err
		}
	}
	if len(e.Components) == 0 {
		return e, fmt.Errorf("AI %s has no data components", e.Lo)
	}
	return e, nil
}

func (e *Entry) addField(f string) error {
	switch {
	case isFlags(f):
		e.Fixed = strings.Contains(f, "*")
		e.DLAttr = strings.Contains(f, "?")
	case isComponent(f):
		c, err := parseComponent(f)
		if err != nil {
			return err
		}
		e.Components = append(e.Components, c)
	case f == "dlpkey":
		e.DLPKey = true
	case strings.HasPrefix(f, "dlpkey="):
		e.DLPKey, e.Qualifiers = true, strings.TrimPrefix(f, "dlpkey=")
	}
	// req= and ex= association rules are not used by the parser.
	return nil
}

// isFlags reports whether f is the flags field: punctuation only.
func isFlags(f string) bool {
	return strings.IndexFunc(f, func(r rune) bool {
		return r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z'
	}) < 0
}

func isComponent(f string) bool {
	f = strings.TrimPrefix(f, "[")
	return len(f) > 1 && strings.IndexByte("NXYZ", f[0]) >= 0 &&
		(f[1] == '.' || f[1] >= '0' && f[1] <= '9')
}

func parseComponent(f string) (Component, error) {
	spec, lint, _ := strings.Cut(f, ",")
	var c Component
	if strings.HasPrefix(spec, "[") {
		c.Optional, spec = true, strings.Trim(spec, "[]")
	}
	c.Type = spec[0]
	size, variable := strings.CutPrefix(spec[1:], "..")
	n, err := strconv.Atoi(size)
	if err != nil || n < 1 || n > 99 {
		return c, fmt.Errorf("bad component length in %q", f)
	}
	c.Min, c.Max = n, n
	if variable {
		c.Min = 1
	}
	if lint != "" {
		c.Linters = strings.Split(lint, ",")
	}
	return c, nil
}
