package mqtt

import (
	"errors"
	"sync"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/edged/edged/uplink"
)

// conn is one paho client connection.
type conn struct {
	client paho.Client
	lost   chan struct{}
	once   sync.Once
	mu     sync.Mutex
	err    error
}

var _ uplink.Conn = (*conn)(nil)

// Publish hands m to paho; the token completes on PUBACK (QoS 1) or
// fails when the connection is lost.
func (c *conn) Publish(m uplink.Message) uplink.Token {
	return c.client.Publish(m.Topic, m.QoS, m.Retain, m.Payload)
}

func (c *conn) Lost() <-chan struct{} { return c.lost }

func (c *conn) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *conn) setLost(err error) {
	c.once.Do(func() {
		if err == nil {
			err = errors.New("connection closed")
		}
		c.mu.Lock()
		c.err = err
		c.mu.Unlock()
		close(c.lost)
	})
}

// Close disconnects, giving queued packets up to 250 ms.
func (c *conn) Close() {
	c.client.Disconnect(250)
	c.setLost(errors.New("closed by the uplink"))
}
