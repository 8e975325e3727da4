package mqtt

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
)

// NewTLSConfig builds a TLS 1.2+ client configuration from PEM bytes
// (cmd/edged reads the files): caPEM verifies the broker; certPEM and
// keyPEM are the gateway's certificate (CN = gateway id) for mutual TLS,
// or nil for server-only TLS. serverName overrides the name checked in
// the broker's certificate (empty: the broker URL's host).
func NewTLSConfig(caPEM, certPEM, keyPEM []byte, serverName string) (*tls.Config, error) {
	c := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: serverName}
	if len(caPEM) > 0 {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(caPEM) {
			return nil, fmt.Errorf("%w: tls: no certificate found in the CA PEM", ErrConfig)
		}
		c.RootCAs = pool
	}
	if len(certPEM) > 0 || len(keyPEM) > 0 {
		cert, err := tls.X509KeyPair(certPEM, keyPEM)
		if err != nil {
			return nil, fmt.Errorf("%w: tls: client certificate and key: %w", ErrConfig, err)
		}
		c.Certificates = []tls.Certificate{cert}
	}
	return c, nil
}
