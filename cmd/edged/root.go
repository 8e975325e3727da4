package main

import (
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/edged/edged/internal/buildinfo"
	"github.com/edged/edged/internal/logfmt"
	"github.com/edged/edged/tools/gendocs"
)

// newRootCmd builds the command tree. Settings come from flags, then
// EDGED_* environment variables (EDGED_LEDGER_DB for ledger.db, ...).
func newRootCmd() *cobra.Command {
	v := viper.New()
	v.SetEnvPrefix("EDGED")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_", "-", "_"))
	v.AutomaticEnv()
	root := &cobra.Command{
		Use:           "edged",
		Short:         "Perpetual stock gateway: scanners and RFID readers in, ledger, uplink to the relay",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	root.PersistentFlags().String("log-level", "info", "log level: debug, info, warn or error")
	_ = v.BindPFlag("log.level", root.PersistentFlags().Lookup("log-level"))
	root.PersistentFlags().String("log-format", "", "log format: text, json or journal (default: journal under systemd, else text)")
	_ = v.BindPFlag("log.format", root.PersistentFlags().Lookup("log-format"))
	root.PersistentFlags().String("config", defaultConfigPath, "daemon configuration file; drop-ins are read from conf.d/*.yaml beside it (env EDGED_CONFIG)")
	_ = v.BindPFlag("config", root.PersistentFlags().Lookup("config"))
	root.AddCommand(newRunCmd(v), newConfigCmd(v), newStatusCmd(v), newDoctorCmd(v), newLedgerCmd(v), newDemoCmd(v),
		newReportCmd(v), newBarcodeCmd(), newLLRPCmd(), newPrintCommandsCmd())
	root.AddCommand(gendocs.Command())
	return root
}

// newLogger writes structured logs to the command's stderr in the
// format log.format names (see internal/logfmt).
func newLogger(cmd *cobra.Command, v *viper.Viper) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(v.GetString("log.level"))); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	h, err := logfmt.New(cmd.ErrOrStderr(), logfmt.Options{Format: v.GetString("log.format"), Level: level,
		Journal: os.Getenv("JOURNAL_STREAM") != ""})
	if err != nil {
		return nil, fmt.Errorf("--log-format: %w", err)
	}
	return slog.New(h), nil
}

// buildVersion is stamped by the Makefile and the packages
// (-ldflags "-X main.buildVersion=...").
var buildVersion string

func version() string { return buildinfo.Version(buildVersion) }
