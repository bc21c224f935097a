package auth

import (
	"strings"
	"testing"

	"peervoice/domain"
)

func TestHashAndCheck(t *testing.T) {
	h, err := HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash form: %s", h)
	}
	if !CheckPassword(h, "correct horse battery staple") {
		t.Fatal("right password refused")
	}
	if CheckPassword(h, "correct horse battery stapler") || CheckPassword("garbage", "x") {
		t.Fatal("wrong password accepted")
	}
	h2, _ := HashPassword("correct horse battery staple")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: salt missing")
	}
}

func TestPasswordPolicy(t *testing.T) {
	accept := []string{
		"correct horse battery staple",
		strings.Repeat("long passphrase ", 5),
		"spaces are fine here",
		"emoji \U0001F600\U0001F600 are fine too",
		"Tr0ub4dor&3xyz",
	}
	for _, p := range accept {
		if err := CheckPasswordPolicy(p); err != nil {
			t.Errorf("%q refused: %v", p, err)
		}
	}
	refuse := []string{"short", "elevenchars", "password1234", "Password1234!", "qwertyuiop12", "1234567890123"}
	for _, p := range refuse {
		err := CheckPasswordPolicy(p)
		if domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("%q accepted", p)
		}
	}
	if CheckPasswordPolicy(GeneratePassword()) != nil {
		t.Error("a generated password fails the policy")
	}
}
