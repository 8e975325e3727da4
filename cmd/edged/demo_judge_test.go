package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

// The terminal view never shows Go syntax, and the demo ends by saying
// that everything agrees.
func TestLiveDemoTerminalView(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"demo", "--duration", "3s"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("demo exit %d: %s\n%s", code, errb.String(), out.String())
	}
	if m := regexp.MustCompile(`map\[|\w+=(true|false)\b|&\{|%!`).FindString(out.String()); m != "" {
		t.Errorf("the view shows Go syntax %q:\n%s", m, out.String())
	}
	if !strings.Contains(out.String(), "ledger, relay and the four channels agree on every SKU") ||
		!strings.Contains(out.String(), "pushes: shopify ") ||
		!regexp.MustCompile(`console: http://127\.0\.0\.1:\d+/console/  \(log in as demo, password \w{12}\)`).MatchString(out.String()) {
		t.Errorf("the end of the demo:\n%s", out.String())
	}
}

// A disagreement is named with its SKU, channel and cause.
func TestDemoOutcomeNamesEveryDisagreement(t *testing.T) {
	s := demoSummary{VerifyPassed: true, EventsRecorded: 9, EventsAcked: 8, Pushes: map[string]uint64{"shopify": 3},
		Disagreements: []disagreement{
			{SKU: "MUG-WHT", Want: 60, Got: 59, Cause: "1 events not yet acknowledged by the relay"},
			{SKU: "TEE-BLK-M", Channel: "lazada", Want: 47, Got: 48, Cause: "its last push failed: HTTP 500"},
		}}
	var out bytes.Buffer
	printDemoOutcome(&out, s)
	for _, want := range []string{"pushes: shopify 3, lazada 0, shopee 0, tiktok 0", "2 DISAGREEING",
		"MUG-WHT: the relay's master on hand is 59, the ledger's 60: 1 events not yet acknowledged",
		"TEE-BLK-M on lazada: shows 48, the relay computed 47: its last push failed: HTTP 500"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("outcome lacks %q:\n%s", want, out.String())
		}
	}
}
