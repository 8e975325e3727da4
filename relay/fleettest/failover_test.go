package fleettest

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/fleet"
)

// failoverLimit is how long a channel may go without a new pusher before
// the test gives up on it: far beyond the goal of 5 s.
const failoverLimit = 30 * time.Second

// failover is one channel changing hands after its owner was killed.
type failover struct {
	ch         relay.Channel
	from, to   string
	epoch      uint64 // the killed owner's
	newEpoch   uint64 // the new owner's, as the status page shows it
	killed     time.Time
	took       time.Duration // until another instance pushed to ch
	incomplete bool          // no push within failoverLimit
}

// leases reads the running leases from the status page of the first
// relay that answers.
func (f *fleetRig) leases(ctx context.Context) (map[relay.Channel]fleet.Lease, error) {
	var errs []error
	for _, p := range f.relays {
		if !p.running() {
			continue
		}
		s, err := p.status(ctx)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out := map[relay.Channel]fleet.Lease{}
		for _, l := range s.Fleet.Leases {
			if l.Remaining > 0 {
				out[l.Channel] = l
			}
		}
		return out, nil
	}
	return nil, errors.Join(append(errs, errors.New("no relay answers"))...)
}

// owner waits until ch has a running lease and returns it.
func (f *fleetRig) owner(ctx context.Context, ch relay.Channel) (fleet.Lease, error) {
	l, _, err := f.ownerAndLeases(ctx, ch)
	return l, err
}

// ownerAndLeases waits until ch has a running lease and returns it with
// every lease as read at the same time.
func (f *fleetRig) ownerAndLeases(ctx context.Context, ch relay.Channel) (fleet.Lease, map[relay.Channel]fleet.Lease, error) {
	for {
		ls, err := f.leases(ctx)
		if l, ok := ls[ch]; ok && err == nil {
			return l, ls, nil
		}
		if serr := sleep(ctx, 20*time.Millisecond); serr != nil {
			return fleet.Lease{}, nil, errors.Join(serr, err)
		}
	}
}

// killOwner SIGKILLs the owner of ch and waits until every channel it
// owned has been pushed to by another instance; it returns the killed
// relay (not restarted) and one failover per channel it owned.
func (f *fleetRig) killOwner(ctx context.Context, ch relay.Channel) (*relayProc, []failover) {
	f.tb.Helper()
	l, ls, err := f.ownerAndLeases(ctx, ch)
	if err != nil {
		f.tb.Fatalf("no owner of %s: %v", ch, err)
	}
	p := f.relayByID(l.Owner)
	if p == nil {
		f.tb.Fatalf("%s is owned by %q, not one of the relays", ch, l.Owner)
	}
	var fos []failover
	for _, c := range relay.Channels() {
		if o, ok := ls[c]; ok && o.Owner == p.id {
			fos = append(fos, failover{ch: c, from: p.id, epoch: o.Epoch})
		}
	}
	at := p.kill()
	for i := range fos {
		fos[i].killed = at
		f.awaitPush(&fos[i])
	}
	f.recordNewOwners(ctx, fos)
	return p, fos
}

// bystander is a running relay that owns no channel, or nil.
func (f *fleetRig) bystander(ctx context.Context) *relayProc {
	ls, err := f.leases(ctx)
	if err != nil {
		f.tb.Fatal(err)
	}
	owners := map[string]bool{}
	for _, l := range ls {
		owners[l.Owner] = true
	}
	for _, p := range f.relays {
		if p.running() && !owners[p.id] {
			return p
		}
	}
	return nil
}

// makeBystander makes sure one relay owns no channel: when every relay
// owns one, it stops one gracefully (releasing its leases), waits until
// the others took them and starts it again.
func (f *fleetRig) makeBystander(ctx context.Context) {
	if f.bystander(ctx) != nil {
		return
	}
	ls, _ := f.leases(ctx)
	p := f.relayByID(ls[relay.TikTok].Owner)
	p.stop()
	for _, ch := range relay.Channels() {
		for {
			l, err := f.owner(ctx, ch)
			if err != nil {
				f.tb.Fatal(err)
			}
			if l.Owner != p.id {
				break
			}
			_ = sleep(ctx, 20*time.Millisecond)
		}
	}
	f.restart(p)
}

// awaitPush waits for the first push to fo.ch by another instance.
func (f *fleetRig) awaitPush(fo *failover) {
	for deadline := fo.killed.Add(failoverLimit); ; time.Sleep(5 * time.Millisecond) {
		if p, ok := f.market.pushes.firstAfter(fo.ch, fo.killed, fo.from); ok {
			fo.to, fo.took = p.instance, p.at.Sub(fo.killed)
			return
		}
		if time.Now().After(deadline) {
			fo.incomplete = true
			return
		}
	}
}

// recordNewOwners notes the lease epochs after the failovers.
func (f *fleetRig) recordNewOwners(ctx context.Context, fos []failover) {
	ls, err := f.leases(ctx)
	if err != nil {
		return
	}
	for i := range fos {
		if l, ok := ls[fos[i].ch]; ok && l.Owner == fos[i].to {
			fos[i].newEpoch = l.Epoch
		}
	}
}

// check reports what is wrong with a failover.
func (fo failover) check() error {
	switch {
	case fo.incomplete:
		return errors.New("no other instance pushed within " + failoverLimit.String())
	case fo.newEpoch != 0 && fo.newEpoch <= fo.epoch:
		return errors.New("the new owner's epoch is not above the killed owner's")
	}
	return nil
}

// durations are the failover times of fos.
func durations(fos []failover) []time.Duration {
	var out []time.Duration
	for _, fo := range fos {
		if !fo.incomplete {
			out = append(out, fo.took)
		}
	}
	slices.Sort(out)
	return out
}
