// Package logfmt builds the slog handler both programs log through, in
// the format the configuration's log.format names:
//
//   - text: logfmt-style key=value lines with a timestamp (slog's text
//     handler), for a terminal or a file;
//   - json: one JSON object per line, for log shippers;
//   - journal: for systemd's journal, which stamps every line itself:
//     no timestamp, and the level as an sd-daemon(3) priority prefix
//     ("<3>" error, "<4>" warning, "<6>" info, "<7>" debug) that journald
//     turns into the entry's PRIORITY, so `journalctl -p warning` works.
//
// The default ("") is journal when the process's stderr is the journal
// (systemd sets JOURNAL_STREAM for a service whose output goes there),
// else text.
package logfmt
