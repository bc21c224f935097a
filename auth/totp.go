package auth

import (
	"bytes"
	"crypto/subtle"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TOTPIssuer names the service in authenticator apps.
const TOTPIssuer = "peervoice"

// NewTOTP makes a new secret for account and its otpauth:// URI, which an
// authenticator app can read from a QR code or the user can type.
func NewTOTP(account string) (secret, uri string, err error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: TOTPIssuer, AccountName: account})
	if err != nil {
		return "", "", fmt.Errorf("auth: totp generate: %w", err)
	}
	return key.Secret(), key.URL(), nil
}

// CheckTOTP reports whether code is valid for secret at t, allowing one
// 30-second step either side for clock drift.
func CheckTOTP(secret, code string, t time.Time) bool {
	_, ok := MatchTOTP(secret, code, t)
	return ok
}

// MatchTOTP checks code like CheckTOTP and also returns the time step it
// matched, so the caller can refuse a code that has already been used
// (Store.ClaimTOTPStep).
func MatchTOTP(secret, code string, t time.Time) (step int64, ok bool) {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	if secret == "" || len(code) != 6 {
		return 0, false
	}
	for _, skew := range []int64{0, -1, 1} {
		at := t.UTC().Add(time.Duration(skew*totpPeriod) * time.Second)
		want, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{
			Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1,
		})
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return at.Unix() / totpPeriod, true
		}
	}
	return 0, false
}

// totpPeriod is the TOTP time step in seconds.
const totpPeriod = 30

// TOTPCode returns the current code for secret; the tests and the demo's
// browser tests use it to sign in as a user with TOTP.
func TOTPCode(secret string, t time.Time) (string, error) {
	return totp.GenerateCode(secret, t.UTC())
}

// QRCode draws an otpauth:// URI as a PNG QR code for authenticator apps.
func QRCode(uri string) ([]byte, error) {
	key, err := otp.NewKeyFromURL(uri)
	if err != nil {
		return nil, fmt.Errorf("auth: totp uri: %w", err)
	}
	img, err := key.Image(200, 200)
	if err != nil {
		return nil, fmt.Errorf("auth: qr code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("auth: qr png: %w", err)
	}
	return buf.Bytes(), nil
}
