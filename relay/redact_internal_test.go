package relay

import (
	"fmt"
	"testing"
)

func TestSecretsKeepTheNewestAndThePinned(t *testing.T) {
	s := NewSecrets("app-secret-pinned", "tiny", "")
	for i := range maxRenewed + 10 {
		s.Add(fmt.Sprintf("secret-%03d", i), "", "tiny")
	}
	s.Add("secret-073", "app-secret-pinned") // known: no change
	l := s.list.Load()
	if len(l.renewed) != maxRenewed || len(l.has) != maxRenewed+1 || len(l.all) != maxRenewed+1 {
		t.Fatalf("%d renewed, %d in the index, %d in all", len(l.renewed), len(l.has), len(l.all))
	}
	if l.all[0] != "app-secret-pinned" || l.renewed[0] != "secret-010" ||
		l.renewed[maxRenewed-1] != fmt.Sprintf("secret-%03d", maxRenewed+9) || l.has["secret-009"] {
		t.Errorf("kept %s, %s … %s", l.all[0], l.renewed[0], l.renewed[maxRenewed-1])
	}
	var none *Secrets
	none.Add("whatever-secret")
	if none.List() != nil {
		t.Error("a nil set holds something")
	}
}

func BenchmarkSecretsAddKnown(b *testing.B) {
	s := NewSecrets()
	secrets := []string{"at-0123456789abcdef", "pk-0123456789abcdef"}
	s.Add(secrets...)
	b.ReportAllocs()
	for b.Loop() {
		s.Add(secrets...)
	}
}
