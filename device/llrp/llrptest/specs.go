package llrptest

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/edged/edged/device/llrp"
)

// specs is the reader's spec state; it survives reconnects but not a
// reboot.
type specs struct {
	ro     roSpec
	access accessSpec
}

type roSpec struct {
	id        uint32
	state     uint8 // 0 disabled, 1 inactive, 2 active
	immediate bool
	n         uint16        // report every n tags (0: end of spec only)
	period    time.Duration // or every period
	antennas  []uint16      // empty: all
	filters   []epcFilter   // Select: tags matching any are read
	startGPI  *gpiTrigger   // start on this GPI edge
	stopGPI   *gpiTrigger   // stop on this GPI edge
}

type gpiTrigger struct {
	port uint16
	high bool
}

type accessSpec struct {
	id      uint32
	enabled bool
	reads   []readOp
}

type readOp struct {
	op    uint16
	bank  uint8
	words uint16
}

func (r *Reader) setReaderConfig(s *session, payload []byte) *failure {
	if len(payload) < 1 {
		return &failure{llrp.StatusFieldError, "missing ResetToFactoryDefault"}
	}
	for b := payload[1:]; len(b) > 0; {
		p, rest, err := llrp.NextParam(b)
		if err != nil {
			return &failure{llrp.StatusParameterError, err.Error()}
		}
		if f := r.applyConfig(s, p); f != nil {
			return f
		}
		b = rest
	}
	return nil
}

func (r *Reader) applyConfig(s *session, p llrp.Param) *failure {
	switch {
	case p.Type == llrp.ParamKeepaliveSpec && len(p.Body) >= 5:
		d := time.Duration(binary.BigEndian.Uint32(p.Body[1:])) * time.Millisecond
		if p.Body[0] == 0 {
			d = 0
		}
		select {
		case <-s.ka:
		default:
		}
		s.ka <- d
	case p.Type == llrp.ParamGPOWriteData && len(p.Body) >= 3:
		port := binary.BigEndian.Uint16(p.Body)
		if port == 0 || port > gpoPorts {
			return &failure{llrp.StatusFieldOutOfRange, "no such GPO port"}
		}
		on := p.Body[2]&0x80 != 0
		r.count(func(st *Stats) {
			st.GPO[port] = on
			st.GPOWrites = append(st.GPOWrites, fmt.Sprintf("%d %s", port, map[bool]string{true: "on", false: "off"}[on]))
			if len(st.GPOWrites) > 200 {
				st.GPOWrites = st.GPOWrites[1:]
			}
		})
	}
	return nil
}

func (r *Reader) addROSpec(payload []byte) *failure {
	if r.opts.RejectAddROSpec != "" {
		return &failure{llrp.StatusParameterError, r.opts.RejectAddROSpec}
	}
	p, ok, err := llrp.FindParam(payload, llrp.ParamROSpec)
	if err != nil || !ok || len(p.Body) < 6 {
		return &failure{llrp.StatusParameterError, "ADD_ROSPEC needs a ROSpec"}
	}
	spec := roSpec{id: binary.BigEndian.Uint32(p.Body)}
	if f := r.parseROSpec(&spec, p.Body[6:]); f != nil {
		return f
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case spec.id == 0:
		return &failure{llrp.StatusFieldError, "ROSpecID 0 is reserved"}
	case r.specs.ro.id != 0:
		return &failure{llrp.StatusFieldError, "reader holds at most 1 ROSpec; delete it first"}
	}
	r.specs.ro = spec
	return nil
}

func (r *Reader) parseROSpec(spec *roSpec, b []byte) *failure {
	for len(b) > 0 {
		p, rest, err := llrp.NextParam(b)
		if err != nil {
			return &failure{llrp.StatusParameterError, err.Error()}
		}
		switch p.Type {
		case llrp.ParamROBoundarySpec:
			if f := parseBoundary(spec, p.Body); f != nil {
				return f
			}
		case llrp.ParamAISpec:
			if f := r.parseAISpec(spec, p.Body); f != nil {
				return f
			}
		case llrp.ParamROReportSpec:
			parseReportSpec(spec, p.Body)
		}
		b = rest
	}
	return nil
}

func (r *Reader) parseAISpec(spec *roSpec, b []byte) *failure {
	if len(b) < 2 || len(b) < 2+2*int(binary.BigEndian.Uint16(b)) {
		return &failure{llrp.StatusParameterError, "AISpec antenna list truncated"}
	}
	n := int(binary.BigEndian.Uint16(b))
	for i := range n {
		a := binary.BigEndian.Uint16(b[2+2*i:])
		if a > r.opts.Antennas {
			return &failure{llrp.StatusFieldOutOfRange, "no such antenna"}
		}
		if a != 0 {
			spec.antennas = append(spec.antennas, a)
		}
	}
	ips, _, _ := llrp.FindParam(b[2+2*n:], llrp.ParamInventoryParameterSpec)
	if len(ips.Body) > 3 {
		spec.filters = parseFilters(ips.Body[3:])
	}
	return nil
}

func parseReportSpec(spec *roSpec, b []byte) {
	if len(b) < 3 {
		return
	}
	n := binary.BigEndian.Uint16(b[1:])
	switch b[0] {
	case 1, 2:
		spec.n = n
	case 3, 4:
		spec.period = time.Duration(n) * time.Second
	case 5, 6:
		spec.period = time.Duration(n) * time.Millisecond
	}
}

func parseBoundary(spec *roSpec, b []byte) *failure {
	start, _, _ := llrp.FindParam(b, llrp.ParamROSpecStartTrigger)
	stop, _, _ := llrp.FindParam(b, llrp.ParamROSpecStopTrigger)
	if len(start.Body) < 1 || len(stop.Body) < 5 {
		return &failure{llrp.StatusMissingParameter, "ROBoundarySpec needs start and stop triggers"}
	}
	spec.immediate = start.Body[0] == 1
	var bad bool
	if start.Body[0] == 3 {
		spec.startGPI, bad = parseGPI(start.Body[1:])
	}
	if stop.Body[0] == 2 {
		spec.stopGPI, bad = parseGPI(stop.Body[5:])
	}
	if bad {
		return &failure{llrp.StatusFieldOutOfRange, "GPITriggerValue missing or no such GPI port"}
	}
	return nil
}

func parseGPI(b []byte) (*gpiTrigger, bool) {
	p, ok, err := llrp.FindParam(b, llrp.ParamGPITriggerValue)
	if err != nil || !ok || len(p.Body) < 3 {
		return nil, true
	}
	port := binary.BigEndian.Uint16(p.Body)
	return &gpiTrigger{port: port, high: p.Body[2]&0x80 != 0}, port == 0 || port > gpiPorts
}
