package config

import (
	"reflect"
	"strings"
	"time"
)

// field is one mapstructure-tagged struct field.
type field struct {
	name string
	typ  reflect.Type
}

// fields lists the keys a struct accepts, following squashed embeds.
func fields(t reflect.Type) []field {
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("mapstructure")
		name, opts, _ := strings.Cut(tag, ",")
		switch {
		case name == "-":
		case strings.Contains(opts, "squash") || (f.Anonymous && name == ""):
			out = append(out, fields(deref(f.Type))...)
		default:
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			out = append(out, field{name, f.Type})
		}
	}
	return out
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// isSection says whether a type holds keys (a struct that is not a
// scalar in disguise such as time.Time or a text type).
func isSection(t reflect.Type) bool {
	t = deref(t)
	return t.Kind() == reflect.Struct && t != reflect.TypeOf(time.Time{}) &&
		!reflect.PointerTo(t).Implements(textUnmarshaler)
}

// leafKeys lists the dotted paths of every key below t that an
// environment variable can set (lists of sections cannot be).
func leafKeys(t reflect.Type, prefix string) []string {
	var out []string
	for _, f := range fields(deref(t)) {
		key := join(prefix, f.name)
		if isSection(f.typ) {
			out = append(out, leafKeys(f.typ, key)...)
			continue
		}
		if k := deref(f.typ).Kind(); (k == reflect.Slice || k == reflect.Map) && isSection(deref(f.typ).Elem()) {
			continue
		}
		out = append(out, key)
	}
	return out
}

// fieldType finds the type at a dotted path.
func fieldType(t reflect.Type, key string) reflect.Type {
	head, rest, more := strings.Cut(key, ".")
	for _, f := range fields(deref(t)) {
		if f.name != head {
			continue
		}
		if !more {
			return f.typ
		}
		return fieldType(f.typ, rest)
	}
	return nil
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}
