package server

import (
	"fmt"
	"net/http"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/edged/edged/config"
	"github.com/edged/edged/relay/console"
)

// ConsoleConfig is who may open the web console at /console/. The
// console is off while no user and no token is configured.
type ConsoleConfig struct {
	// Users log in with a password; each has a bcrypt hash made with
	// `relay hash-password` or `htpasswd -nbBC 10 USER PASSWORD`.
	Users []ConsoleUser `mapstructure:"users"`
	// Token is a bearer token for scripts ("Authorization: Bearer …");
	// set it from the environment (EDGED_CONSOLE_TOKEN) or token_file
	// rather than in this file.
	Token config.Secret `mapstructure:"token"`
	// TokenFile holds the token (relative to the configuration file;
	// surrounding white space ignored). Keep it 0600. cmd/relay reads it
	// into Token at start: the server reads no files.
	TokenFile string `mapstructure:"token_file"`
	// SessionTTL is how long a login lasts. Default 12h.
	SessionTTL time.Duration `mapstructure:"session_ttl"`
}

// ConsoleUser is one console login.
type ConsoleUser struct {
	Name         string        `mapstructure:"name"`
	PasswordHash config.Secret `mapstructure:"password_hash"`
}

// Enabled reports whether anyone could log in.
func (c ConsoleConfig) Enabled() bool {
	return len(c.Users) > 0 || c.Token != "" || c.TokenFile != ""
}

func (c ConsoleConfig) validate() []error {
	var errs []error
	seen := map[string]bool{}
	for i, u := range c.Users {
		switch {
		case u.Name == "":
			errs = append(errs, fmt.Errorf("console.users[%d].name: empty", i))
		case seen[u.Name]:
			errs = append(errs, fmt.Errorf("console.users[%d].name: %q is listed twice", i, u.Name))
		}
		seen[u.Name] = true
		if _, err := bcrypt.Cost([]byte(u.PasswordHash.Reveal())); err != nil {
			errs = append(errs, fmt.Errorf("console.users[%d].password_hash: not a bcrypt hash ($2a$, $2b$ or $2y$); "+
				"make one with `relay hash-password` or `htpasswd -nbBC 10 %s PASSWORD`", i, u.Name))
		}
	}
	if c.SessionTTL < 0 || (c.SessionTTL > 0 && c.SessionTTL < time.Minute) {
		errs = append(errs, fmt.Errorf("console.session_ttl: %v is too short; at least 1m (default 12h)", c.SessionTTL))
	}
	return errs
}

// auth is the console's Auth: the users, the token (read from its file
// when so configured) and the session key, derived from the secrets key
// when there is one so that every relay of a fleet accepts a session.
func (c ConsoleConfig) auth(key []byte) (console.Auth, error) {
	a := console.Auth{Token: c.Token.Reveal(), Key: key, SessionTTL: c.SessionTTL}
	for _, u := range c.Users {
		a.Users = append(a.Users, console.User{Name: u.Name, Hash: []byte(u.PasswordHash.Reveal())})
	}
	if c.TokenFile != "" && c.Token == "" {
		return a, fmt.Errorf("console.token_file %s: not read; the caller reads it into console.token", c.TokenFile)
	}
	return a, nil
}

// mountConsole serves the console under /console/ when it is enabled.
// Should it not start, /console/ answers 500 with why (never a secret).
func (s *Server) mountConsole() {
	if !s.cfg.Console.Enabled() {
		return
	}
	h, err := s.consoleHandler()
	if err != nil {
		s.log.Error("console disabled", "err", err)
		h = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "console disabled: "+err.Error(), http.StatusInternalServerError)
		})
	}
	// By method, as GET / (the status page) is: patterns of different
	// methods and paths would conflict.
	s.mux.Handle("GET "+console.Prefix, h)
	s.mux.Handle("POST "+console.Prefix, h)
}

func (s *Server) consoleHandler() (http.Handler, error) {
	a, err := s.cfg.Console.auth(s.parts.Key)
	if err != nil {
		return nil, err
	}
	s.console = newConsoleSource(s)
	return console.New(console.Options{Source: s.console, Audit: s.Audit(), Auth: a,
		Logger: s.log.With("part", "console")})
}
