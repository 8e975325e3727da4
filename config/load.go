package config

import (
	"bytes"
	"encoding"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
)

// Source is one YAML document and the name to report it by.
type Source struct {
	Name string
	Data []byte
}

// EnvPrefix starts every environment override.
const EnvPrefix = "EDGED_"

// Load merges the sources in order, applies the environment overrides in
// env (KEY=value strings, as os.Environ gives), decodes the result into
// out (a pointer to a struct with mapstructure tags) and, when out has a
// Validate() error method, validates it. The error joins every problem.
func Load(out any, env []string, sources ...Source) error {
	t := reflect.TypeOf(out).Elem()
	idx := newIndex()
	v := viper.New()
	v.SetConfigType("yaml")
	var errs []error
	for _, s := range sources {
		errs = append(errs, idx.add(s, t)...)
		if err := v.MergeConfig(bytes.NewReader(s.Data)); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", s.Name, yamlError(err)))
		}
	}
	errs = append(errs, applyEnv(v, t, env)...)
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	// A value of the wrong type is reported with whatever the sections'
	// validation finds in the rest, so one run lists every problem.
	derr := decode(v, out)
	var all []error
	for _, e := range decodeErrors(derr) {
		all = append(all, idx.locate(e))
	}
	if verr := validate(out, idx); verr != nil {
		all = append(all, verr)
	}
	return errors.Join(all...)
}

// decodeErrors splits the decoder's one error into one per key.
func decodeErrors(err error) []error {
	if err == nil {
		return nil
	}
	var out []error
	for _, line := range strings.Split(err.Error(), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "decoding failed") {
			continue
		}
		out = append(out, errors.New(line))
	}
	return out
}

func decode(v *viper.Viper, out any) error {
	return v.Unmarshal(out, func(dc *mapstructure.DecoderConfig) {
		dc.ErrorUnused = true
		dc.DecodeHook = mapstructure.ComposeDecodeHookFunc(
			mapstructure.StringToTimeDurationHookFunc(), mapstructure.TextUnmarshallerHookFunc())
	})
}

func validate(out any, idx *index) error {
	val, ok := out.(interface{ Validate() error })
	if !ok {
		return nil
	}
	err := val.Validate()
	if err == nil {
		return nil
	}
	var errs []error
	for _, e := range unjoin(err) {
		errs = append(errs, idx.locate(e))
	}
	return errors.Join(errs...)
}

// unjoin flattens errors.Join trees so each problem gets its own line.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, unjoin(e)...)
		}
		return out
	}
	return []error{err}
}

// applyEnv sets every known key that has an EDGED_* variable.
func applyEnv(v *viper.Viper, t reflect.Type, env []string) []error {
	vars := map[string]string{}
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, EnvPrefix) {
			vars[k] = val
		}
	}
	known := map[string]bool{}
	var errs []error
	for _, key := range leafKeys(t, "") {
		name := EnvName(key)
		known[name] = true
		if val, ok := vars[name]; ok {
			parsed, err := envValue(val, fieldType(t, key))
			if err != nil {
				errs = append(errs, fmt.Errorf("environment: %s=%q: %v", name, val, err))
				continue
			}
			v.Set(key, parsed)
		}
	}
	for _, name := range sortedKeys(vars) {
		if !known[name] {
			errs = append(errs, fmt.Errorf("environment: %s matches no configuration key (EDGED_<SECTION>_<KEY>, like EDGED_LEDGER_DB)", name))
		}
	}
	return errs
}

// EnvName is the environment variable overriding a key path.
func EnvName(key string) string {
	return EnvPrefix + strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(key))
}

// envValue turns a variable into what the field takes: a list from
// commas, a number or a bool parsed strictly; durations and text types
// stay strings for the decoder's hooks.
func envValue(val string, t reflect.Type) (any, error) {
	if t == nil {
		return val, nil
	}
	switch {
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		return strings.Split(val, ","), nil
	case t == reflect.TypeOf(time.Duration(0)) || t.Implements(textUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler):
		return val, nil
	case t.Kind() == reflect.Bool:
		return want(strconv.ParseBool(val))("true or false")
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		return want(strconv.ParseInt(val, 10, 64))("a whole number")
	case t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uint64:
		return want(strconv.ParseUint(val, 10, 64))("a whole number, not negative")
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return want(strconv.ParseFloat(val, 64))("a number")
	}
	return val, nil
}

// want turns a parse failure into "want <what>".
func want[T any](v T, err error) func(string) (any, error) {
	return func(what string) (any, error) {
		if err != nil {
			return nil, fmt.Errorf("want %s", what)
		}
		return v, nil
	}
}

var textUnmarshaler = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
