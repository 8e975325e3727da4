package config

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// index remembers where each key path was last set, and checks every
// key of every source against the configuration's shape.
type index struct {
	at map[string]place
}

func newIndex() *index { return &index{at: map[string]place{}} }

// add indexes one parsed source and reports its unknown keys.
func (ix *index) add(doc *yaml.Node, at place, t reflect.Type, ps *problems) {
	if len(doc.Content) > 0 {
		ix.walk(at, doc.Content[0], t, "", ps)
	}
}

func (ix *index) walk(at place, n *yaml.Node, t reflect.Type, path string, ps *problems) {
	t = deref(t)
	switch {
	case n.Kind == yaml.MappingNode && isSection(t):
		ix.walkSection(at, n, t, path, ps)
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Map:
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := join(path, n.Content[i].Value)
			ix.at[p] = lineOf(at, n.Content[i])
			ix.walk(at, n.Content[i+1], t.Elem(), p, ps)
		}
	case n.Kind == yaml.SequenceNode && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
		for i, item := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			ix.at[p] = lineOf(at, item)
			ix.walk(at, item, t.Elem(), p, ps)
		}
	}
}

func (ix *index) walkSection(at place, n *yaml.Node, t reflect.Type, path string, ps *problems) {
	known := map[string]reflect.Type{}
	for _, f := range fields(t) {
		known[f.name] = f.typ
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		p := join(path, k.Value)
		ix.at[p] = lineOf(at, k)
		ft, ok := known[k.Value]
		if !ok {
			best, hint := suggest(k.Value, known)
			ps.add(ix.at[p], p, fmt.Sprintf("%s: unknown key%s", p, hint))
			if best != "" && !hasKey(n, best) {
				ps.bad[join(path, best)] = true // "port: required" is this typo again
			}
			continue
		}
		ix.walk(at, n.Content[i+1], ft, p, ps)
	}
}

func lineOf(at place, n *yaml.Node) place {
	at.line = n.Line
	return at
}

// hasKey says whether a mapping node sets key.
func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

// suggest names the closest valid key and lists the others.
func suggest(got string, known map[string]reflect.Type) (string, string) {
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
	return best, s
}

// locate finds the longest key path an error message names (at its
// start, or quoted as the decoder quotes it) and where it was set.
func (ix *index) locate(msg string) (place, string, bool) {
	best := ""
	for p := range ix.at {
		if len(p) > len(best) && namesPath(msg, p) {
			best = p
		}
	}
	at, ok := ix.at[best]
	return at, best, ok
}

// namesPath says whether an error message is about key path p: it
// starts with p (or a key below it), or quotes p as the decoder does.
func namesPath(msg, p string) bool {
	if strings.HasPrefix(msg, p) && len(msg) > len(p) && strings.ContainsRune(":.[ ", rune(msg[len(p)])) {
		return true
	}
	return strings.Contains(msg, "'"+p+"'") || strings.Contains(msg, `"`+p+`"`)
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
