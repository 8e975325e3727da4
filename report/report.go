package report

import (
	"fmt"
	"html/template"
	"log/slog"
	"strings"
)

// Figure is one headline number of a report.
type Figure struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Chart is an inline SVG chart.
type Chart struct {
	Title string
	SVG   template.HTML
}

// Report is a computed report: headline figures and a table. Every
// number is formatted exactly (money in minor-unit decimals, rates with
// two decimals), so the same ledger always gives the same bytes.
type Report struct {
	Name    string     `json:"name"`
	Title   string     `json:"title"`
	Period  Period     `json:"period"`
	Summary []Figure   `json:"summary"`
	Columns []string   `json:"columns"`
	Rows    [][]string `json:"rows"`
	Charts  []Chart    `json:"-"`
}

func (r *Report) figure(label, format string, args ...any) {
	r.Summary = append(r.Summary, Figure{label, fmt.Sprintf(format, args...)})
}

func (r *Report) row(cells ...any) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = fmt.Sprint(c)
	}
	r.Rows = append(r.Rows, row)
}

// builder computes one report from a dataset.
type builder func(e *Engine, d *Dataset) *Report

// order is the dashboard's order: what a manager looks at first.
func order() []string {
	return []string{"velocity", "abc", "dead-stock", "slow-movers", "low-stock", "stockout",
		"accuracy", "sell-through", "turnover", "profit", "fulfilment"}
}

func (e *Engine) builders() map[string]builder {
	return map[string]builder{
		"abc": (*Engine).abcReport, "velocity": (*Engine).velocityReport,
		"accuracy": (*Engine).accuracyReport, "sell-through": (*Engine).sellThroughReport,
		"turnover": (*Engine).turnoverReport, "dead-stock": (*Engine).deadStockReport,
		"slow-movers": (*Engine).slowMoversReport, "stockout": (*Engine).stockoutReport,
		"fulfilment": (*Engine).fulfilmentReport, "profit": (*Engine).profitReport,
		"low-stock": (*Engine).lowStockReport,
	}
}

// Names lists the report names in dashboard order, "dashboard" (all of
// them on one page) last.
func (e *Engine) Names() []string { return Names() }

// Names lists every report, for help and errors.
func Names() []string { return append(order(), "dashboard") }

// Engine computes reports from a Source.
type Engine struct {
	src    Source
	cfg    Config
	orders Orders
	log    *slog.Logger
}

// New returns an engine; cfg is validated and defaulted. orders are the
// ordered lines (order -> sku -> units) for the fulfilment report; nil
// when not known.
func New(src Source, cfg Config, orders Orders, log *slog.Logger) (*Engine, error) {
	if err := cfg.Validate("report"); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Engine{src: src, cfg: cfg.WithDefaults(), orders: orders, log: log}, nil
}

// Collect gathers the dataset of p.
func (e *Engine) Collect(p Period) (*Dataset, error) {
	return Collect(e.src, p, e.cfg.Items)
}

// Build computes the named reports from d; "dashboard" means all.
func (e *Engine) Build(d *Dataset, name string) ([]*Report, error) {
	bs := e.builders()
	if name == "dashboard" {
		var out []*Report
		for _, n := range order() {
			out = append(out, e.finish(bs[n](e, d), n, d))
		}
		return out, nil
	}
	b, ok := bs[name]
	if !ok {
		return nil, fmt.Errorf("%w %q; use one of %s", ErrUnknownReport, name, strings.Join(e.Names(), ", "))
	}
	return []*Report{e.finish(b(e, d), name, d)}, nil
}

func (e *Engine) finish(r *Report, name string, d *Dataset) *Report {
	r.Name, r.Period = name, d.Period
	e.log.Debug("report built", "report", name, "rows", len(r.Rows))
	return r
}

// Run collects p and builds the named report(s).
func (e *Engine) Run(name string, p Period) ([]*Report, error) {
	if name != "dashboard" {
		if _, ok := e.builders()[name]; !ok {
			return nil, fmt.Errorf("%w %q; use one of %s", ErrUnknownReport, name, strings.Join(e.Names(), ", "))
		}
	}
	d, err := e.Collect(p)
	if err != nil {
		return nil, err
	}
	return e.Build(d, name)
}
