package domain

import (
	"time"

	"github.com/google/uuid"
)

// NewID returns a UUIDv7: time-ordered and made without coordination, so a
// field laptop can create records offline that later merge centrally.
func NewID() string {
	return uuid.Must(uuid.NewV7()).String()
}

// ValidID reports whether s is a UUID in canonical form.
func ValidID(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}

// Date is a calendar day with no time zone, written YYYY-MM-DD.
type Date string

// DateLayout is the one format dates are written in.
const DateLayout = "2006-01-02"

// ParseDate checks and normalises a YYYY-MM-DD date.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return "", Errorf(EInvalid, "%q is not a date in the form YYYY-MM-DD.", s)
	}
	return Date(t.Format(DateLayout)), nil
}

// Valid reports whether d is a real YYYY-MM-DD date.
func (d Date) Valid() bool {
	_, err := time.Parse(DateLayout, string(d))
	return err == nil
}

// Time returns d as midnight UTC.
func (d Date) Time() time.Time {
	t, _ := time.Parse(DateLayout, string(d))
	return t
}

// DateOf returns the calendar day of t in UTC.
func DateOf(t time.Time) Date { return Date(t.UTC().Format(DateLayout)) }

// AddDays returns the date n days after d.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Before reports whether d is strictly before e. Dates in the one layout
// compare correctly as strings.
func (d Date) Before(e Date) bool { return d < e }
