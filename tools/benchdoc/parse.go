package main

import (
	"slices"
	"strconv"
	"strings"
)

// results holds every run of every benchmark, in first-seen order.
type results struct {
	cpu, goos, goarch string
	order             []string                        // "pkg Benchmark"
	runs              map[string][]map[string]float64 // key -> runs -> unit -> value
}

func parse(out string) *results {
	r := &results{runs: map[string][]map[string]float64{}}
	pkg := ""
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 2 && f[0] == "pkg:":
			pkg = f[1]
		case len(f) >= 2 && f[0] == "cpu:":
			r.cpu = strings.TrimPrefix(line, "cpu: ")
		case len(f) == 2 && f[0] == "goos:":
			r.goos = f[1]
		case len(f) == 2 && f[0] == "goarch:":
			r.goarch = f[1]
		case len(f) >= 4 && strings.HasPrefix(f[0], "Benchmark"):
			r.add(pkg, f)
		}
	}
	return r
}

func (r *results) add(pkg string, f []string) {
	name := strings.TrimPrefix(f[0], "Benchmark")
	if i := strings.LastIndex(name, "-"); i > 0 {
		name = name[:i] // drop the GOMAXPROCS suffix
	}
	run := map[string]float64{}
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return
		}
		run[f[i+1]] = v
	}
	key := pkg + " " + name
	if _, seen := r.runs[key]; !seen {
		r.order = append(r.order, key)
	}
	r.runs[key] = append(r.runs[key], run)
}

// median of unit over the runs of key; ok is false when never reported.
func (r *results) median(key, unit string) (float64, bool) {
	var vs []float64
	for _, run := range r.runs[key] {
		if v, ok := run[unit]; ok {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		return 0, false
	}
	slices.Sort(vs)
	if n := len(vs); n%2 == 0 {
		return (vs[n/2-1] + vs[n/2]) / 2, true
	}
	return vs[len(vs)/2], true
}

// find returns the key whose benchmark name is name.
func (r *results) find(name string) (string, bool) {
	for _, k := range r.order {
		if strings.SplitN(k, " ", 2)[1] == name {
			return k, true
		}
	}
	return "", false
}
