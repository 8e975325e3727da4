package epc

// bitsAt returns n (at most 64) bits of b starting at bit offset off,
// most significant bit first, as TDS numbers bits. The caller checks that
// the range lies within b.
func bitsAt(b []byte, off, n int) uint64 {
	var v uint64
	for i := off; i < off+n; i++ {
		v = v<<1 | uint64(b[i>>3]>>(7-uint(i&7))&1)
	}
	return v
}

// zeroFrom reports whether every bit of b from bit offset off is zero.
func zeroFrom(b []byte, off int) bool {
	for i := off; i < len(b)*8; i++ {
		if b[i>>3]>>(7-uint(i&7))&1 != 0 {
			return false
		}
	}
	return true
}

// bitWriter appends fields most significant bit first into a fixed
// buffer large enough for every scheme this package encodes.
type bitWriter struct {
	buf [32]byte
	off int
}

func (w *bitWriter) put(v uint64, n int) {
	for i := n - 1; i >= 0; i-- {
		if v>>uint(i)&1 != 0 {
			w.buf[w.off>>3] |= 1 << (7 - uint(w.off&7))
		}
		w.off++
	}
}

// bytes returns a copy of the written bits, padded with zeros to a byte.
func (w *bitWriter) bytes() []byte {
	out := make([]byte, (w.off+7)/8)
	copy(out, w.buf[:])
	return out
}

// pow10 holds 10^0 .. 10^19 for digit-count checks.
var pow10 = func() [20]uint64 {
	var p [20]uint64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()
