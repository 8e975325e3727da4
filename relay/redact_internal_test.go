package relay

import (
	"fmt"
	"testing"
)

func TestSecretSetKeepsTheNewest(t *testing.T) {
	var s secretSet
	for i := range maxKnown + 10 {
		s.add([]string{fmt.Sprintf("secret-%03d", i), "", "tiny"})
	}
	s.add([]string{"secret-073"}) // known: no change
	l := s.list.Load()
	if len(l.values) != maxKnown || len(l.has) != maxKnown {
		t.Fatalf("%d values, %d in the index", len(l.values), len(l.has))
	}
	if l.values[0] != "secret-010" || l.values[maxKnown-1] != fmt.Sprintf("secret-%03d", maxKnown+9) || l.has["secret-009"] {
		t.Errorf("kept %s … %s", l.values[0], l.values[maxKnown-1])
	}
}

func BenchmarkDoKnownSecrets(b *testing.B) {
	var s secretSet
	secrets := []string{"at-0123456789abcdef", "pk-0123456789abcdef"}
	s.add(secrets)
	b.ReportAllocs()
	for b.Loop() {
		s.add(secrets)
	}
}
