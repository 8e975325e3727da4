package intake

import (
	"errors"
	"fmt"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"

	"github.com/edged/edged/uplink/wire"
)

// run connects, serves and reconnects with backoff until Close.
func (c *Client) run() {
	bo := backoff{min: c.cfg.RetryMin, max: c.cfg.RetryMax}
	for {
		began := time.Now()
		connected, err := c.session()
		if c.closing() {
			return
		}
		if connected && time.Since(began) > c.cfg.RetryMax {
			bo.reset() // a long session is not part of a reconnect storm
		}
		c.noteDown(connected, err)
		if !c.sleep(bo.next()) {
			return
		}
	}
}

// session connects once and serves the connection until it is lost or
// the Client closes; connected reports whether the connect succeeded.
func (c *Client) session() (connected bool, err error) {
	lost := make(chan error, 1)
	pc := paho.NewClient(c.options(lost))
	if err := wait(pc.Connect(), connectTimeout+time.Second, c.stop); err != nil {
		pc.Disconnect(0)
		return false, fmt.Errorf("connect to %s: %w", c.broker, err)
	}
	defer pc.Disconnect(250)
	c.noteConnected(pc)
	return true, c.serve(pc, lost)
}

func (c *Client) options(lost chan<- error) *paho.ClientOptions {
	offline := wire.Encode(&wire.RelayState{Online: false})
	return paho.NewClientOptions().AddBroker(c.cfg.Broker).SetClientID(c.cfg.ClientID).
		SetUsername(c.cfg.Username).SetPassword(c.cfg.Password).SetTLSConfig(c.tls).
		SetCleanSession(true).SetAutoReconnect(false).SetConnectRetry(false).SetOrderMatters(true).
		SetConnectTimeout(connectTimeout).SetWriteTimeout(answerTimeout).
		SetBinaryWill(wire.RelayStateTopic, offline, 1, true).
		SetConnectionLostHandler(func(pc paho.Client, err error) {
			c.dropConn(pc) // Publish fails fast from now on
			select {
			case lost <- err:
			default:
			}
		})
}

// serve subscribes, announces the relay online and waits; at Close it
// announces the relay offline.
func (c *Client) serve(pc paho.Client, lost <-chan error) error {
	if err := c.subscribeDeltas(pc, lost); err != nil {
		return err
	}
	c.subscribePresence(pc)
	select {
	case <-c.fleet: // stale, from an earlier session
	default:
	}
	if err := c.announce(pc, !c.down.Load(), c.stop); err != nil {
		return err
	}
	c.watchRelayState(pc)
	for {
		select {
		case err := <-lost:
			return err
		case <-c.stop:
			_ = c.announce(pc, false, nil)
			return errClosing
		case <-c.fleet:
			if c.down.Load() {
				continue // this one cannot take deltas either
			}
			c.log.Info("another relay instance announced offline; announcing this one online")
			if err := c.announce(pc, true, c.stop); err != nil {
				return err
			}
		case <-c.avail:
			up := !c.down.Load()
			c.log.Warn("relay availability changed; announcing it", "online", up)
			if err := c.announce(pc, up, c.stop); err != nil {
				return err
			}
		}
	}
}

// subscribeDeltas subscribes until the broker grants it, with backoff.
func (c *Client) subscribeDeltas(pc paho.Client, lost <-chan error) error {
	bo := backoff{min: c.cfg.RetryMin, max: c.cfg.RetryMax}
	for attempt := 1; ; attempt++ {
		err := c.subscribe(pc, c.filter, c.receive)
		if err == nil {
			c.noteSubscribed(attempt)
			return nil
		}
		if errors.Is(err, errClosing) {
			return err
		}
		c.noteSubscribeFailed(err, attempt)
		t := time.NewTimer(bo.next())
		select {
		case err := <-lost:
			t.Stop()
			return err
		case <-c.stop:
			t.Stop()
			return errClosing
		case <-t.C:
		}
	}
}

// subscribe subscribes filter at QoS 1 and checks the SUBACK.
func (c *Client) subscribe(pc paho.Client, filter string, h paho.MessageHandler) error {
	tok := pc.Subscribe(filter, 1, h)
	if err := wait(tok, answerTimeout, c.stop); err != nil {
		return fmt.Errorf("intake: subscribe %s: %w", filter, err)
	}
	granted := tok.(*paho.SubscribeToken).Result()
	if len(granted) == 0 {
		return fmt.Errorf("intake: subscribe %s: the SUBACK granted nothing", filter)
	}
	for _, qos := range granted {
		switch {
		case qos >= 0x80:
			return fmt.Errorf("%w: %s (SUBACK 0x%02x); check the broker ACL of client %q user %q",
				ErrSubscribeRefused, filter, qos, c.cfg.ClientID, c.cfg.Username)
		case qos < 1:
			c.log.Warn("broker granted QoS 0 only; deltas lost in transit wait for the gateways' retransmission", "filter", filter)
		}
	}
	return nil
}

// announce publishes the retained relay state and waits for its PUBACK.
func (c *Client) announce(pc paho.Client, online bool, stop <-chan struct{}) error {
	d := answerTimeout
	if !online {
		d = closeTimeout
	}
	st := wire.Encode(&wire.RelayState{Online: online, Time: time.Now().UTC()})
	if err := wait(pc.Publish(wire.RelayStateTopic, 1, true, st), d, stop); err != nil {
		return fmt.Errorf("intake: announce the relay online=%v: %w", online, err)
	}
	if online {
		c.noteOnline()
	} else {
		c.mu.Lock()
		c.state.Online = false
		c.mu.Unlock()
	}
	return nil
}

// watchRelayState follows the shared relay state: when another instance
// dies (its will says offline) while this one is up, this one announces
// itself again, so gateways resend what the dead one had not
// acknowledged. Optional: without read access the relay works as before.
func (c *Client) watchRelayState(pc paho.Client) {
	err := c.subscribe(pc, wire.RelayStateTopic, func(_ paho.Client, m paho.Message) {
		if rs, err := wire.DecodeRelayState(m.Payload()); err == nil && !rs.Online {
			select {
			case c.fleet <- struct{}{}:
			default:
			}
		}
	})
	if err != nil && !errors.Is(err, errClosing) {
		c.log.Warn("cannot follow the relay state; other instances' failures will wait for the gateways' retransmit_after", "err", err)
	}
}

func (c *Client) closing() bool {
	select {
	case <-c.stop:
		return true
	default:
		return false
	}
}

func (c *Client) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-c.stop:
		return false
	case <-t.C:
		return true
	}
}
