package rfid

import (
	"testing"
	"unsafe"
)

// TestTagLayout keeps the tag at two cache lines with the per-read fields
// in the first, as the package documentation promises.
func TestTagLayout(t *testing.T) {
	if n := unsafe.Sizeof(tag{}); n != 128 {
		t.Errorf("tag is %d bytes, want 128", n)
	}
	if off := unsafe.Offsetof(tag{}.prev); off != 64 {
		t.Errorf("hot fields end at %d, want 64", off)
	}
}

// TestTableBytes checks the memory estimate used by Validate and the
// package documentation (about 275 bytes per tag with the defaults).
func TestTableBytes(t *testing.T) {
	c := Config{MaxTags: 10000}.withDefaults()
	if got := tableBytes(c) / 10000; got < 250 || got > 300 {
		t.Errorf("%d bytes per tag with the defaults", got)
	}
	c.MaxTags, c.Move.Window = 1<<24, 255
	if err := c.Validate(); err == nil {
		t.Error("a 16M-tag table with 255-read windows was accepted")
	}
}
