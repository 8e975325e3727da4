package llrp

import (
	"errors"
	"log/slog"
	"net"
	"sync"
	"testing"
	"time"
)

// TestLinkDuplicateResponse: a reader answering twice must not stall
// the read loop; the keepalive after it is still acknowledged.
func TestLinkDuplicateResponse(t *testing.T) {
	client, reader := net.Pipe()
	l := newLink(client, slog.New(slog.DiscardHandler), 5*time.Second)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer client.Close()
	wg.Go(func() { l.readLoop(func(Event) error { return nil }) })
	acked := make(chan Frame, 1)
	wg.Go(func() {
		fr := NewFrameReader(reader)
		req, err := fr.Next()
		if err != nil {
			t.Error(err)
			return
		}
		var b Builder
		b.Reset(Version101, MsgSetReaderConfigResponse, req.ID)
		b.Status(StatusSuccess, "")
		reader.Write(b.Bytes())
		reader.Write(b.Bytes())
		b.Reset(Version101, MsgKeepalive, 77)
		reader.Write(b.Bytes())
		ack, _ := fr.Next()
		acked <- ack
		reader.Close()
	})
	_, err := l.call(t.Context(), MsgSetReaderConfig, 5*time.Second, func(b *Builder, id uint32) { EncodeGPOWrite(b, Version101, id, 1, true) })
	if err != nil {
		t.Fatal(err)
	}
	if ack := <-acked; ack.Type != MsgKeepaliveAck || ack.ID != 77 {
		t.Errorf("got %s id %d, want KEEPALIVE_ACK id 77", ack.Type, ack.ID)
	}
	<-l.done
	if !errors.Is(l.err, ErrReaderClosed) {
		t.Errorf("link ended with %v", l.err)
	}
}
