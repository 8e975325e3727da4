package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"
)

func render(r *results, ratios []string, now time.Time, goVersion string) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "Measured %s by `make bench` on %s: %s/%s, %s, %d cores, kernel %s, %s, commit %s. ",
		now.Format("2006-01-02 15:04 MST"), hostname(), r.goos, r.goarch, r.cpu, runtime.NumCPU(), kernel(), goVersion, commit())
	b.WriteString("Every figure is the median of the repeated runs (`-count`); the machine is shared, so single runs are noisy.\n\n")
	if err := renderRatios(&b, r, ratios); err != nil {
		return "", err
	}
	pkg := ""
	for _, key := range r.order {
		p, name, _ := strings.Cut(key, " ")
		if p != pkg {
			pkg = p
			fmt.Fprintf(&b, "\n### %s\n\n| benchmark | runs | median metrics |\n|---|---|---|\n", p)
		}
		fmt.Fprintf(&b, "| %s | %d | %s |\n", name, len(r.runs[key]), metrics(r, key))
	}
	return b.String(), nil
}

func renderRatios(b *strings.Builder, r *results, ratios []string) error {
	if len(ratios) == 0 {
		return nil
	}
	b.WriteString("| ratio (same run) | unit | A | B | A/B |\n|---|---|---|---|---|\n")
	for _, spec := range ratios {
		pair, unit, ok := strings.Cut(spec, ":")
		a, bn, ok2 := strings.Cut(pair, ",")
		if !ok || !ok2 {
			return fmt.Errorf("ratio %q: want A,B:unit", spec)
		}
		ka, okA := r.find(a)
		kb, okB := r.find(bn)
		va, okVA := r.median(ka, unit)
		vb, okVB := r.median(kb, unit)
		if !okA || !okB || !okVA || !okVB || vb == 0 {
			fmt.Fprintf(b, "| %s / %s | %s | not measured | | |\n", a, bn, unit)
			continue
		}
		fmt.Fprintf(b, "| %s / %s | %s | %s | %s | %.2f |\n", a, bn, unit, num(va), num(vb), va/vb)
	}
	return nil
}

func metrics(r *results, key string) string {
	units := map[string]bool{}
	for _, run := range r.runs[key] {
		for u := range run {
			units[u] = true
		}
	}
	keys := make([]string, 0, len(units))
	for u := range units {
		keys = append(keys, u)
	}
	slices.Sort(keys)
	var parts []string
	for _, u := range keys {
		v, _ := r.median(key, u)
		parts = append(parts, num(v)+" "+u)
	}
	return strings.Join(parts, ", ")
}

func num(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 1:
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.4g", v)
}

func hostname() string { h, _ := os.Hostname(); return h }

func kernel() string { return strings.TrimSpace(output("uname", "-r")) }

func commit() string { return strings.TrimSpace(output("git", "rev-parse", "--short", "HEAD")) }

func output(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "unknown"
	}
	return string(out)
}
