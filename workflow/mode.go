package workflow

import "strings"

// Mode is what a station is doing; it decides which ledger event an
// item scan becomes.
type Mode int

// Modes.
const (
	ModeNone    Mode = iota // no mode yet: item scans are rejected
	ModeReceive             // goods in: receive at the location
	ModePick                // picking: sale from the location, for the order
	ModeReturn              // customer returns: return to the location
	ModeCount               // counting: quantity then item records the count
	ModeMove                // moving: item, then destination location
)

var modeText = [...]string{"none", "receive", "pick", "return", "count", "move"}

func (m Mode) String() string { return modeText[m] }

func parseMode(s string) (Mode, bool) {
	for i, name := range modeText[1:] {
		if strings.EqualFold(s, name) {
			return Mode(i + 1), true
		}
	}
	return ModeNone, false
}

func modeNames() []string { return modeText[1:] }

// Command is a control barcode's action.
type Command string

// Commands printed on the sheet (after the command prefix). The mode
// commands are the mode names in upper case.
const (
	CmdReceive Command = "RECEIVE"
	CmdPick    Command = "PICK"
	CmdReturn  Command = "RETURN"
	CmdCount   Command = "COUNT"
	CmdMove    Command = "MOVE"
	CmdUndo    Command = "UNDO"   // post a compensating event for the last one
	CmdReset   Command = "RESET"  // clear everything, back to the default mode
	CmdDone    Command = "DONE"   // finish the order/LPN/pending item, keep mode and location
	CmdLogout  Command = "LOGOUT" // forget the worker's badge
	// CmdDamaged marks the next returned item as damaged (not sellable).
	CmdDamaged Command = "DAMAGED"
)

// Commands lists every command in sheet order.
func Commands() []Command {
	return []Command{CmdReceive, CmdPick, CmdReturn, CmdCount, CmdMove, CmdUndo, CmdDone, CmdReset, CmdLogout, CmdDamaged}
}

func (c Command) mode() (Mode, bool) { return parseMode(string(c)) }

func (c Command) valid() bool {
	for _, k := range Commands() {
		if k == c {
			return true
		}
	}
	return false
}
