package rfid

// antennas maps (reader, port) to a location. Reads arrive in runs from
// one reader, so the last reader's port table is kept at hand and a
// string comparison (pointer-equal in the common case) replaces the map
// lookup.
type antennas struct {
	byReader  map[string][]uint16 // port -> location+1; 0 = unconfigured
	lastName  string
	lastPorts []uint16
	lastValid bool
}

func (a *antennas) add(reader string, port, loc uint16) {
	if a.byReader == nil {
		a.byReader = map[string][]uint16{}
	}
	ports := a.byReader[reader]
	if int(port) >= len(ports) {
		ports = append(ports, make([]uint16, int(port)+1-len(ports))...)
	}
	ports[port] = loc + 1
	a.byReader[reader] = ports
}

func (a *antennas) lookup(reader string, port uint16) (uint16, bool) {
	if !a.lastValid || reader != a.lastName {
		a.lastName, a.lastPorts, a.lastValid = reader, a.byReader[reader], true
	}
	if int(port) >= len(a.lastPorts) || a.lastPorts[port] == 0 {
		return 0, false
	}
	return a.lastPorts[port] - 1, true
}
