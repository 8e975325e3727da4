package workflow

import (
	"context"
	"fmt"
	"strings"

	"github.com/edged/edged/device/scanner"
)

func (s *Station) command(ctx context.Context, _ scanner.Frame, o *Outcome) {
	c := Command(strings.ToUpper(o.Token.Value))
	if !c.valid() {
		s.reject(o, fmt.Errorf("%w: unknown command %q; print the sheet again with edged print-commands", ErrBadScan, o.Token.Value))
		return
	}
	if m, ok := c.mode(); ok {
		s.setMode(m)
		s.changed(o)
		return
	}
	s.control(ctx, c, o)
}

// setMode switches mode; what was pending for the old mode is dropped,
// the location and the worker stay.
func (s *Station) setMode(m Mode) {
	st := &s.st
	st.mode = m
	st.qty, st.qtySet, st.order, st.moveSKU, st.moveQty, st.damaged = 0, false, "", "", 0, false
	st.countID = ""
}

func (s *Station) control(ctx context.Context, c Command, o *Outcome) {
	st := &s.st
	switch c {
	case CmdUndo:
		s.undo(ctx, o)
	case CmdReset:
		st.reset(s.rules.mode)
		s.changed(o)
	case CmdDone:
		st.qty, st.qtySet, st.order, st.lpn, st.moveSKU, st.moveQty = 0, false, "", "", "", 0
		st.countID = ""
		s.changed(o)
	case CmdLogout:
		st.user = ""
		s.changed(o)
	case CmdDamaged:
		if st.mode != ModeReturn {
			s.reject(o, fmt.Errorf("%w: damaged applies to returns, the station is in %s", ErrWrongMode, st.mode))
			return
		}
		st.damaged = true
		s.changed(o)
	}
}
