package auth

import (
	"crypto/hmac"
	"crypto/sha256"
)

// MAC returns the HMAC-SHA256 of message under the signing key, bound to
// purpose. Pages derive tokens from it (the console's CSRF tokens) that
// every process sharing the key can make and check, and nobody else can.
func (k *Keys) MAC(purpose, message string) []byte {
	m := hmac.New(sha256.New, k.key)
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write([]byte(message))
	return m.Sum(nil)
}
