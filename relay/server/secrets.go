package server

import (
	"fmt"
	"time"

	"github.com/edged/edged/relay/connect"
)

// SecretsConfig names the key that seals each channel's stored
// connection (`relay connect CHANNEL`). Give one of key_file and key_env;
// neither is needed while every channel takes its token from this file.
// cmd/relay reads the key (server.Parts.Key) and checks the file's mode.
type SecretsConfig struct {
	// KeyFile holds the key: 32 raw bytes, or 64 hex or base64
	// characters. Make it with
	// `head -c 32 /dev/urandom > /etc/edged-relay/secrets.key` and keep it
	// 0600, readable by the relay only. A relative path is relative to
	// the configuration file.
	KeyFile string `mapstructure:"key_file"`
	// KeyEnv names an environment variable holding the key as hex or
	// base64, for platforms that inject secrets that way.
	KeyEnv string `mapstructure:"key_env"`
	// RefreshWarnDays is how many days before a refresh token runs out
	// the relay warns that the channel must be connected again. Default 7.
	RefreshWarnDays int `mapstructure:"refresh_warn_days"`
}

// Configured reports whether a key source is named.
func (s SecretsConfig) Configured() bool { return s.KeyFile != "" || s.KeyEnv != "" }

// WarnBefore is RefreshWarnDays as a duration (default 7 days).
func (s SecretsConfig) WarnBefore() time.Duration {
	if s.RefreshWarnDays <= 0 {
		return connect.DefaultWarnBefore
	}
	return time.Duration(s.RefreshWarnDays) * 24 * time.Hour
}

func (s SecretsConfig) validate() []error {
	var errs []error
	if s.KeyFile != "" && s.KeyEnv != "" {
		errs = append(errs, fmt.Errorf("secrets: both key_file (%s) and key_env (%s) are set; keep one, the key must have one source",
			s.KeyFile, s.KeyEnv))
	}
	if s.RefreshWarnDays < 0 || s.RefreshWarnDays > 365 {
		errs = append(errs, fmt.Errorf("secrets.refresh_warn_days: %d is out of range; between 1 and 365 (default 7)", s.RefreshWarnDays))
	}
	return errs
}
