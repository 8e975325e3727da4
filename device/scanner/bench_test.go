package scanner

import (
	"errors"
	"testing"
)

// BenchmarkHIDDecode decodes one recorded GS1 scan (74 boot reports:
// press and release per key, GS as Ctrl+]) per iteration, against a
// naive decoder written the obvious way (maps, string concatenation).
func BenchmarkHIDDecode(b *testing.B) {
	reports := readHexRecords(b, "../../testdata/hid/boot-gs1-ctrl-gs.hex")
	b.Run("decoder", func(b *testing.B) {
		d := NewKeyDecoder(KeyConfig{})
		out := make([]byte, 0, 64)
		b.ReportAllocs()
		for b.Loop() {
			out = out[:0]
			for _, r := range reports {
				var err error
				if out, err = d.Report(out, r); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("naive", func(b *testing.B) {
		n := newNaiveKeys()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := n.decode(reports); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// naiveKeys is the baseline: per-key maps and a string built by
// concatenation, with a fresh previous-keys set per report.
type naiveKeys struct {
	plain, shifted map[byte]string
}

func newNaiveKeys() *naiveKeys {
	n := &naiveKeys{plain: map[byte]string{}, shifted: map[byte]string{}}
	for i := range len(usPlain) {
		n.plain[byte(i+4)] = usPlain[i : i+1]
		n.shifted[byte(i+4)] = usShifted[i : i+1]
	}
	return n
}

func (n *naiveKeys) decode(reports [][]byte) (string, error) {
	s := ""
	prev := map[byte]bool{}
	for _, r := range reports {
		now := map[byte]bool{}
		for _, k := range r[2:] {
			if k == 0 {
				continue
			}
			now[k] = true
			if prev[k] {
				continue
			}
			c, ok := n.plain[k]
			if r[0]&modShift != 0 {
				c, ok = n.shifted[k]
			}
			if r[0]&modCtrl != 0 && c == "]" {
				c = "\x1d"
			}
			if !ok {
				return "", errors.New("unknown key")
			}
			s += c
		}
		prev = now
	}
	return s, nil
}

func TestNaiveKeysAgree(t *testing.T) {
	reports := readHexRecords(t, "../../testdata/hid/boot-gs1-ctrl-gs.hex")
	got, err := newNaiveKeys().decode(reports)
	want := decodeFixture(t, "boot", reports)
	if err != nil || got != string(want) {
		t.Errorf("naive %q %v, decoder %q", got, err, want)
	}
}
