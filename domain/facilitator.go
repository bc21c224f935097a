package domain

import (
	"net/mail"
	"time"
)

// Facilitator is a peer facilitator: a person with lived experience of the
// justice system who runs sessions. LivedExperience is a private note that
// only coordinators see.
type Facilitator struct {
	ID              string    `json:"id"`
	Name            string    `json:"name"`
	Email           string    `json:"email"`
	LivedExperience string    `json:"lived_experience,omitempty"`
	CreatedAt       time.Time `json:"created_at"`
}

// Validate checks the facilitator's own rules.
func (f *Facilitator) Validate() error {
	pr := Problems{}
	requireText(pr, "name", f.Name, 200)
	if !ValidEmail(f.Email) {
		pr.Add("email", "Enter an email address in the correct format, like name@example.org.")
	}
	checkText(pr, "lived_experience", f.LivedExperience, 2000)
	return pr.Err("The facilitator")
}

// ValidEmail reports whether s is a bare email address.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && len(s) <= 254
}
