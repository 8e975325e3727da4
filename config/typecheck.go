package config

import (
	"fmt"
	"reflect"

	"go.yaml.in/yaml/v3"
)

// checker is the first pass: it walks one source's document against
// the configuration's shape and reports every value that cannot become
// its field, each at its own line, so one bad value hides no other.
// Unknown keys are the index's to report; they are skipped here.
type checker struct {
	at place
	ps *problems
}

func (c checker) check(n *yaml.Node, t reflect.Type, path string) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // left out: the zero value, that is the default
	}
	t = deref(t)
	switch {
	case isSection(t):
		c.section(n, t, path)
	case t.Kind() == reflect.Map:
		c.mapping(n, t, path)
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		c.list(n, t, path)
	default:
		c.scalar(n, t, path)
	}
}

func (c checker) section(n *yaml.Node, t reflect.Type, path string) {
	if n.Kind != yaml.MappingNode {
		c.bad(n, path, describe(n)+" is not a section; expected key: value lines indented below the key")
		return
	}
	known := map[string]reflect.Type{}
	for _, f := range fields(t) {
		known[f.name] = f.typ
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if ft, ok := known[n.Content[i].Value]; ok {
			c.check(n.Content[i+1], ft, join(path, n.Content[i].Value))
		}
	}
}

func (c checker) mapping(n *yaml.Node, t reflect.Type, path string) {
	if n.Kind != yaml.MappingNode {
		c.bad(n, path, describe(n)+" is not a section; expected name: value lines indented below the key")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		c.check(n.Content[i+1], t.Elem(), join(path, n.Content[i].Value))
	}
}

// list takes a sequence, or a single value where the items are values
// (allow_negative: FLOOR), as the decoder does.
func (c checker) list(n *yaml.Node, t reflect.Type, path string) {
	switch {
	case n.Kind == yaml.SequenceNode:
		for i, item := range n.Content {
			c.check(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i))
		}
	case n.Kind == yaml.ScalarNode && !isSection(t.Elem()):
		c.check(n, t.Elem(), path)
	default:
		c.bad(n, path, describe(n)+` is not a list; expected a list such as [a, b], or lines starting with "- " below the key`)
	}
}

func (c checker) scalar(n *yaml.Node, t reflect.Type, path string) {
	if n.Kind != yaml.ScalarNode {
		c.bad(n, path, fmt.Sprintf("%s is not a single value; expected %s", describe(n), formOf(t)))
		return
	}
	if problem := scalarProblem(n.Value, n.Tag, t); problem != "" {
		c.bad(n, path, problem)
	}
}

func (c checker) bad(n *yaml.Node, path, problem string) {
	at := c.at
	at.line = n.Line
	c.ps.addBad(at, path, path+": "+problem)
}

// describe names what a node is, for "... is not a list".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a section"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}
