package uplink

import "testing"

// TestRelayCameOnline: only a (re)start resends, never a repeated or
// merely retained online.
func TestRelayCameOnline(t *testing.T) {
	type msg struct{ online, retained bool }
	for _, c := range []struct {
		name string
		msgs []msg
		want []bool
	}{
		{"retained online on subscribe", []msg{{true, true}}, []bool{false}},
		{"first live online", []msg{{true, false}}, []bool{true}},
		{"retained offline then online", []msg{{false, true}, {true, false}}, []bool{false, true}},
		{"will then restart", []msg{{true, true}, {false, false}, {true, false}}, []bool{false, false, true}},
		{"duplicate onlines", []msg{{false, false}, {true, false}, {true, false}, {true, false}}, []bool{false, true, false, false}},
		{"flapping", []msg{{true, true}, {false, false}, {true, false}, {false, false}, {true, false}}, []bool{false, false, true, false, true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var s sess
			for i, m := range c.msgs {
				if got := s.relayCameOnline(m.online, m.retained); got != c.want[i] {
					t.Fatalf("message %d %+v: restart %v, want %v", i, m, got, c.want[i])
				}
			}
		})
	}
}
