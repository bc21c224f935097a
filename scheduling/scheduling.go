// Package scheduling holds the rules for running sessions with peer
// facilitators: who is cleared to go into which site on which day, who is
// free, and which clearances and training are about to lapse. The rules are
// pure functions over facts loaded by the caller, so they are tested with
// tables and the web pages and store share one definition of "cleared".
package scheduling

import (
	"time"

	"peervoice/domain"
)

// ClearanceStatus is where a facilitator's security clearance for a site is.
type ClearanceStatus string

// Clearance statuses.
const (
	ClearanceRequested ClearanceStatus = "requested"
	ClearanceGranted   ClearanceStatus = "granted"
	ClearanceExpired   ClearanceStatus = "expired"
	ClearanceRefused   ClearanceStatus = "refused"
)

// ClearanceStatuses lists the statuses with labels, in display order.
var ClearanceStatuses = []struct {
	Status ClearanceStatus
	Label  string
}{
	{ClearanceRequested, "Requested"},
	{ClearanceGranted, "Granted"},
	{ClearanceExpired, "Expired"},
	{ClearanceRefused, "Refused"},
}

// Clearance is a facilitator's clearance to enter one site.
type Clearance struct {
	FacilitatorID string          `json:"facilitator_id"`
	SiteID        string          `json:"site_id"`
	Status        ClearanceStatus `json:"status"`
	// ExpiresOn is the last day the clearance is valid; "" means no expiry.
	ExpiresOn domain.Date `json:"expires_on,omitempty"`
}

// Validate checks the clearance's own rules.
func (c *Clearance) Validate() error {
	pr := domain.Problems{}
	if c.SiteID == "" {
		pr.Add("site_id", "Choose the site.")
	}
	if labelOf(c.Status) == "" {
		pr.Add("status", "Choose requested, granted, expired or refused.")
	}
	if c.ExpiresOn != "" && !c.ExpiresOn.Valid() {
		pr.Add("expires_on", "Enter the expiry date as a date, for example 2026-12-31.")
	}
	if c.Status == ClearanceGranted && c.ExpiresOn == "" {
		pr.Add("expires_on", "Enter the date a granted clearance expires.")
	}
	return pr.Err("The clearance")
}

// StatusLabel names a clearance status.
func StatusLabel(s ClearanceStatus) string { return labelOf(s) }

func labelOf(s ClearanceStatus) string {
	for _, cs := range ClearanceStatuses {
		if cs.Status == s {
			return cs.Label
		}
	}
	return ""
}

// ValidOn reports whether the clearance lets its holder into the site on d:
// granted, and not expired by then.
func (c Clearance) ValidOn(d domain.Date) bool {
	return c.Status == ClearanceGranted && (c.ExpiresOn == "" || !c.ExpiresOn.Before(d))
}

// TrainingKind is a course a facilitator must keep current.
type TrainingKind string

// Training kinds.
const (
	TrainingSafeguarding   TrainingKind = "safeguarding"
	TrainingFacilitation   TrainingKind = "facilitation"
	TrainingDataProtection TrainingKind = "data_protection"
)

// TrainingKinds lists the courses with labels, in display order.
var TrainingKinds = []struct {
	Kind  TrainingKind
	Label string
}{
	{TrainingSafeguarding, "Safeguarding"},
	{TrainingFacilitation, "Facilitation"},
	{TrainingDataProtection, "Data protection"},
}

// TrainingLabel names a training kind.
func TrainingLabel(k TrainingKind) string {
	for _, t := range TrainingKinds {
		if t.Kind == k {
			return t.Label
		}
	}
	return ""
}

// Training is one completed course with its expiry.
type Training struct {
	ID            string       `json:"id"`
	FacilitatorID string       `json:"facilitator_id"`
	Kind          TrainingKind `json:"kind"`
	CompletedOn   domain.Date  `json:"completed_on"`
	ExpiresOn     domain.Date  `json:"expires_on,omitempty"`
}

// Validate checks the training record's own rules.
func (t *Training) Validate() error {
	pr := domain.Problems{}
	if TrainingLabel(t.Kind) == "" {
		pr.Add("kind", "Choose safeguarding, facilitation or data protection.")
	}
	if !t.CompletedOn.Valid() {
		pr.Add("completed_on", "Enter the date the training was completed, for example 2026-06-30.")
	}
	switch {
	case t.ExpiresOn == "":
	case !t.ExpiresOn.Valid():
		pr.Add("training_expires_on", "Enter the expiry date as a date, for example 2027-06-30.")
	case t.CompletedOn.Valid() && t.ExpiresOn.Before(t.CompletedOn):
		pr.Add("training_expires_on", "The expiry date must be after the date the training was completed.")
	}
	return pr.Err("The training record")
}

// Unavailable is a day a facilitator cannot work.
type Unavailable struct {
	FacilitatorID string      `json:"facilitator_id"`
	Date          domain.Date `json:"date"`
}

// DayMonth writes a date as people say it in a sentence: 3 September.
func DayMonth(d domain.Date) string {
	if !d.Valid() {
		return string(d)
	}
	return d.Time().Format("2 January")
}

// Today is the calendar day of t in UTC, the day the rules count from.
func Today(t time.Time) domain.Date { return domain.DateOf(t) }
