package config

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// index remembers where each key path was last set (file:line), and
// checks every key of every source against the configuration's shape.
type index struct {
	at map[string]string
}

func newIndex() *index { return &index{at: map[string]string{}} }

func (ix *index) add(s Source, t reflect.Type) []error {
	var doc yaml.Node
	if err := yaml.Unmarshal(s.Data, &doc); err != nil {
		return nil // the merge reports the syntax error
	}
	var errs []error
	if len(doc.Content) > 0 {
		ix.walk(s.Name, doc.Content[0], t, "", &errs)
	}
	return errs
}

func (ix *index) walk(src string, n *yaml.Node, t reflect.Type, path string, errs *[]error) {
	t = deref(t)
	switch {
	case n.Kind == yaml.MappingNode && isSection(t):
		ix.walkSection(src, n, t, path, errs)
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Map:
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := join(path, n.Content[i].Value)
			ix.at[p] = fmt.Sprintf("%s:%d", src, n.Content[i].Line)
			ix.walk(src, n.Content[i+1], t.Elem(), p, errs)
		}
	case n.Kind == yaml.SequenceNode && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
		for i, item := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			ix.at[p] = fmt.Sprintf("%s:%d", src, item.Line)
			ix.walk(src, item, t.Elem(), p, errs)
		}
	}
}

func (ix *index) walkSection(src string, n *yaml.Node, t reflect.Type, path string, errs *[]error) {
	known := map[string]reflect.Type{}
	for _, f := range fields(t) {
		known[f.name] = f.typ
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		p := join(path, k.Value)
		ix.at[p] = fmt.Sprintf("%s:%d", src, k.Line)
		ft, ok := known[k.Value]
		if !ok {
			*errs = append(*errs, fmt.Errorf("%s:%d: %s: unknown key%s", src, k.Line, p, suggest(k.Value, known)))
			continue
		}
		ix.walk(src, n.Content[i+1], ft, p, errs)
	}
}

// suggest names the closest valid key and lists the others.
func suggest(got string, known map[string]reflect.Type) string {
	names := make([]string, 0, len(known))
	best, bestD := "", 3
	for name := range known {
		names = append(names, name)
		if d := distance(got, name); d < bestD {
			best, bestD = name, d
		}
	}
	sort.Strings(names)
	s := "; valid keys here: " + strings.Join(names, ", ")
	if best != "" {
		s = fmt.Sprintf(" (did you mean %s?)", best) + s
	}
	return s
}

// locate prefixes err with the file:line of the longest key path it
// names (at its start, or quoted as the decoder quotes it).
func (ix *index) locate(err error) error {
	msg := err.Error()
	best := ""
	for p := range ix.at {
		if len(p) > len(best) && namesPath(msg, p) {
			best = p
		}
	}
	if best == "" {
		return err
	}
	return fmt.Errorf("%s: %w", ix.at[best], err)
}

// namesPath says whether an error message is about key path p: it
// starts with p (or a key below it), or quotes p as the decoder does.
func namesPath(msg, p string) bool {
	if strings.HasPrefix(msg, p) && len(msg) > len(p) && strings.ContainsRune(":.[ ", rune(msg[len(p)])) {
		return true
	}
	return strings.Contains(msg, "'"+p+"'") || strings.Contains(msg, `"`+p+`"`)
}

func yamlError(err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return fmt.Errorf("%s", strings.Join(te.Errors, "; "))
	}
	return err
}

// distance is the Levenshtein distance, for "did you mean".
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
