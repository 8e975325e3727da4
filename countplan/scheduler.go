package countplan

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/edged/edged/report"
)

// Publisher sends one message; the daemon wires it to the MQTT uplink.
type Publisher interface {
	Publish(topic string, payload []byte) error
}

// Source is what the scheduler reads: the report data and balances.
type Source interface {
	report.Source
	Balances
}

// Scheduler recomputes the ABC classes, publishes the day's count plan
// and the stock alerts every Config.Every, and answers the class of a
// SKU in between.
type Scheduler struct {
	src     Source
	pub     Publisher
	cfg     Config
	rcfg    report.Config
	planner *Planner
	now     func() time.Time
	log     *slog.Logger

	mu      sync.Mutex
	classes report.Classification
}

// NewScheduler validates both configurations. now is the wall clock;
// pub may be nil when only Plan is used.
func NewScheduler(src Source, pub Publisher, cfg Config, rcfg report.Config, now func() time.Time, log *slog.Logger) (*Scheduler, error) {
	if err := rcfg.Validate("report"); err != nil {
		return nil, err
	}
	p, err := NewPlanner(cfg)
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Scheduler{src: src, pub: pub, cfg: p.cfg, rcfg: rcfg.WithDefaults(), planner: p, now: now, log: log}, nil
}

// ClassOf returns the class of sku from the last recomputation (C
// before the first, and for SKUs that did not sell).
func (s *Scheduler) ClassOf(sku string) report.Class {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.classes.Of(sku)
}

// Plan recomputes the classes from the ABC period ending on the day of
// date and returns that day's plan and the dataset it came from.
func (s *Scheduler) Plan(date time.Time) (Plan, *report.Dataset, error) {
	d, err := report.Collect(s.src, report.LastDays(date, int(s.rcfg.ABC.Period/(24*time.Hour))), s.rcfg.Items)
	if err != nil {
		return Plan{}, nil, fmt.Errorf("countplan: collect: %w", err)
	}
	cls := report.Classify(d, s.rcfg.ABC.AShare, s.rcfg.ABC.BShare)
	s.mu.Lock()
	s.classes = cls
	s.mu.Unlock()
	targets, err := Targets(s.src, cls, s.rcfg)
	if err != nil {
		return Plan{}, nil, err
	}
	return s.planner.Day(targets, date), d, nil
}

// Tick recomputes once: classes from the last ABC period, today's plan
// (published to Config.Topic) and the alerts (under Config.AlertTopic).
func (s *Scheduler) Tick() (Plan, error) {
	now := s.now()
	plan, d, err := s.Plan(now)
	if err != nil || s.pub == nil { // without a publisher only ClassOf is kept fresh
		return plan, err
	}
	if err := s.publish(plan); err != nil {
		return plan, err
	}
	return plan, report.PublishAlerts(s.pub, s.cfg.AlertTopic, d, s.rcfg.DeadStockDays, now)
}

func (s *Scheduler) publish(plan Plan) error {
	b, err := json.Marshal(plan)
	if err != nil {
		return err
	}
	if err := s.pub.Publish(s.cfg.Topic, b); err != nil {
		return fmt.Errorf("countplan: publish %s: %w", s.cfg.Topic, err)
	}
	return nil
}

// Run ticks at once and then every Config.Every until ctx ends. A
// failed tick is logged and retried at the next one.
func (s *Scheduler) Run(ctx context.Context) error {
	t := time.NewTicker(s.cfg.Every)
	defer t.Stop()
	for {
		if plan, err := s.Tick(); err != nil {
			s.log.Warn("count plan and alerts not published", "err", err)
		} else {
			s.log.Info("count plan published", "date", plan.Date, "lines", len(plan.Lines), "topic", s.cfg.Topic)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
