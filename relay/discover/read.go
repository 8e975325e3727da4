package discover

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/edged/edged/relay"
)

// ReadAll reads every channel's listings concurrently. It returns what
// the channels that answered listed, and an error naming each channel
// that failed (those are absent from the map, so Match reports nothing
// for them rather than every SKU missing).
func ReadAll(ctx context.Context, readers map[relay.Channel]relay.ListingReader) (map[relay.Channel][]relay.Listing, error) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	out := map[relay.Channel][]relay.Listing{}
	var errs []error
	for ch, r := range readers {
		wg.Go(func() {
			ls, err := r.Listings(ctx)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: listings: %w", ch, err))
				return
			}
			out[ch] = ls
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}
