package main

import (
	"bytes"
	"testing"
)

func TestVersionIsTheStampedOne(t *testing.T) {
	old := buildVersion
	buildVersion = "1.4.0+3.gabc1234"
	defer func() { buildVersion = old }()
	var out bytes.Buffer
	if c := run([]string{"--version"}, &out, &out); c != 0 || out.String() != "relay version 1.4.0+3.gabc1234\n" {
		t.Errorf("exit %d: %q", c, out.String())
	}
}
