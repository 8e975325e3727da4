package llrptest

import (
	"context"
	"net"
	"sync"
	"testing"
)

// Start runs a fake reader on a free 127.0.0.1 port for the duration of
// the test and returns it with its address.
func Start(t testing.TB, opts Options) (*Reader, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := New(opts)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := r.Serve(ctx, ln); err != nil {
			t.Errorf("llrptest: serve: %v", err)
		}
	})
	t.Cleanup(func() {
		cancel()
		wg.Wait()
	})
	return r, ln.Addr().String()
}
