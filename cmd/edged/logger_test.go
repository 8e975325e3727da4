package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// log.format journal: no timestamp of edged's own under journald, the
// level as the line's priority.
func TestLoggerJournalFormat(t *testing.T) {
	v := viper.New()
	v.Set("log.level", "info")
	v.Set("log.format", "journal")
	var buf bytes.Buffer
	cmd := &cobra.Command{}
	cmd.SetErr(&buf)
	log, err := newLogger(cmd, v)
	if err != nil {
		t.Fatal(err)
	}
	log.Warn("reader down", "reader", "dock-1")
	if got := buf.String(); got != "<4>level=WARN msg=\"reader down\" reader=dock-1\n" {
		t.Errorf("journal line %q", got)
	}
	v.Set("log.format", "yaml")
	if _, err := newLogger(cmd, v); err == nil || !strings.Contains(err.Error(), "text, json or journal") {
		t.Errorf("a bad format: %v", err)
	}
}
