package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/edged/edged/config"
	"github.com/edged/edged/gateway"
	"github.com/edged/edged/internal/sdnotify"
	"github.com/edged/edged/ledger"
)

const defaultConfigPath = "/etc/edged/edged.yaml"

func newRunCmd(v *viper.Viper) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run the gateway daemon (as the systemd service does)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path := v.GetString("config")
			cfg, err := loadConfig(path)
			if err != nil {
				return fmt.Errorf("configuration: %w", err)
			}
			if !cmd.Flags().Changed("log-level") {
				v.Set("log.level", cfg.Log.Level)
			}
			if !cmd.Flags().Changed("log-format") && cfg.Log.Format != "" {
				v.Set("log.format", cfg.Log.Format)
			}
			log, err := newLogger(cmd, v)
			if err != nil {
				return err
			}
			return runDaemon(cmd.Context(), path, cfg, log)
		},
	}
	return cmd
}

// loadConfig reads the file and its conf.d drop-ins (in name order) and
// applies EDGED_* overrides.
func loadConfig(path string) (gateway.Config, error) {
	var cfg gateway.Config
	data, err := os.ReadFile(path)
	if err != nil {
		return cfg, err
	}
	srcs := []config.Source{{Name: path, Data: data}}
	dropIns, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "conf.d", "*.yaml"))
	sort.Strings(dropIns)
	for _, p := range dropIns {
		d, err := os.ReadFile(p)
		if err != nil {
			return cfg, err
		}
		srcs = append(srcs, config.Source{Name: p, Data: d})
	}
	if err := config.Load(&cfg, environ(), srcs...); err != nil {
		return cfg, err
	}
	cfg.Defaults()
	return cfg, nil
}

// environ is the EDGED_* environment, without the variables that are
// flags of the command line rather than configuration keys.
func environ() []string {
	var out []string
	for _, kv := range os.Environ() {
		switch {
		case hasPrefix(kv, "EDGED_CONFIG="):
		default:
			out = append(out, kv)
		}
	}
	return out
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

func runDaemon(ctx context.Context, path string, cfg gateway.Config, log *slog.Logger) error {
	l, err := ledger.Open(cfg.Ledger.DB, &ledger.Options{MaxSize: cfg.Ledger.MaxSize, Retention: cfg.Ledger.Retention,
		AllowNegative: cfg.Ledger.AllowNegative, ClockSynced: clockSynced, Logger: log.With("part", "ledger")})
	if err != nil {
		return err
	}
	defer l.Close()
	ln, err := listen(cfg.HTTP.Listen)
	if err != nil {
		return err
	}
	dialer, err := uplinkDialer(cfg, log)
	if err != nil {
		return err
	}
	reloadCmd := make(chan struct{}, 1)
	g, err := gateway.New(cfg, gateway.Parts{Ledger: l, Dial: dialTCP, OpenScanner: openScanner, Listener: ln, Version: version(),
		UplinkDialer: dialer, DiskFree: diskFree(cfg.Ledger.DB), ClockSynced: clockSynced,
		OnReloadCommand: func() { signalOnce(reloadCmd) },
		Notify:          sdnotify.New(os.Getenv("NOTIFY_SOCKET")),
		WatchdogEvery:   sdnotify.WatchdogInterval(os.Getenv("WATCHDOG_USEC"), os.Getenv("WATCHDOG_PID"), os.Getpid()),
		Logger:          log})
	if err != nil {
		return err
	}
	stop := watchReload(ctx, path, g, reloadCmd, log)
	defer stop()
	log.Info("edged running", "site", cfg.Site, "gateway", cfg.Gateway, "ledger", cfg.Ledger.DB, "readers", len(cfg.Readers))
	return g.Run(ctx)
}

func listen(addr string) (net.Listener, error) {
	if addr == "off" {
		return nil, nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("http.listen %s: %w (another edged running? set http.listen or \"off\")", addr, err)
	}
	return ln, nil
}

func dialTCP(ctx context.Context, addr string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, "tcp", addr)
}

// watchReload reloads the configuration on SIGHUP, when the file or a
// drop-in changes, and on the relay's reload command; the returned
// function stops watching.
func watchReload(ctx context.Context, path string, g *gateway.Gateway, remote <-chan struct{}, log *slog.Logger) func() {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	changed, stopWatch := watchFiles(path, log)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
			case <-changed:
			case <-remote:
			}
			reload(path, g, log)
		}
	}()
	return func() { signal.Stop(hup); cancel(); stopWatch(); <-done }
}

func signalOnce(c chan<- struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

func reload(path string, g *gateway.Gateway, log *slog.Logger) {
	cfg, err := loadConfig(path)
	if err == nil {
		err = g.Reload(cfg)
	}
	if err != nil {
		log.Error("configuration not reloaded; the running one stays", "err", err)
		return
	}
	log.Info("configuration reloaded")
}
