package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/edged/edged/relay"
	"github.com/edged/edged/relay/connect"
	"github.com/edged/edged/relay/server"
)

// connectOpts are relay connect's flags.
type connectOpts struct {
	path, listen, redirect string
	timeout                time.Duration
	authorizer             authorizerFunc
}

func newConnectCmd(authorizer authorizerFunc) *cobra.Command {
	o := connectOpts{authorizer: authorizer}
	cmd := &cobra.Command{
		Use:   "connect CHANNEL",
		Short: "Authorise the relay on a channel's shop and store the token, sealed by the secrets key",
		Long: "Prints the channel's authorisation page, takes the platform's redirect at /connect/CHANNEL/callback\n" +
			"on http.listen (or --listen), exchanges the code and stores the token sealed with secrets.key_file or\n" +
			"secrets.key_env. Register --redirect (default http://<listen>/connect/CHANNEL/callback) as the app's\n" +
			"redirect URL. On a bbolt store, stop `relay run` first: the file is one process's.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := loadConfig(o.path)
			if err != nil {
				return fmt.Errorf("configuration: %w", err)
			}
			return connectChannel(cmd.Context(), cmd.OutOrStdout(), cfg, relay.Channel(args[0]), o)
		},
	}
	cmd.Flags().StringVar(&o.path, "config", defaultConfig, "configuration file")
	cmd.Flags().StringVar(&o.listen, "listen", "", "where to take the redirect (default http.listen)")
	cmd.Flags().StringVar(&o.redirect, "redirect", "", "the redirect URL registered with the platform, when a proxy publishes the listener")
	cmd.Flags().DurationVar(&o.timeout, "timeout", 10*time.Minute, "how long to wait for the redirect")
	return cmd
}

func connectChannel(ctx context.Context, out io.Writer, cfg server.Config, ch relay.Channel, o connectOpts) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	auth, err := o.authorizer(cfg.Channels, ch, nil)
	if err != nil {
		return err
	}
	vault, err := vaultOf(cfg)
	if err != nil {
		return err
	}
	store, err := openConnections(ctx, cfg.Store)
	if err != nil {
		return err
	}
	defer store.Close()
	if o.listen == "" {
		o.listen = cfg.HTTP.Listen
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return fmt.Errorf("listen %s for the redirect: %w (is `relay run` using it? stop it or give --listen)", o.listen, err)
	}
	if o.redirect == "" {
		o.redirect = "http://" + ln.Addr().String() + connect.CallbackPath(ch)
	}
	t, err := authorise(ctx, out, ln, connect.NewFlow(ch, auth, o.redirect), ch, o.timeout)
	if err != nil {
		return err
	}
	ver, err := connect.Save(ctx, store, vault, t)
	if err != nil {
		return err
	}
	printConnected(out, t, ver, storeName(cfg.Store), time.Now())
	return nil
}

// authorise serves the flow's redirect on ln until it settles.
func authorise(ctx context.Context, out io.Writer, ln net.Listener, f *connect.Flow, ch relay.Channel, timeout time.Duration) (relay.Token, error) {
	mux := http.NewServeMux()
	mux.Handle("GET "+connect.CallbackPath(ch), f)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer func() { // let the handler finish its answer to the browser
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	fmt.Fprintf(out, "Open this page as the shop's owner and approve the app:\n\n  %s\n\n", f.URL())
	fmt.Fprintf(out, "Waiting for the redirect on http://%s%s ...\n", ln.Addr(), connect.CallbackPath(ch))
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	t, err := f.Wait(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("%w; run `relay connect %s` again and approve within --timeout %v", err, ch, timeout)
	}
	return t, err
}

func printConnected(out io.Writer, t relay.Token, ver uint64, store string, now time.Time) {
	fmt.Fprintf(out, "OK %s connected: shop %s\n", t.Channel, t.Shop)
	fmt.Fprintf(out, "  scopes:  %s\n", scopesOf(t.Scopes, ", "))
	fmt.Fprintf(out, "  access:  %s\n", when(t.AccessExpires, now))
	fmt.Fprintf(out, "  refresh: %s\n", when(t.RefreshExpires, now))
	fmt.Fprintf(out, "  stored sealed in %s (version %d); running relays take it within seconds\n", store, ver)
}

// scopesOf lists the granted scopes; Lazada and Shopee report none (the
// app's permissions are set in their consoles).
func scopesOf(scopes []string, sep string) string {
	if len(scopes) == 0 {
		return "-"
	}
	return strings.Join(scopes, sep)
}

// when is an expiry with its date.
func when(at, now time.Time) string {
	if at.IsZero() {
		return connect.Expiry(at, now)
	}
	return connect.Expiry(at, now) + " (" + at.UTC().Format(time.RFC3339) + ")"
}
