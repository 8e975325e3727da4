package connect

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/edged/edged/relay"
)

// KeySize is the length of a secrets key: AES-256.
const KeySize = 32

// sealVersion leads every sealed record: the format of what follows
// (key id, nonce, ciphertext).
const sealVersion = 1

const keyIDSize = 4

var (
	// ErrWrongKey means a record was sealed with another secrets key than
	// the one configured.
	ErrWrongKey = errors.New("connect: the connection was sealed with a different secrets key")
	// ErrTampered means a record does not authenticate under the right
	// key: it was altered, truncated or moved from another channel.
	ErrTampered = errors.New("connect: the sealed connection was altered or belongs to another channel")
)

// Vault seals and opens tokens with one key. It is safe for concurrent
// use.
type Vault struct {
	aead cipher.AEAD
	id   [keyIDSize]byte // names the key in each record, to tell a wrong key from tampering
}

// NewVault returns a vault for a KeySize-byte key.
func NewVault(key []byte) (*Vault, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("connect: the secrets key has %d bytes, want %d", len(key), KeySize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("connect: secrets key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("connect: secrets key: %w", err)
	}
	v := &Vault{aead: aead}
	sum := sha256.Sum256(append([]byte("edged-relay connect key id\x00"), key...))
	copy(v.id[:], sum[:])
	return v, nil
}

// Seal encrypts t for its channel: version, key id, nonce, ciphertext.
func (v *Vault) Seal(t relay.Token) ([]byte, error) {
	if !t.Channel.Valid() {
		return nil, fmt.Errorf("connect: seal: unknown channel %q", t.Channel)
	}
	plain, err := json.Marshal(t)
	if err != nil {
		return nil, fmt.Errorf("connect: seal %s: %w", t.Channel, err)
	}
	out := make([]byte, 1+keyIDSize+v.aead.NonceSize(), 1+keyIDSize+v.aead.NonceSize()+len(plain)+v.aead.Overhead())
	out[0] = sealVersion
	copy(out[1:], v.id[:])
	nonce := out[1+keyIDSize:]
	rand.Read(nonce) // never fails (crypto/rand panics instead)
	return v.aead.Seal(out, nonce, plain, []byte(t.Channel)), nil
}

// Open decrypts a record sealed for ch. It fails with ErrWrongKey or
// ErrTampered; neither error carries key or token material.
func (v *Vault) Open(ch relay.Channel, sealed []byte) (relay.Token, error) {
	head := 1 + keyIDSize + v.aead.NonceSize()
	if len(sealed) < head+v.aead.Overhead() || sealed[0] != sealVersion {
		return relay.Token{}, fmt.Errorf("%s: %w (not a sealed record of this relay)", ch, ErrTampered)
	}
	if subtle.ConstantTimeCompare(sealed[1:1+keyIDSize], v.id[:]) != 1 {
		return relay.Token{}, fmt.Errorf("%s: %w: configure the key it was made with (secrets.key_file or secrets.key_env), "+
			"or run `relay connect %s` again", ch, ErrWrongKey, ch)
	}
	plain, err := v.aead.Open(nil, sealed[1+keyIDSize:head], sealed[head:], []byte(ch))
	if err != nil {
		return relay.Token{}, fmt.Errorf("%s: %w: run `relay connect %s` again", ch, ErrTampered, ch)
	}
	var t relay.Token
	if err := json.Unmarshal(plain, &t); err != nil {
		return relay.Token{}, fmt.Errorf("%s: %w: the record does not decode", ch, ErrTampered)
	}
	if t.Channel != ch {
		return relay.Token{}, fmt.Errorf("%s: %w: it holds %s's token", ch, ErrTampered, t.Channel)
	}
	return t, nil
}
