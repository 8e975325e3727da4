package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// readRecords reads a CSV whose first line must be header and calls fn
// with each further record and its line number. Errors wrap sentinel.
func readRecords(r io.Reader, header []string, sentinel error, fn func(line int, rec []string) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(header)
	head, err := cr.Read()
	if err != nil || strings.Join(head, ",") != strings.Join(header, ",") {
		return fmt.Errorf("%w: the header must be %s (%v)", sentinel, strings.Join(header, ","), err)
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %v", sentinel, err)
		}
		line, _ := cr.FieldPos(0)
		if err := fn(line, rec); err != nil {
			return fmt.Errorf("%w: line %d: %v", sentinel, line, err)
		}
	}
}
