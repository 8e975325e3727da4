package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/edged/edged/relay/status"
)

func newStatusCmd() *cobra.Command {
	var addr, path string
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the running relay: per channel last push, lag, errors; per gateway last seq, gaps; connections, drift",
		Long: "Asks the running relay at --addr, or else at the http.listen of --config (when that file exists), " +
			"or else at 127.0.0.1:9338.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("addr") {
				a, err := listenOf(path, cmd.Flags().Changed("config"))
				if err != nil {
					return err
				}
				addr = a
			}
			return showStatus(cmd, addr)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:9338", "the relay's http.listen address")
	cmd.Flags().StringVar(&path, "config", defaultConfig, "configuration file whose http.listen to ask")
	return cmd
}

// listenOf is the http.listen of the configuration at path; a missing
// default configuration means the default address.
func listenOf(path string, given bool) (string, error) {
	cfg, err := loadConfig(path)
	switch {
	case err == nil:
		return cfg.HTTP.Listen, nil
	case !given && errors.Is(err, fs.ErrNotExist):
		return "127.0.0.1:9338", nil
	}
	return "", fmt.Errorf("configuration: %w; or give the relay's address with --addr", err)
}

func showStatus(cmd *cobra.Command, addr string) error {
	c := http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get("http://" + addr + "/?format=json")
	if err != nil {
		return fmt.Errorf("the relay is not answering on %s: %w", addr, err)
	}
	defer resp.Body.Close()
	var s status.Snapshot
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		return fmt.Errorf("the relay at %s answered %s, not its status: %w", addr, resp.Status, err)
	}
	return status.WriteText(cmd.OutOrStdout(), s)
}
