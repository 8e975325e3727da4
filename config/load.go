package config

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
)

// Source is one YAML document and the name to report it by.
type Source struct {
	Name string
	Data []byte
}

// Load merges the sources in order, applies the environment overrides in
// env (KEY=value strings, as os.Environ gives), decodes the result into
// out (a pointer to a struct with mapstructure tags) and, when out has a
// Validate() error method, validates it. The error joins every problem,
// one "file:line: key: problem; expected form" each, in reading order.
//
// It works in two passes so that one fault hides no other: first every
// source's keys and values are checked field by field against out's
// shape (syntax, unknown keys, values of the wrong type or out of
// range); then whatever decoded is validated, leaving out what the first
// pass already reported. Only a syntax error stops the second pass: the
// rules would misjudge a configuration missing a whole file.
func Load(out any, env []string, sources ...Source) error {
	t := reflect.TypeOf(out).Elem()
	idx, ps := newIndex(), newProblems()
	v := viper.New()
	complete := true
	for i, s := range sources {
		at := place{order: i, name: s.Name}
		doc, m, ok := parse(s, at, ps)
		if !ok {
			complete = false
			continue
		}
		idx.add(doc, at, t, ps)
		if len(doc.Content) > 0 {
			checker{at, ps}.check(doc.Content[0], t, "")
		}
		if err := v.MergeConfigMap(m); err != nil {
			ps.add(at, "", fmt.Sprintf("cannot merge: %v", err))
		}
	}
	applyEnv(v, t, env, place{order: len(sources), name: "environment"}, idx, ps)
	if complete {
		decodeInto(v, out, idx, ps)
		validate(out, idx, ps, len(sources)+1)
	}
	return ps.err()
}

// decodeInto fills out with every value that converts; the checker has
// reported those that do not, anything else the decoder refuses is
// reported here.
func decodeInto(v *viper.Viper, out any, idx *index, ps *problems) {
	err := v.Unmarshal(out, func(dc *mapstructure.DecoderConfig) {
		dc.ErrorUnused = false // the index reports unknown keys, with their lines
		dc.DecodeHook = mapstructure.ComposeDecodeHookFunc(
			mapstructure.StringToTimeDurationHookFunc(), mapstructure.TextUnmarshallerHookFunc())
	})
	for _, e := range leaves(err) {
		var de *mapstructure.DecodeError
		if !errors.As(e, &de) || ps.covered(de.Name()) {
			continue
		}
		at := idx.at[de.Name()]
		ps.addBad(at, de.Name(), de.Name()+": "+decodeText(de.Unwrap()))
	}
}

// decodeText words a decoder error with the expected form when it can.
func decodeText(err error) string {
	var pe *mapstructure.ParseError
	if errors.As(err, &pe) && pe.Expected.IsValid() {
		return fmt.Sprintf("%q cannot be read; expected %s", fmt.Sprint(pe.Value), formOf(pe.Expected.Type()))
	}
	var ue *mapstructure.UnconvertibleTypeError
	if errors.As(err, &ue) && ue.Expected.IsValid() {
		return fmt.Sprintf("%q cannot be read; expected %s", fmt.Sprint(ue.Value), formOf(ue.Expected.Type()))
	}
	return err.Error()
}

// validate runs out's rules and locates each problem at the key it
// names; a problem about a key that did not decode is a repeat.
func validate(out any, idx *index, ps *problems, lastOrder int) {
	val, ok := out.(interface{ Validate() error })
	if !ok {
		return
	}
	for _, e := range leaves(val.Validate()) {
		msg := e.Error()
		named, _, _ := strings.Cut(msg, ": ")
		at, key, found := idx.locate(msg)
		if !found {
			at, key = place{order: lastOrder}, named
		}
		if !ps.covered(key) && !ps.covered(named) {
			ps.add(at, key, msg)
		}
	}
}

// leaves flattens wrapped and joined errors down to the ones that join
// nothing, so that each problem gets its own line.
func leaves(err error) []error {
	if err == nil {
		return nil
	}
	var de *mapstructure.DecodeError
	if errors.As(err, &de) && err == error(de) {
		return []error{err}
	}
	switch w := err.(type) {
	case interface{ Unwrap() []error }:
		var out []error
		for _, e := range w.Unwrap() {
			out = append(out, leaves(e)...)
		}
		return out
	case interface{ Unwrap() error }:
		if inner := w.Unwrap(); isJoin(inner) {
			return leaves(inner)
		}
	}
	return []error{err}
}

func isJoin(err error) bool {
	_, ok := err.(interface{ Unwrap() []error })
	return ok
}
