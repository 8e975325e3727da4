package workflow

import (
	"fmt"
	"strconv"
)

// Label is one barcode of the printed command sheet.
type Label struct {
	// Data is what the barcode encodes (CMD:RECEIVE).
	Data string
	// Caption is the human-readable text printed under it.
	Caption string
}

// SheetOptions adds station-specific labels to the command sheet.
type SheetOptions struct {
	// Quantities to print as QTY barcodes; nil means DefaultQuantities.
	Quantities []int64
	// Locations to print as LOC barcodes (shelf labels for this station).
	Locations []string
}

var captions = map[Command]string{
	CmdReceive: "Mode: receive goods", CmdPick: "Mode: pick (sale)", CmdReturn: "Mode: customer return",
	CmdCount: "Mode: count", CmdMove: "Mode: move stock", CmdUndo: "Undo last movement",
	CmdDone: "Done (clear order, pallet, quantity)", CmdReset: "Reset station", CmdLogout: "Log out", CmdDamaged: "Next return is damaged",
}

// DefaultQuantities are the QTY barcodes a sheet has unless told
// otherwise: the pack sizes a floor counts most.
func DefaultQuantities() []int64 { return []int64{1, 2, 3, 5, 6, 10, 12, 24, 50, 100} }

// Sheet lists the command sheet's labels for cfg: every command, the
// quantities and the locations, with cfg's prefixes.
func Sheet(cfg Config, opts SheetOptions) ([]Label, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	var out []Label
	for _, c := range Commands() {
		out = append(out, Label{Data: cfg.CommandPrefix + string(c), Caption: captions[c]})
	}
	qtys := opts.Quantities
	if qtys == nil {
		qtys = DefaultQuantities()
	}
	for _, q := range qtys {
		if q < 1 || q > cfg.MaxQuantity {
			return nil, fmt.Errorf("%w: quantity %d: must be 1 to %d", ErrQuantity, q, cfg.MaxQuantity)
		}
		out = append(out, Label{Data: cfg.QuantityPrefix + strconv.FormatInt(q, 10), Caption: "Quantity " + strconv.FormatInt(q, 10)})
	}
	for _, l := range opts.Locations {
		if l == "" {
			return nil, fmt.Errorf("%w: empty location", ErrConfig)
		}
		out = append(out, Label{Data: cfg.LocationPrefix + l, Caption: "Location " + l})
	}
	return out, nil
}
