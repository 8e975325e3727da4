// Package broker is the embedded MQTT broker (mochi-mqtt) that `edged
// demo` and a relay without a configured broker use, so that nothing has
// to be installed. It serves on a listener the caller opened and keeps
// nothing on disk. Production gateways and the tests use mosquitto (see
// firmware-config/mosquitto).
//
// # Who may connect
//
// With [Options.Users], only those users may connect, each with the
// password whose bcrypt hash is configured; once connected a user may
// publish and subscribe anywhere (the broker does not fence gateways from
// each other as mosquitto's edged.acl does). Without users every client
// may connect, so [Start] refuses a listener beyond the loopback
// interface ([ErrOpen]): an anonymous broker on a public address would
// let anyone change the stock.
package broker
