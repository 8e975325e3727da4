package llrptest

import (
	"encoding/binary"

	"github.com/edged/edged/device/llrp"
)

// roSpecCommand runs the ROSpec state machine (LLRP 1.1 §7.1.1).
func (r *Reader) roSpecCommand(t llrp.MsgType, payload []byte) *failure {
	if len(payload) < 4 {
		return &failure{llrp.StatusFieldError, "ROSpecID missing"}
	}
	id := binary.BigEndian.Uint32(payload)
	r.mu.Lock()
	defer r.mu.Unlock()
	ro := &r.specs.ro
	if ro.id == 0 || (id != 0 && id != ro.id) {
		if id == 0 && (t == llrp.MsgDeleteROSpec || t == llrp.MsgDisableROSpec) {
			return nil
		}
		return &failure{llrp.StatusFieldError, "no such ROSpec"}
	}
	return ro.transition(t)
}

func (ro *roSpec) transition(t llrp.MsgType) *failure {
	switch t {
	case llrp.MsgDeleteROSpec:
		*ro = roSpec{}
	case llrp.MsgDisableROSpec:
		ro.state = 0
	case llrp.MsgEnableROSpec:
		if ro.state == 0 {
			ro.state = 1
			if ro.immediate {
				ro.state = 2
			}
		}
	case llrp.MsgStartROSpec:
		if ro.state != 1 {
			return &failure{llrp.StatusFieldError, "ROSpec must be enabled and inactive to start"}
		}
		ro.state = 2
	case llrp.MsgStopROSpec:
		if ro.state != 2 {
			return &failure{llrp.StatusFieldError, "ROSpec is not active"}
		}
		ro.state = 1
	}
	return nil
}

func (r *Reader) addAccessSpec(payload []byte) *failure {
	p, ok, err := llrp.FindParam(payload, llrp.ParamAccessSpec)
	if err != nil || !ok || len(p.Body) < 12 {
		return &failure{llrp.StatusParameterError, "ADD_ACCESSSPEC needs an AccessSpec"}
	}
	as := accessSpec{id: binary.BigEndian.Uint32(p.Body)}
	cmd, _, _ := llrp.FindParam(p.Body[12:], llrp.ParamAccessCommand)
	for b := cmd.Body; len(b) > 0; {
		q, rest, err := llrp.NextParam(b)
		if err != nil {
			return &failure{llrp.StatusParameterError, err.Error()}
		}
		if q.Type == llrp.ParamC1G2Read && len(q.Body) >= 11 {
			as.reads = append(as.reads, readOp{op: binary.BigEndian.Uint16(q.Body), bank: q.Body[6] >> 6,
				words: binary.BigEndian.Uint16(q.Body[9:])})
		}
		b = rest
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.specs.access.id != 0 {
		return &failure{llrp.StatusFieldError, "AccessSpec exists; delete it first"}
	}
	r.specs.access = as
	return nil
}

func (r *Reader) accessSpecCommand(t llrp.MsgType, payload []byte) *failure {
	if len(payload) < 4 {
		return &failure{llrp.StatusFieldError, "AccessSpecID missing"}
	}
	id := binary.BigEndian.Uint32(payload)
	r.mu.Lock()
	defer r.mu.Unlock()
	as := &r.specs.access
	if as.id == 0 || (id != 0 && id != as.id) {
		if id == 0 && t != llrp.MsgEnableAccessSpec {
			return nil
		}
		return &failure{llrp.StatusFieldError, "no such AccessSpec"}
	}
	switch t {
	case llrp.MsgDeleteAccessSpec:
		*as = accessSpec{}
	case llrp.MsgEnableAccessSpec:
		as.enabled = true
	case llrp.MsgDisableAccessSpec:
		as.enabled = false
	}
	return nil
}
