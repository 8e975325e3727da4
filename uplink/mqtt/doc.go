// Package mqtt is the uplink's MQTT transport over paho.mqtt.golang
// v1.5: a Dialer whose every Dial opens one clean MQTT 3.1.1 session
// with auto-reconnect off, so a lost connection fails its publish
// tokens instead of reporting them as delivered (paho completes tokens
// with a nil error on an automatic reconnect). Reconnecting is the
// uplink's job.
//
// The TCP dialer sets TCP keepalive and TCP_USER_TIMEOUT so that a
// half-open link with unacknowledged data is dropped by the kernel
// within Config.UserTimeout; MQTT pings catch an idle half-open link
// within KeepAlive + PingTimeout.
package mqtt
