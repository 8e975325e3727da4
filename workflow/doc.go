// Package workflow turns scans into stock movements. Floor workers
// never touch a screen: each scanner is a station, and command barcodes
// printed on a laminated sheet switch it between receiving, picking,
// returns, counting and moving, and set the location, quantity, order,
// licence plate and worker.
//
// # Classification
//
// A frame's data (after an AIM identifier, if any) is tried in order:
// command prefix (CMD:), location prefix (LOC:) or location pattern,
// order prefix (ORD:), user prefix (USR:), quantity prefix (QTY:), an
// internal licence-plate pattern or a GS1 SSCC (AI 00), a bare integer
// when bare quantities are on, and otherwise an item, which package
// barcode decodes and the catalog resolves (GTIN, SKU code or alias).
//
// # Station state
//
// A Station keeps the mode, a sticky location, a pending quantity (for
// the next item only), the order, the worker's badge and the licence
// plate. An item scan in receive, pick, return or count mode posts a
// receive, sale, return or count event; in move mode the item waits for
// its destination location, which posts a transfer from the sticky
// location. In count mode after a count session id (CNT:C1) an item
// records a blind line in that open session instead of a count event.
// DAMAGED marks the next return as damaged stock. UNDO posts the compensating event of the last movement (an
// adjust, or the reverse transfer); nothing is ever deleted. After
// Config.IdleReset without scans the station starts over.
//
// # Guarantees
//
//   - A rejected scan (unknown item, wrong mode, quantity out of range,
//     frozen location, bad check digit, cut frame) posts nothing and
//     plays the error signal; the station keeps working.
//   - The good-read signal plays only after the ledger returned, that is
//     after the event is durable.
//   - Event ids derive from the station, the frame's completion time and
//     a hash of its raw bytes. When the ledger fails (ErrRecord: the
//     event may or may not have landed) the event is kept, and Retry or
//     the worker scanning the same barcode again posts it with the same
//     id, so it is recorded once, never twice.
//   - The same barcode scanned again in the same mode within
//     Config.Debounce is ignored (a double trigger).
package workflow
