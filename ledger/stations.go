package ledger

import (
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// stationKey is a station's last location in the meta bucket: a scanner
// station's sticky location is state the floor relies on across a restart
// (a worker does not rescan the shelf after a power cut), small and
// rarely written, so it lives beside the ledger's own meta data.
func stationKey(station string) []byte { return []byte("station\x00" + station) }

// StationLocation returns the location station scanned last and the time
// of its last scan then; "" if none.
func (l *Ledger) StationLocation(station string) (string, time.Time, error) {
	var loc string
	var at time.Time
	err := l.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get(stationKey(station))
		if len(v) >= 8 {
			at, loc = time.Unix(0, int64(binary.BigEndian.Uint64(v))).UTC(), string(v[8:])
		}
		return nil
	})
	if err != nil {
		return "", time.Time{}, fmt.Errorf("ledger: station %s: %w", station, err)
	}
	return loc, at, nil
}

// SetStationLocation remembers durably that station is at location, with
// the time of its last scan; "" forgets it (a reset).
func (l *Ledger) SetStationLocation(station, location string, at time.Time) error {
	if err := checkText("station", station, maxNameLen, true); err != nil {
		return err
	}
	if err := checkText("location", location, maxNameLen, false); err != nil {
		return err
	}
	err := l.db.Update(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if location == "" {
			return m.Delete(stationKey(station))
		}
		v := binary.BigEndian.AppendUint64(nil, uint64(at.UnixNano()))
		return m.Put(stationKey(station), append(v, location...))
	})
	if err != nil {
		return fmt.Errorf("ledger: station %s: %w", station, err)
	}
	return nil
}
