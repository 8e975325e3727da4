package llrp_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/edged/edged/device/llrp"
	"github.com/edged/edged/device/llrp/llrptest"
)

// A reader answers CLOSE_CONNECTION and hangs up at once: the answer
// must win over the hang-up. The two arrive together often enough that
// a few hundred probes showed the race (about one in a hundred).
func TestProbeSucceedsWhenTheReaderHangsUpRightAfterAnswering(t *testing.T) {
	for i := range 300 {
		_, addr := llrptest.Start(t, llrptest.Options{})
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := llrp.Probe(context.Background(), conn, 5*time.Second); err != nil {
			t.Fatalf("probe %d: %v", i, err)
		}
	}
}
