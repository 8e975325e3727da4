package uplink

import (
	"time"

	"github.com/edged/edged/uplink/wire"
)

// Snapshot returns the current health, as published on the health topic.
func (u *Uplink) Snapshot() wire.Health { return u.snapshot() }

func (u *Uplink) snapshot() wire.Health {
	now := time.Now()
	h := wire.Health{Site: u.cfg.Site, Gateway: u.cfg.Gateway, Boot: u.boot, Time: now, Version: u.d.Version,
		UptimeS: int64(time.Since(u.started) / time.Second), DiskFreeBytes: -1, Devices: []wire.DeviceHealth{}}
	if u.d.Health != nil {
		host := u.d.Health.HostHealth()
		h.ClockSynced, h.DiskFreeBytes = host.ClockSynced, host.DiskFreeBytes
		if host.Devices != nil {
			h.Devices = host.Devices
		}
	}
	h.Backlog = u.backlog(now)
	u.mu.Lock()
	h.Link = u.link
	h.Alarms = u.alarmNames()
	u.mu.Unlock()
	h.Link.HealthDropped = u.health.droppedCount()
	return h
}

// backlog reads the outbox and updates the capacity alarm level.
func (u *Uplink) backlog(now time.Time) wire.BacklogHealth {
	st, err := u.d.Outbox.Status()
	if err != nil {
		u.log.Error("uplink: outbox status", "err", err)
		return wire.BacklogHealth{}
	}
	b := wire.BacklogHealth{Entries: st.Pending, Bytes: st.Bytes, LastAckedSeq: st.Acked, Head: st.Head, Epoch: st.Epoch}
	if !st.Oldest.IsZero() {
		b.OldestUnackedS = max(0, now.Sub(st.Oldest).Seconds())
	}
	b.CapacityPercent = 100 * max(float64(st.Pending)/float64(u.cfg.MaxBacklogEvents),
		float64(st.Bytes)/float64(u.cfg.MaxBacklogBytes))
	u.setLevel(capacityLevel(b.CapacityPercent), b)
	return b
}

func capacityLevel(pct float64) int {
	for _, l := range []int{100, 95, 80, 50} {
		if pct >= float64(l) {
			return l
		}
	}
	return 0
}

func (u *Uplink) setLevel(level int, b wire.BacklogHealth) {
	u.mu.Lock()
	old := u.al.level
	u.al.level = level
	u.mu.Unlock()
	switch {
	case level > old && level == 100:
		u.log.Error("uplink: backlog full; events are still recorded but the relay is far behind", "entries", b.Entries, "bytes", b.Bytes)
	case level > old:
		u.log.Warn("uplink: backlog above alarm level", "percent", level, "entries", b.Entries, "bytes", b.Bytes)
	case level < old:
		u.log.Info("uplink: backlog below alarm level", "percent", old, "entries", b.Entries)
	}
}

// alarmNames lists the active alarms; u.mu is held.
func (u *Uplink) alarmNames() []string {
	names := []string{}
	levels := map[int]string{50: wire.AlarmBacklog50, 80: wire.AlarmBacklog80, 95: wire.AlarmBacklog95, 100: wire.AlarmBacklogFull}
	for _, l := range []int{50, 80, 95, 100} {
		if u.al.level >= l {
			names = append(names, levels[l])
		}
	}
	if u.al.ackOverdue {
		names = append(names, wire.AlarmRelayAckOverdue)
	}
	if u.al.badAck {
		names = append(names, wire.AlarmBadAck)
	}
	if !u.link.Connected {
		names = append(names, wire.AlarmDisconnected)
	}
	return names
}

func (h *healthQueue) droppedCount() uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.dropped
}
