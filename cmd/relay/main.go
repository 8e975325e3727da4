// Command relay is the cloud side of edged: it takes every gateway's
// stock movements from MQTT, keeps the master quantity per SKU, takes
// marketplace orders in through webhooks and pushes the quantity each
// channel may sell to Shopify, Lazada, Shopee and TikTok Shop.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/edged/edged/internal/logfmt"
	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/server"
	"github.com/edged/edged/tools/gendocs"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	return runWith(args, stdout, stderr, server.Authorizer)
}

// authorizerFunc builds a channel's OAuth flow from its configuration
// (server.Authorizer; tests put a fake platform in).
type authorizerFunc func(server.Channels, relay.Channel, *http.Client) (relay.Authorizer, error)

func runWith(args []string, stdout, stderr io.Writer, authorizer authorizerFunc) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := &cobra.Command{Use: "relay", Short: "edged's cloud relay: master stock and marketplace sync",
		SilenceUsage: true, SilenceErrors: true, Version: version()}
	root.AddCommand(newRunCmd(), newStatusCmd(), newCheckCmd(), newMigrateCmd(), newStoreCmd(),
		newConnectCmd(authorizer), newConnectionsCmd(), newMappingCmd(), newAuditCmd())
	root.AddCommand(gendocs.Command())
	root.AddCommand(newHashPasswordCmd())
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var coded interface{ ExitCode() int }
	if errors.As(err, &coded) {
		return coded.ExitCode()
	}
	fmt.Fprintln(stderr, "relay:", err)
	return 1
}

// logger writes records to w in the configured format (see
// internal/logfmt), redacted of the secrets (see
// relay.NewRedactingHandler).
func logger(w io.Writer, level, format string, secrets func() []string) (*slog.Logger, error) {
	var l slog.Level
	if level == "" {
		level = "info"
	}
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log.level: %w", err)
	}
	h, err := logfmt.New(w, logfmt.Options{Format: format, Level: l, Journal: os.Getenv("JOURNAL_STREAM") != ""})
	if err != nil {
		return nil, err
	}
	return slog.New(relay.NewRedactingHandler(h, secrets)), nil
}
