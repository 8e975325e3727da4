package auditfixture

import (
	"fmt"
	"io"
	"os"
)

// Copy copies the file at from to a new file to (a benchmark's own copy
// of a cached store, which the relay may then write to).
func Copy(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("audit fixture: %w", err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("audit fixture: %w", err)
	}
	_, err = io.Copy(dst, src)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("audit fixture: copying %s to %s: %w", from, to, err)
	}
	return nil
}
