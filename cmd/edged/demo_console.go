package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"syscall"

	"golang.org/x/crypto/bcrypt"

	"github.com/edged/edged/config"
	"github.com/edged/edged/relay/server"
)

// defaultDemoConsole is where the demo serves the relay's console; when
// it is taken the demo picks a free port rather than fail.
const defaultDemoConsole = "127.0.0.1:9338"

// demoConsole is the relay's web console as the demo serves it: a login
// made up for this run, printed with the URL.
type demoConsole struct {
	URL      string `json:"url"`
	User     string `json:"user"`
	Password string `json:"password"`
	hash     string
}

// newDemoConsole makes this run's login. The password is random: the
// console listens on 127.0.0.1 only, but a fixed demo password would
// teach nobody to pick a good one.
func newDemoConsole() (*demoConsole, error) {
	pw := rand.Text()[:12]
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost) // a demo login: fast to check
	if err != nil {
		return nil, fmt.Errorf("demo console login: %w", err)
	}
	return &demoConsole{User: "demo", Password: pw, hash: string(h)}, nil
}

// config is the relay's console section for this login.
func (c *demoConsole) config() server.ConsoleConfig {
	return server.ConsoleConfig{Users: []server.ConsoleUser{{Name: c.User, PasswordHash: config.Secret(c.hash)}}}
}

// listenDemoConsole listens on addr; the default address falls back to a
// free port when another program (or another demo) holds it.
func listenDemoConsole(addr string) (net.Listener, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil && addr == defaultDemoConsole && errors.Is(err, syscall.EADDRINUSE) {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		return nil, fmt.Errorf("--console %s: %w; pick another address, such as 127.0.0.1:0", addr, err)
	}
	return ln, nil
}

// line is the console's line in the live view and the outcome.
func (c *demoConsole) line() string {
	return fmt.Sprintf("console: %s  (log in as %s, password %s)", c.URL, c.User, c.Password)
}
