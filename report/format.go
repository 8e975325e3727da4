package report

import (
	"math/big"

	"github.com/edged/edged/ledger"
)

// pct formats num/den as a percentage with two decimals, rounded half
// up exactly (no float), or "n/a" when den is zero.
func pct(num, den int64) string {
	if den == 0 {
		return "n/a"
	}
	return ratio(num*100, den, 2) + " %"
}

// ratio formats num/den with the given decimals, rounded half away
// from zero, computed in exact integer arithmetic.
func ratio(num, den int64, decimals int) string {
	if den == 0 {
		return "n/a"
	}
	r := new(big.Rat).SetFrac(big.NewInt(num), big.NewInt(den))
	return r.FloatString(decimals)
}

func money(v int64) string { return ledger.FormatMinor(v) }

func day0(p Period) string { return p.From.Format("2006-01-02") }

func dateOrNever(s *SKUStats) string {
	if s.LastSale.IsZero() {
		return "never"
	}
	return s.LastSale.Format("2006-01-02")
}

// roundDiv is num/den rounded half away from zero (den > 0).
func roundDiv(num, den int64) int64 {
	if num < 0 {
		return -roundDiv(-num, den)
	}
	return (num + den/2) / den
}
