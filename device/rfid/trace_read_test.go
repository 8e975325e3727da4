package rfid_test

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/edged/edged/device"
	"github.com/edged/edged/device/epc"
)

// parseReadOp takes an optional seen=T0 off the end, then the read.
func parseReadOp(o op, f []string) (op, error) {
	if s, ok := strings.CutPrefix(f[len(f)-1], "seen="); ok {
		d, err := time.ParseDuration(s)
		if err != nil {
			return o, fmt.Errorf("seen %q: %w", s, err)
		}
		o.seen, f = &d, f[:len(f)-1]
	}
	if len(f) < 2 {
		return o, fmt.Errorf("read needs READER/PORT EPC")
	}
	var err error
	o.read, err = parseRead(f)
	return o, err
}

func parseRead(f []string) (device.TagRead, error) {
	var r device.TagRead
	var err error
	if r.Reader, r.Antenna, err = parseAntenna(f[0]); err != nil {
		return r, err
	}
	if r.EPC, err = parseEPC(f[1]); err != nil {
		return r, err
	}
	r.Count = 1
	for _, x := range f[2:] {
		if c, ok := strings.CutPrefix(x, "x"); ok {
			v, err := strconv.ParseUint(c, 10, 16)
			if err != nil {
				return r, fmt.Errorf("count %q: %w", x, err)
			}
			r.Count = uint16(v)
			continue
		}
		v, err := strconv.ParseFloat(x, 64)
		if err != nil || v < -300 || v > 300 {
			return r, fmt.Errorf("RSSI %q must be dBm in -300..300", x)
		}
		r.RSSI = int16(v * 100)
	}
	return r, nil
}

func parseAntenna(s string) (string, uint16, error) {
	reader, port, ok := strings.Cut(s, "/")
	p, err := strconv.ParseUint(port, 10, 16)
	if !ok || reader == "" || err != nil {
		return "", 0, fmt.Errorf("antenna %q must be READER/PORT", s)
	}
	return reader, uint16(p), nil
}

func parseEPC(s string) ([]byte, error) {
	if body, ok := strings.CutPrefix(s, "sgtin96:"); ok {
		p := strings.Split(body, ".")
		if len(p) != 3 {
			return nil, fmt.Errorf("sgtin96 EPC %q must be CP.REF.SERIAL", s)
		}
		serial, err := strconv.ParseUint(p[2], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("sgtin96 serial %q: %w", p[2], err)
		}
		return epc.EncodeSGTIN96(1, p[0], p[1], serial)
	}
	if body, ok := strings.CutPrefix(s, "sscc96:"); ok {
		cp, ref, _ := strings.Cut(body, ".")
		return epc.EncodeSSCC96(0, cp, ref)
	}
	return hex.DecodeString(s)
}
