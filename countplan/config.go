package countplan

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Config sets the counting programme. The zero value of every field
// means its default.
type Config struct {
	// PerYear is how often a year each class is counted. Default A 52
	// (weekly), B 12 (monthly), C 4 (quarterly).
	PerYear Frequencies `mapstructure:"per_year"`
	// WorkingDays are the weekdays counts happen on, as "mon".."sun".
	// Default Monday to Friday.
	WorkingDays []string `mapstructure:"working_days"`
	// Topic is where the daily plan is published. Default "edged/countplan".
	Topic string `mapstructure:"topic"`
	// AlertTopic is the prefix of the low_stock and dead_stock alerts.
	// Default "edged/alerts".
	AlertTopic string `mapstructure:"alert_topic"`
	// Every is how often the classes, plan and alerts are recomputed.
	// Default 24h.
	Every time.Duration `mapstructure:"every"`
	// ShowBook puts the book quantity in the plan (not blind). Default false.
	ShowBook bool `mapstructure:"show_book"`
}

// Frequencies are counts per year per class.
type Frequencies struct {
	A int `mapstructure:"a"`
	B int `mapstructure:"b"`
	C int `mapstructure:"c"`
}

// weekday parses "mon".."sun".
func weekday(name string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if name == strings.ToLower(d.String()[:3]) {
			return d, true
		}
	}
	return 0, false
}

// WithDefaults returns c with every zero field set to its default.
func (c Config) WithDefaults() Config {
	c.PerYear.A = or(c.PerYear.A, 52)
	c.PerYear.B = or(c.PerYear.B, 12)
	c.PerYear.C = or(c.PerYear.C, 4)
	if len(c.WorkingDays) == 0 {
		c.WorkingDays = []string{"mon", "tue", "wed", "thu", "fri"}
	}
	if c.Topic == "" {
		c.Topic = "edged/countplan"
	}
	if c.AlertTopic == "" {
		c.AlertTopic = "edged/alerts"
	}
	if c.Every == 0 {
		c.Every = 24 * time.Hour
	}
	return c
}

// Validate reports every invalid field with its path under prefix.
func (c Config) Validate(prefix string) error {
	d := c.WithDefaults()
	var errs []error
	for name, f := range map[string]int{"a": d.PerYear.A, "b": d.PerYear.B, "c": d.PerYear.C} {
		if f < 1 || f > 260 {
			errs = append(errs, fmt.Errorf("%w: %s.per_year.%s: %d must be 1..260", ErrConfig, prefix, name, f))
		}
	}
	for i, w := range d.WorkingDays {
		if _, ok := weekday(w); !ok {
			errs = append(errs, fmt.Errorf("%w: %s.working_days[%d]: %q is not mon, tue, wed, thu, fri, sat or sun", ErrConfig, prefix, i, w))
		}
	}
	if d.Every < time.Minute {
		errs = append(errs, fmt.Errorf("%w: %s.every: %s is shorter than a minute", ErrConfig, prefix, d.Every))
	}
	return errors.Join(errs...)
}

func or(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// ErrConfig means a counting setting is invalid; the message names the field.
var ErrConfig = errors.New("countplan: invalid configuration")
