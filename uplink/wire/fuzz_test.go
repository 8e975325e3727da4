package wire_test

import (
	"reflect"
	"testing"

	"github.com/edged/edged/uplink/wire"
)

// FuzzDecodeBatch: any input either fails cleanly or decodes to a batch
// that encodes and decodes back to itself.
func FuzzDecodeBatch(f *testing.F) {
	good, _, _ := wire.Pack(testHeader(), testEvents(1, 3, 0))
	f.Add(good)
	f.Add([]byte(`{"v":1}`))
	f.Add([]byte(`{"v":1,"site":"a","gateway":"b","epoch":"c","boot":"d","first":1,"last":1,"head":1,"events":[{"seq":1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := wire.DecodeBatch(data)
		if err != nil {
			return
		}
		enc, err := wire.EncodeBatch(b)
		if err != nil {
			t.Fatalf("a decoded batch does not encode: %v", err)
		}
		again, err := wire.DecodeBatch(enc)
		if err != nil {
			t.Fatalf("re-decode: %v\n%s", err, enc)
		}
		if !reflect.DeepEqual(b, again) {
			t.Fatalf("round trip changed the batch:\n%+v\n%+v", b, again)
		}
	})
}

// FuzzDecodeControl: the small decoders never panic and round trip.
func FuzzDecodeControl(f *testing.F) {
	f.Add([]byte(`{"v":1,"epoch":"e","upto":3}`))
	f.Add([]byte(`{"v":1,"online":true,"gateway":"g","session":2}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if a, err := wire.DecodeAck(data); err == nil {
			if b, err := wire.DecodeAck(wire.Encode(&a)); err != nil || b != a {
				t.Fatalf("ack round trip: %+v %+v %v", a, b, err)
			}
		}
		if s, err := wire.DecodeState(data); err == nil {
			if _, err := wire.DecodeState(wire.Encode(&s)); err != nil {
				t.Fatalf("state round trip: %v", err)
			}
		}
		_, _ = wire.DecodeHealth(data)
		_, _ = wire.DecodeResync(data)
		_, _ = wire.DecodeRelayState(data)
	})
}
