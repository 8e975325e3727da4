package main

import (
	"io"
	"os"
	"sync/atomic"

	"github.com/creack/pty"
)

// demoScanner is a handheld scanner on a pseudo-terminal, worked by a
// script: receive, pick for an order, a customer return, a count.
type demoScanner struct {
	master, slave *os.File
	step          int
	good, errs    atomic.Int64
}

func openDemoScanner() (*demoScanner, error) {
	m, s, err := pty.Open()
	if err != nil {
		return nil, err
	}
	d := &demoScanner{master: m, slave: s}
	go d.readFeedback()
	return d, nil
}

func (d *demoScanner) path() string { return d.slave.Name() }

func (d *demoScanner) close() { d.master.Close(); d.slave.Close() }

// readFeedback counts the Honeywell host acknowledgements: ESC 7 good,
// ESC 8 error, ESC a a command taken.
func (d *demoScanner) readFeedback() {
	buf := make([]byte, 3)
	for {
		if _, err := io.ReadFull(d.master, buf); err != nil {
			return
		}
		switch buf[1] {
		case '7':
			d.good.Add(1)
		case '8':
			d.errs.Add(1)
		}
	}
}

// ean13 is how a handheld reads an item's GTIN-14 (leading 0) label.
func ean13(gtin string) string { return "]E0" + gtin[1:] }

// demoScript is what the worker scans, in a loop.
var demoScript = []string{
	"USR:ana", "CMD:RECEIVE", "LOC:SHELF-A", "QTY:5", ean13(demoItems[0].gtin),
	"CMD:PICK", "ORD:SHOP-2001", ean13(demoItems[0].gtin),
	"CMD:RETURN", "LOC:SHELF-B", "ORD:SHOP-1999", ean13(demoItems[1].gtin),
	"CMD:COUNT", "QTY:60", ean13(demoItems[1].gtin),
	"CMD:RECEIVE", "LOC:SHELF-B", "QTY:2", ean13(demoItems[2].gtin),
}

// scan sends the script's next barcode, each on its own frame.
func (d *demoScanner) scan() {
	code := demoScript[d.step%len(demoScript)]
	d.step++
	_, _ = d.master.Write([]byte(code + "\r"))
}
