package report

import "errors"

var (
	// ErrConfig means a report setting is invalid; the message names
	// the field.
	ErrConfig = errors.New("report: invalid configuration")
	// ErrItems means an items (price list and reorder points) file could
	// not be parsed; the message names the line and column.
	ErrItems = errors.New("report: invalid items file")
	// ErrOrders means an orders file could not be parsed; the message
	// names the line.
	ErrOrders = errors.New("report: invalid orders file")
	// ErrUnknownReport means the report name is not one of Names().
	ErrUnknownReport = errors.New("report: unknown report")
	// ErrPeriod means the period is empty or reversed.
	ErrPeriod = errors.New("report: invalid period")
	// ErrFormat means the output format is not table, json, csv or html.
	ErrFormat = errors.New("report: unknown format")
)
