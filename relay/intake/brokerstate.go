package intake

import (
	"errors"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// BrokerState is the relay's MQTT connection as the status page shows it.
type BrokerState struct {
	// Connected: a session with the broker is up.
	Connected bool `json:"connected"`
	// Subscribed: the broker granted the deltas subscription.
	Subscribed bool `json:"subscribed"`
	// Online: the relay's retained online state is published.
	Online bool `json:"online"`
	// Since is when Connected last changed (or the Client was created).
	Since time.Time `json:"since"`
	// LastError is the latest connect, subscribe or connection failure;
	// it stays after recovery, with its time.
	LastError   string    `json:"last_error,omitempty"`
	LastErrorAt time.Time `json:"last_error_at,omitzero"`
	// Reconnects counts connects after the first.
	Reconnects int `json:"reconnects"`
	// Failures counts failed connect attempts since the last connect.
	Failures int `json:"failures"`
}

// State returns the current broker state; safe for concurrent use.
func (c *Client) State() BrokerState {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.state
}

func (c *Client) noteConnected(pc paho.Client) {
	c.mu.Lock()
	if c.connectedOnce {
		c.state.Reconnects++
	}
	failures, reconnects := c.state.Failures, c.state.Reconnects
	c.conn, c.connectedOnce = pc, true
	c.state.Connected, c.state.Since, c.state.Failures = true, time.Now(), 0
	c.mu.Unlock()
	c.log.Info("broker connected", "broker", c.broker, "client_id", c.cfg.ClientID, "reconnects", reconnects, "failed_attempts", failures)
}

// dropConn stops Publish from using pc, from paho's lost handler.
func (c *Client) dropConn(pc paho.Client) {
	c.mu.Lock()
	if c.conn == pc {
		c.conn = nil
	}
	c.mu.Unlock()
}

// noteDown records a lost session or a failed connect attempt. A run of
// failed attempts is logged at Warn once, then at Debug.
func (c *Client) noteDown(connected bool, err error) {
	if err == nil {
		err = errors.New("connection closed")
	}
	c.mu.Lock()
	c.conn = nil
	c.setError(err)
	if connected {
		c.state.Connected, c.state.Subscribed, c.state.Online, c.state.Since = false, false, false, time.Now()
	} else {
		c.state.Failures++
	}
	failures := c.state.Failures
	c.mu.Unlock()
	switch {
	case connected:
		c.log.Warn("broker lost; reconnecting with backoff", "broker", c.broker, "err", err)
	case failures == 1:
		c.log.Warn("broker unreachable; retrying with backoff", "broker", c.broker, "err", err)
	default:
		c.log.Debug("broker still unreachable", "broker", c.broker, "attempts", failures, "err", err)
	}
}

func (c *Client) noteSubscribeFailed(err error, attempt int) {
	c.mu.Lock()
	c.setError(err)
	c.mu.Unlock()
	if attempt == 1 {
		c.log.Error("deltas subscription failed; retrying with backoff, the relay stays offline until it is granted", "filter", c.filter, "err", err)
		return
	}
	c.log.Debug("deltas subscription failed again", "filter", c.filter, "attempts", attempt, "err", err)
}

func (c *Client) noteSubscribed(attempts int) {
	c.mu.Lock()
	c.state.Subscribed = true
	c.mu.Unlock()
	c.log.Info("deltas subscribed", "filter", c.filter, "attempts", attempts)
}

func (c *Client) noteOnline() {
	c.mu.Lock()
	c.state.Online = true
	c.mu.Unlock()
	c.log.Info("relay announced online")
}

// setError records err; c.mu is held.
func (c *Client) setError(err error) {
	c.state.LastError, c.state.LastErrorAt = err.Error(), time.Now()
}
