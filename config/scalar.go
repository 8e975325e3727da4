package config

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"time"
)

var durationType = reflect.TypeOf(time.Duration(0))

// scalarProblem says what is wrong with a YAML value for a field of type
// t, in "what it is; what was expected" form, or "" when it decodes.
// It accepts what the decoder accepts (a quoted "5" for a number, a
// number for a string) except a bare number for a duration, which the
// decoder would take as nanoseconds.
func scalarProblem(value, tag string, t reflect.Type) string {
	t = deref(t)
	switch {
	case t == durationType:
		return durationProblem(value, tag)
	case t.Implements(textUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler):
		return textProblem(value, t)
	}
	switch t.Kind() {
	case reflect.Bool:
		if _, err := strconv.ParseBool(value); err != nil {
			return fmt.Sprintf("%q is not true or false; expected true or false", value)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		_, err := strconv.ParseInt(value, 0, t.Bits())
		return wholeProblem(value, err, t.Bits(), fmt.Sprintf("from %d to %d", int64(-1)<<(t.Bits()-1), int64(1)<<(t.Bits()-1)-1))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		_, err := strconv.ParseUint(value, 0, t.Bits())
		if _, ierr := strconv.ParseInt(value, 0, 64); ierr == nil && err != nil {
			err = strconv.ErrRange // a negative whole number
		}
		return wholeProblem(value, err, t.Bits(), fmt.Sprintf("from 0 to %d", uint64(math.MaxUint64)>>(64-t.Bits())))
	case reflect.Float32, reflect.Float64:
		if _, err := strconv.ParseFloat(value, t.Bits()); err != nil {
			return fmt.Sprintf("%q is not a number; expected a number such as 1.5", value)
		}
	}
	return ""
}

func durationProblem(value, tag string) string {
	const form = "expected a duration such as 250ms, 5s or 1m"
	if tag == "!!int" || tag == "!!float" {
		if f, err := strconv.ParseFloat(value, 64); err == nil && f == 0 {
			return ""
		}
		return fmt.Sprintf("%s has no unit; %s", value, form)
	}
	if _, err := time.ParseDuration(value); err != nil {
		return fmt.Sprintf("%q is not a duration; %s", value, form)
	}
	return ""
}

// wholeProblem words an integer parse failure; the bounds are named
// when they are of a size a person would type.
func wholeProblem(value string, err error, bits int, bounds string) string {
	if err == nil {
		return ""
	}
	if bits == 64 {
		bounds = "such as 10"
	}
	if errors.Is(err, strconv.ErrRange) {
		return fmt.Sprintf("%s is out of range; expected a whole number %s", value, bounds)
	}
	return fmt.Sprintf("%q is not a whole number; expected a whole number %s", value, bounds)
}

func textProblem(value string, t reflect.Type) string {
	v := reflect.New(t)
	u, ok := v.Interface().(interface{ UnmarshalText([]byte) error })
	if !ok {
		return ""
	}
	if err := u.UnmarshalText([]byte(value)); err != nil {
		return fmt.Sprintf("%q: %v", value, err)
	}
	return ""
}

// formOf is the expected form of a value of type t, for a list or a
// section given where one value belongs.
func formOf(t reflect.Type) string {
	switch t = deref(t); {
	case t == durationType:
		return "a duration such as 250ms, 5s or 1m"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return "a whole number"
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return "a number such as 1.5"
	case t.Kind() == reflect.String:
		return "a single value such as a name"
	}
	return "a single value"
}
