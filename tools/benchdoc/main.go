// Command benchdoc turns `go test -bench` output into the generated part
// of docs/benchmarks.md: the median of every metric over the repeated
// runs, and the ratios between benchmarks measured in the same run. It
// rewrites the text between the markers <!-- bench:begin --> and
// <!-- bench:end --> and leaves the rest of the file alone.
//
//	go test -bench . -count 5 ./... | tee bench.out
//	go run ./tools/benchdoc -in bench.out -doc docs/benchmarks.md \
//	    -ratio 'LedgerAppendParallel,LedgerAppendNaive:events/s'
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

type ratioFlags []string

func (r *ratioFlags) String() string     { return strings.Join(*r, ",") }
func (r *ratioFlags) Set(s string) error { *r = append(*r, s); return nil }

func main() {
	in := flag.String("in", "bench.out", "go test -bench output")
	doc := flag.String("doc", "docs/benchmarks.md", "markdown file to update")
	var ratios ratioFlags
	flag.Var(&ratios, "ratio", "A,B:unit — report median(A)/median(B) of unit (repeatable)")
	flag.Parse()
	if err := run(*in, *doc, ratios); err != nil {
		fmt.Fprintln(os.Stderr, "benchdoc:", err)
		os.Exit(1)
	}
}

func run(in, doc string, ratios []string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	res := parse(string(data))
	if len(res.order) == 0 {
		return fmt.Errorf("%s holds no benchmark results", in)
	}
	body, err := render(res, ratios, time.Now().UTC(), runtime.Version())
	if err != nil {
		return err
	}
	return replaceBetweenMarkers(doc, body)
}

func replaceBetweenMarkers(path, body string) error {
	const begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(old)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		return fmt.Errorf("%s lacks the %s and %s markers", path, begin, end)
	}
	out := s[:i+len(begin)] + "\n" + body + s[j:]
	return os.WriteFile(path, []byte(out), 0o644)
}
