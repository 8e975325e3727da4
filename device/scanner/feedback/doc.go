// Package feedback makes a scanner beep or flash from the host, so a
// floor worker without a screen hears whether a scan was accepted.
//
// A Driver turns a Signal into the exact bytes one scanner protocol
// needs; a Writer sends them to the scanner's port (any io.Writer, in
// production a scanner.Supervisor). Byte sequences and their sources
// (see also docs/scanners.md):
//
//   - Zebra SSI (host type "SSI"): BEEP packet
//     len=0x05, opcode 0xE6, source 0x04 (host), status 0x00, beep code,
//     then a 2-byte big-endian two's-complement checksum of the
//     preceding bytes; LED_ON (0xE7) / LED_OFF (0xE8) with one data byte
//     (0x01 = decode LED). Beep codes 0x00 one short high, 0x01 two
//     short high, 0x0E/0x0F... per the SSI beep table; we use 0x00 for
//     good, 0x01 for state change and 0x1A (high-high-low-low) for error.
//     [Zebra SSI Programmer's Guide, "BEEP", "LED_ON"; devices.md 4.1]
//   - Honeywell Host ACK (RS-232 terminal 000, USB COM 130): ESC 7 ,
//     good read; ESC 8 , error; ESC a , menu success (state change).
//     [Xenon/Granit user guide "Host Acknowledgment"; devices.md 4.1]
//   - Datalogic RS-232 single-byte commands: 0x01 forces the good-read
//     tone; 'F' is the not-on-file (error) beep series; state change is
//     two good-read tones. [Magellan 9300i/9800i PRG, App. E]
//   - BEL (Zebra "Beep on <BEL>", many OEM engines): one BEL good, two
//     state change, three error. [Zebra LS4208 PRG Table 6-2]
//   - None: writes nothing (scanner without host control).
//
// A Light flashes a GPO lamp of an RFID reader near the station
// (llrp.Client.SetGPO) for good and error signals; Multi plays a signal
// on the scanner and the lamp together.
//
// The workflow sends Good only after the ledger made the event durable,
// Error for every rejection, and Ack when a command changed the station.
package feedback
