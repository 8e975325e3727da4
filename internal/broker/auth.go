package broker

import (
	"bytes"
	"errors"
	"fmt"
	"net"

	mqtt "github.com/mochi-mqtt/server/v2"
	"github.com/mochi-mqtt/server/v2/hooks/auth"
	"github.com/mochi-mqtt/server/v2/packets"
	"golang.org/x/crypto/bcrypt"
)

// ErrOpen means the broker would let anonymous clients in on an address
// other machines reach; configure users or listen on 127.0.0.1.
var ErrOpen = errors.New("listens beyond this machine and no users are configured: anyone could connect")

// ErrBadUser means a configured user has no name or a password hash that
// is not bcrypt.
var ErrBadUser = errors.New("bad broker user")

// Options configure the embedded broker. The zero value lets every
// client in and only listens on loopback.
type Options struct {
	// Users are the only clients allowed to connect; empty: anyone.
	Users []User
}

// User is one broker account. PasswordHash is bcrypt ($2a$, $2b$ or
// $2y$), as `relay hash-password` prints it: the configuration never
// holds the password itself.
type User struct {
	Name         string `mapstructure:"name"`
	PasswordHash string `mapstructure:"password_hash"`
}

// CheckUsers reports every user without a name or a bcrypt hash, and
// names used twice; each error names the user's index.
func CheckUsers(users []User) []error {
	var errs []error
	seen := map[string]bool{}
	for i, u := range users {
		switch _, err := bcrypt.Cost([]byte(u.PasswordHash)); {
		case u.Name == "":
			errs = append(errs, userError(i, "name", "empty"))
		case seen[u.Name]:
			errs = append(errs, userError(i, "name", fmt.Sprintf("%q is listed twice", u.Name)))
		case err != nil:
			errs = append(errs, userError(i, "password_hash", fmt.Sprintf(
				"%s's is not a bcrypt hash (%v); print one with `relay hash-password`", u.Name, err)))
		}
		seen[u.Name] = true
	}
	return errs
}

// userError wraps ErrBadUser with the user's index and field first, so
// that a caller can prefix its own key: "[0].name: empty".
func userError(i int, field, problem string) error {
	return &badUser{fmt.Sprintf("[%d].%s: %s", i, field, problem)}
}

type badUser struct{ msg string }

func (e *badUser) Error() string { return e.msg }
func (e *badUser) Unwrap() error { return ErrBadUser }

// Authenticate says whether password is name's among users.
func Authenticate(users []User, name string, password []byte) bool {
	for _, u := range users {
		if u.Name == name {
			return bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), password) == nil
		}
	}
	return false
}

// gate is the hook that decides who connects on addr.
func (o Options) gate(addr net.Addr) (mqtt.Hook, error) {
	if len(o.Users) == 0 {
		if !LoopbackAddr(addr) {
			return nil, fmt.Errorf("broker: %s %w; configure users or listen on 127.0.0.1", addr, ErrOpen)
		}
		return new(auth.AllowHook), nil
	}
	if errs := CheckUsers(o.Users); len(errs) > 0 {
		for i, err := range errs {
			errs[i] = fmt.Errorf("broker: users%w", err)
		}
		return nil, errors.Join(errs...)
	}
	return &usersHook{users: o.Users}, nil
}

// usersHook lets in the configured users with their passwords, and lets
// them publish and subscribe anywhere.
type usersHook struct {
	mqtt.HookBase
	users []User
}

func (h *usersHook) ID() string { return "edged-users" }

func (h *usersHook) Provides(b byte) bool {
	return bytes.Contains([]byte{mqtt.OnConnectAuthenticate, mqtt.OnACLCheck}, []byte{b})
}

func (h *usersHook) OnConnectAuthenticate(cl *mqtt.Client, pk packets.Packet) bool {
	ok := Authenticate(h.users, string(pk.Connect.Username), pk.Connect.Password)
	if !ok {
		h.Log.Warn("mqtt client refused: unknown user or wrong password", "user", string(pk.Connect.Username), "remote", cl.Net.Remote)
	}
	return ok
}

func (h *usersHook) OnACLCheck(*mqtt.Client, string, bool) bool { return true }
