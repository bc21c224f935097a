package domain

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestCheckCodeCatchesEverySingleSubstitution is exhaustive over a sample
// of codes: changing any one character to any other must fail the check.
func TestCheckCodeCatchesEverySingleSubstitution(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		code := NewCode(rng.IntN, CodePayloadLen)
		if err := CheckCode(code); err != nil {
			t.Fatalf("fresh code %s fails: %v", code, err)
		}
		for i := range code {
			for _, r := range CodeAlphabet {
				if byte(r) == code[i] {
					continue
				}
				typo := code[:i] + string(r) + code[i+1:]
				if CheckCode(typo) == nil {
					t.Fatalf("%s → %s passes the check", code, typo)
				}
			}
		}
	}
}

func TestCheckCodeCatchesMostAdjacentSwaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	caught, swaps := 0, 0
	for range 2000 {
		code := NewCode(rng.IntN, CodePayloadLen)
		for i := 0; i+1 < len(code); i++ {
			if code[i] == code[i+1] {
				continue
			}
			swaps++
			b := []byte(code)
			b[i], b[i+1] = b[i+1], b[i]
			if CheckCode(string(b)) != nil {
				caught++
			}
		}
	}
	if rate := float64(caught) / float64(swaps); rate < 0.9 {
		t.Fatalf("only %.2f of adjacent swaps caught", rate)
	}
}

func TestCodeFormatErrors(t *testing.T) {
	for _, bad := range []string{"", "K7Q", "K0QX", "KIQX", "ABCDEFGHJKM"} {
		if CheckCode(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if NormaliseCode(" k7-qx ") != "K7QX" {
		t.Error("normalise")
	}
}

func TestSessionDateMustFallInProgramme(t *testing.T) {
	p := &Programme{StartDate: "2026-09-01", EndDate: "2026-10-31"}
	s := &Session{Title: "S", SiteID: "x", Date: "2026-11-01", StartTime: "09:30", LeadFacilitatorID: "a", Status: SessionPlanned}
	err := s.Validate(p)
	var de *Error
	if !errors.As(err, &de) || !strings.Contains(de.Fields["date"], "within the programme") {
		t.Fatalf("err = %v", err)
	}
	s.Date = "2026-10-31"
	if err := s.Validate(p); err != nil {
		t.Fatal(err)
	}
	s.CoFacilitatorID = "a"
	if err := s.Validate(p); err == nil {
		t.Fatal("lead as own co-facilitator accepted")
	}
}

func TestTextProblems(t *testing.T) {
	cases := map[string]bool{
		"ordinary text":          true,
		"line one\nline two":     true,
		"bad \xff":               false,
		"hidden \u202e override": false,
		"bell \a":                false,
		strings.Repeat("x", 11):  false,
	}
	for s, ok := range cases {
		if got := TextProblem(s, 10+len(s)*btoi(ok)) == ""; got != ok {
			t.Errorf("%q: ok = %v, want %v", s, got, ok)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestErrorsCarryCodeAndSafeMessage(t *testing.T) {
	err := Errorf(ENotFound, "The session was not found.")
	if !errors.Is(err, ErrNotFound) || ErrorCode(err) != ENotFound || ErrorMessage(err) != "The session was not found." {
		t.Fatal("domain error")
	}
	other := errors.New("pq: connection reset at 10.0.0.1")
	if ErrorCode(other) != EInternal || strings.Contains(ErrorMessage(other), "10.0.0.1") {
		t.Fatal("internal error leaks detail")
	}
}

func TestIDsAreUUIDv7AndOrdered(t *testing.T) {
	a, b := NewID(), NewID()
	if !ValidID(a) || a[14] != '7' || a >= b {
		t.Fatalf("ids %s %s", a, b)
	}
}
