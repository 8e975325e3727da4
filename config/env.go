package config

import (
	"encoding"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/spf13/viper"
)

// EnvPrefix starts every environment override.
const EnvPrefix = "EDGED_"

// applyEnv sets every known key that has an EDGED_* variable, checking
// the value as a file's would be. The index then places the key's
// problems at the variable that set it.
func applyEnv(v *viper.Viper, t reflect.Type, env []string, at place, idx *index, ps *problems) {
	vars := map[string]string{}
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, EnvPrefix) {
			vars[k] = val
		}
	}
	known := map[string]bool{}
	for _, key := range leafKeys(t, "") {
		name := EnvName(key)
		known[name] = true
		val, ok := vars[name]
		if !ok {
			continue
		}
		set := place{order: at.order, name: at.name + ": " + name}
		idx.at[key] = set
		parsed, problem := envValue(val, fieldType(t, key))
		if problem != "" {
			ps.addBad(set, key, key+": "+problem)
			continue
		}
		v.Set(key, parsed)
	}
	for _, name := range sortedKeys(vars) {
		if !known[name] {
			ps.add(at, "", fmt.Sprintf("%s matches no configuration key; expected EDGED_<SECTION>_<KEY>, like EDGED_LEDGER_DB", name))
		}
	}
}

// EnvName is the environment variable overriding a key path.
func EnvName(key string) string {
	return EnvPrefix + strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(key))
}

// envValue turns a variable into what the field takes: a list from
// commas; anything else stays text, checked here and converted by the
// decoder as a quoted YAML value would be.
func envValue(val string, t reflect.Type) (any, string) {
	if t == nil {
		return val, ""
	}
	if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String {
		return strings.Split(val, ","), ""
	}
	if t.Kind() == reflect.Slice {
		return val, ""
	}
	return val, scalarProblem(val, "!!str", t)
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
