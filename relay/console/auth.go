package console

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// Auth says who may open the console.
type Auth struct {
	// Users log in with a password; Hash is its bcrypt hash
	// (`relay hash-password`, or `htpasswd -nbBC 10 USER PASSWORD`).
	Users []User
	// Token, when set, is accepted as "Authorization: Bearer TOKEN", for
	// scripts.
	Token string
	// Key signs the session cookies. Give the same key to every relay of
	// a fleet so a session works on each; nil: a random key per process
	// (sessions then end when the relay restarts).
	Key []byte
	// SessionTTL is how long a session lasts. Default 12h.
	SessionTTL time.Duration
}

// User is one login.
type User struct {
	Name string
	Hash []byte
}

// ErrNoLogin is returned by New when Auth names neither a user nor a token:
// nobody could open the console.
var ErrNoLogin = errors.New("console: no users and no token configured; nobody could log in")

// passwords checks logins in the same time whether or not the user exists.
type passwords struct {
	users map[string][]byte
	// decoy is checked for unknown users, at the cost of the first real
	// hash, so the answer's timing does not tell which users exist.
	decoy []byte
	token [sha256.Size]byte
	has   bool // a token is configured
}

func newPasswords(a Auth) (*passwords, error) {
	p := &passwords{users: map[string][]byte{}}
	cost := bcrypt.DefaultCost
	for i, u := range a.Users {
		c, err := bcrypt.Cost(u.Hash)
		if err != nil || u.Name == "" {
			return nil, fmt.Errorf("console: users[%d] (%q): not a bcrypt hash or no name; make one with `relay hash-password`", i, u.Name)
		}
		if i == 0 {
			cost = c
		}
		p.users[u.Name] = u.Hash
	}
	if len(p.users) == 0 && a.Token == "" {
		return nil, ErrNoLogin
	}
	if len(p.users) > 0 {
		decoy, err := bcrypt.GenerateFromPassword([]byte(rand.Text()), cost)
		if err != nil {
			return nil, fmt.Errorf("console: decoy hash: %w", err)
		}
		p.decoy = decoy
	}
	if a.Token != "" {
		p.token, p.has = sha256.Sum256([]byte(a.Token)), true
	}
	return p, nil
}

// check reports whether password is name's.
func (p *passwords) check(name, password string) bool {
	hash, ok := p.users[name]
	if !ok {
		hash = p.decoy
	}
	if hash == nil {
		return false // no users: nothing to time
	}
	err := bcrypt.CompareHashAndPassword(hash, []byte(password))
	return ok && err == nil
}

// bearer reports whether token is the configured one, in constant time
// (the hashes have equal length whatever was sent).
func (p *passwords) bearer(token string) bool {
	got := sha256.Sum256([]byte(token))
	return p.has && subtle.ConstantTimeCompare(got[:], p.token[:]) == 1
}
