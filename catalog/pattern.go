package catalog

import (
	"fmt"
	"strings"
)

// patternKey turns an EPC entry into the key stored for it. Exact URIs
// and TDS patterns become an exact or field-boundary prefix key (prefix
// reports which); other entries ending in '*' become plain prefixes.
func patternKey(p string) (key string, prefix, plain bool, err error) {
	switch {
	case strings.HasPrefix(p, "urn:epc:idpat:"):
		key, prefix, err = fieldPattern("urn:epc:id:", strings.TrimPrefix(p, "urn:epc:idpat:"))
		return key, prefix, false, err
	case strings.HasPrefix(p, "urn:epc:pat:"):
		key, prefix, err = fieldPattern("urn:epc:tag:", strings.TrimPrefix(p, "urn:epc:pat:"))
		return key, prefix, false, err
	case strings.HasSuffix(p, "*") && len(p) > 1:
		return strings.TrimSuffix(p, "*"), true, true, nil
	case strings.HasPrefix(p, "urn:epc:") && !strings.Contains(p, "*"):
		return p, false, false, nil
	}
	return "", false, false, fmt.Errorf("%w: EPC pattern %q is not an EPC URI, a urn:epc:idpat:/urn:epc:pat: pattern or a prefix ending in '*'", ErrInvalid, p)
}

// fieldPattern converts "sgtin:0614141.812345.*" into the URI prefix
// "urn:epc:id:sgtin:0614141.812345." that every matching URI starts with.
// Wildcards must be trailing so that a match is a prefix match; ranges
// ([lo-hi]) are not supported.
func fieldPattern(base, rest string) (string, bool, error) {
	scheme, body, ok := strings.Cut(rest, ":")
	if !ok || scheme == "" || body == "" {
		return "", false, fmt.Errorf("%w: EPC pattern needs scheme:fields, got %q", ErrInvalid, rest)
	}
	fields := strings.Split(body, ".")
	fixed := len(fields)
	for i, f := range fields {
		switch {
		case f == "*" && fixed == len(fields):
			fixed = i
		case f == "*":
		case fixed < len(fields):
			return "", false, fmt.Errorf("%w: EPC pattern %q has a fixed field after '*'; only trailing wildcards are supported", ErrInvalid, rest)
		case strings.ContainsAny(f, "*[]"):
			return "", false, fmt.Errorf("%w: EPC pattern %q field %q: ranges and partial wildcards are not supported", ErrInvalid, rest, f)
		}
	}
	key := base + scheme + ":" + strings.Join(fields[:fixed], ".")
	if fixed == len(fields) {
		return key, false, nil
	}
	if fixed > 0 {
		key += "."
	}
	return key, true, nil
}
