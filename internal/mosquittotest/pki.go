package mosquittotest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"testing"
	"time"
)

// PKI is a throwaway certificate authority generated at test time, so
// no key is ever committed.
type PKI struct {
	t      testing.TB
	key    *ecdsa.PrivateKey
	cert   *x509.Certificate
	CAPEM  []byte
	serial int64
}

// Pair is a PEM certificate and its PEM private key.
type Pair struct{ CertPEM, KeyPEM []byte }

// NewPKI creates a P-256 CA valid for one hour.
func NewPKI(t testing.TB) *PKI {
	t.Helper()
	p := &PKI{t: t, key: newKey(t), serial: 1}
	tmpl := p.template("edged-test-ca")
	tmpl.IsCA, tmpl.BasicConstraintsValid, tmpl.KeyUsage = true, true, x509.KeyUsageCertSign|x509.KeyUsageDigitalSignature
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &p.key.PublicKey, p.key)
	if err != nil {
		t.Fatal(err)
	}
	if p.cert, err = x509.ParseCertificate(der); err != nil {
		t.Fatal(err)
	}
	p.CAPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return p
}

// Server issues a server certificate for 127.0.0.1 and localhost.
func (p *PKI) Server() Pair {
	tmpl := p.template("localhost")
	tmpl.DNSNames, tmpl.IPAddresses = []string{"localhost"}, []net.IP{net.IPv4(127, 0, 0, 1)}
	tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	return p.issue(tmpl)
}

// Client issues a client certificate whose CN is cn.
func (p *PKI) Client(cn string) Pair {
	tmpl := p.template(cn)
	tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	return p.issue(tmpl)
}

// ClientTLS is a TLS 1.2+ client configuration trusting the CA, with
// the given client certificate (none when pair is the zero Pair).
func (p *PKI) ClientTLS(pair Pair) *tls.Config {
	pool := x509.NewCertPool()
	pool.AddCert(p.cert)
	c := &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12, ServerName: "localhost"}
	if pair.CertPEM != nil {
		cert, err := tls.X509KeyPair(pair.CertPEM, pair.KeyPEM)
		if err != nil {
			p.t.Fatal(err)
		}
		c.Certificates = []tls.Certificate{cert}
	}
	return c
}

func (p *PKI) template(cn string) *x509.Certificate {
	p.serial++
	now := time.Now()
	return &x509.Certificate{SerialNumber: big.NewInt(p.serial), Subject: pkix.Name{CommonName: cn},
		NotBefore: now.Add(-time.Minute), NotAfter: now.Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature}
}

func (p *PKI) issue(tmpl *x509.Certificate) Pair {
	key := newKey(p.t)
	der, err := x509.CreateCertificate(rand.Reader, tmpl, p.cert, &key.PublicKey, p.key)
	if err != nil {
		p.t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		p.t.Fatal(err)
	}
	return Pair{CertPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		KeyPEM: pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder})}
}

func newKey(t testing.TB) *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
