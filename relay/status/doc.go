// Package status gathers what `relay status` and the relay's status page
// show: per channel the last push, its lag, failures and permanent errors;
// per gateway the last applied seq; the engine's counters of refused and
// ignored input. [Source.Snapshot] reads the live parts, [Handler] serves a
// small HTML page (JSON with ?format=json) and [WriteText] prints it.
package status
