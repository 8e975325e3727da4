package scanner_test

import (
	"fmt"
	"time"

	"github.com/edged/edged/device/scanner"
)

// A scanner in "data as is" mode sends no suffix; the idle gap ends the
// frame. Time is passed in, so no clock or sleep is involved.
func ExampleFramer() {
	f, err := scanner.NewFramer(scanner.Config{Scanner: "dock-1", Terminators: [][]byte{}},
		func(fr scanner.Frame) { fmt.Printf("%s %q at +%v\n", fr.Scanner, fr.Data, fr.At.Sub(time.Time{})) })
	if err != nil {
		panic(err)
	}
	var t0 time.Time
	f.Feed([]byte("]E059012"), t0)
	f.Feed([]byte("34123457"), t0.Add(8*time.Millisecond))
	f.Flush(t0.Add(30 * time.Millisecond)) // too early: still inside the idle gap
	f.Flush(t0.Add(60 * time.Millisecond))
	// Output:
	// dock-1 "]E05901234123457" at +8ms
}

// A keyboard-wedge scanner types GS as Ctrl+] and ends with Enter.
func ExampleKeyDecoder_Report() {
	d := scanner.NewKeyDecoder(scanner.KeyConfig{})
	var out []byte
	for _, r := range [][]byte{
		{0x00, 0, 0x1E, 0, 0, 0, 0, 0}, // '1'
		{0x00, 0, 0x27, 0, 0, 0, 0, 0}, // '0'
		{0x01, 0, 0x30, 0, 0, 0, 0, 0}, // Ctrl+] -> GS
		{0x02, 0, 0x04, 0, 0, 0, 0, 0}, // Shift+a -> 'A'
		{0x00, 0, 0x28, 0, 0, 0, 0, 0}, // Enter -> CR
	} {
		out, _ = d.Report(out, r)
	}
	fmt.Printf("%q\n", out)
	// Output:
	// "10\x1dA\r"
}
