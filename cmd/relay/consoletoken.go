package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/edged/edged/config"
	"github.com/edged/edged/relay/server"
)

// readConsoleToken reads console.token_file (relative to the
// configuration file's directory dir) into console.token: the server
// reads no files. Errors name the file, never the token.
func readConsoleToken(c *server.ConsoleConfig, dir string) error {
	if c.TokenFile == "" {
		return nil
	}
	if c.Token != "" {
		return errors.New("console: both token and token_file are set; keep one")
	}
	path := c.TokenFile
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("console.token_file: %w", err)
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" {
		return fmt.Errorf("console.token_file %s: empty; write a long random token into it, e.g. `head -c 32 /dev/urandom | base64 > %s`", path, path)
	}
	if err := checkPrivate("console.token_file", path, "token"); err != nil {
		return err
	}
	c.Token, c.TokenFile = config.Secret(tok), ""
	return nil
}
