package barcode

import (
	"fmt"
	"time"
)

// Date is a GS1 date as printed: a two-digit year (or four digits for
// AIs such as 7250), a month and a day, where Day 0 means "day not
// stated" (allowed by the yymmd0 rule of AIs 11-17).
type Date struct {
	Year  int // 0-99 for YYMMDD dates; the full year for YYYYMMDD
	Month int
	Day   int
	Full  bool // Year has four digits
}

// parseDate reads YYMMDD or YYYYMMDD digits already known to be numeric.
func parseDate(b []byte) (Date, bool) {
	var d Date
	if len(b) == 8 {
		d.Year, d.Full, b = num(b[:4]), true, b[2:]
	} else if len(b) == 6 {
		d.Year = num(b[:2])
	} else {
		return d, false
	}
	d.Month, d.Day = num(b[2:4]), num(b[4:6])
	return d, true
}

// check returns what is wrong with the date, or "" if it is valid.
func (d Date) check(allowDay00 bool) string {
	switch {
	case d.Month < 1 || d.Month > 12:
		return fmt.Sprintf("month %02d is not a valid month", d.Month)
	case d.Day == 0 && allowDay00:
		return ""
	case d.Day < 1 || d.Day > daysIn(d.Month, d.Year, d.Full):
		return fmt.Sprintf("day %02d is not a valid day of month %02d", d.Day, d.Month)
	}
	return ""
}

// daysIn knows February of a two-digit year is leap when YY%4 == 0,
// which holds for every year the GS1 century window can yield until 2100.
func daysIn(month, year int, full bool) int {
	switch month {
	case 2:
		if year%4 == 0 && (!full || year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// FullYear resolves a two-digit year with the sliding window of the GS1
// General Specifications (7.12): up to 50 years ahead of ref, otherwise
// in the past, so labels keep working after 2099.
func (d Date) FullYear(ref time.Time) int {
	if d.Full {
		return d.Year
	}
	cur := ref.Year()
	y := cur - cur%100 + d.Year
	switch diff := d.Year - cur%100; {
	case diff >= 51:
		y -= 100
	case diff <= -50:
		y += 100
	}
	return y
}

// Time returns the date in the sliding-window century of ref, in UTC. A
// day of 00 ("not stated") becomes the month's last day, as GS1 advises
// for best-before and expiry dates.
func (d Date) Time(ref time.Time) time.Time {
	y := d.FullYear(ref)
	if d.Day == 0 {
		return time.Date(y, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(y, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// num converts known-numeric digits.
func num(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}
