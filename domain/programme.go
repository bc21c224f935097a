package domain

import (
	"regexp"
	"time"
)

// Programme is one engagement programme: a commission to hear from people in
// prison or on probation about a set of strategic areas.
type Programme struct {
	ID                   string    `json:"id"`
	Slug                 string    `json:"slug"`
	Title                string    `json:"title"`
	Commissioner         string    `json:"commissioner"`
	Purpose              string    `json:"purpose"`
	Template             string    `json:"template"`
	StartDate            Date      `json:"start_date"`
	EndDate              Date      `json:"end_date"`
	TargetParticipants   int       `json:"target_participants"`
	TargetSites          int       `json:"target_sites"`
	TargetSessions       int       `json:"target_sessions"`
	SuppressionThreshold int       `json:"suppression_threshold"`
	RetentionDays        int       `json:"retention_days"`
	WithdrawalCutoff     Date      `json:"withdrawal_cutoff,omitempty"`
	CreatedAt            time.Time `json:"created_at"`
}

// Defaults and limits for a programme.
const (
	DefaultThreshold     = 5
	MinThreshold         = 3
	DefaultRetentionDays = 365
	maxTarget            = 1_000_000
)

var slugRE = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$`)

// Validate checks the programme's own rules.
func (p *Programme) Validate() error {
	pr := Problems{}
	if !slugRE.MatchString(p.Slug) {
		pr.Add("slug", "Use lower-case letters, digits and hyphens, up to 64 characters.")
	}
	requireText(pr, "title", p.Title, 200)
	checkText(pr, "commissioner", p.Commissioner, 200)
	checkText(pr, "purpose", p.Purpose, 5000)
	if !p.StartDate.Valid() {
		pr.Add("start_date", "Enter a start date.")
	}
	if !p.EndDate.Valid() {
		pr.Add("end_date", "Enter an end date.")
	} else if p.StartDate.Valid() && p.EndDate.Before(p.StartDate) {
		pr.Add("end_date", "The end date must be on or after the start date.")
	}
	if p.WithdrawalCutoff != "" && !p.WithdrawalCutoff.Valid() {
		pr.Add("withdrawal_cutoff", "Enter the withdrawal cut-off as a date.")
	}
	if p.SuppressionThreshold < MinThreshold {
		pr.Add("suppression_threshold", "The suppression threshold must be 3 or more.")
	}
	if p.RetentionDays < 1 || p.RetentionDays > 3650 {
		pr.Add("retention_days", "Retention must be between 1 and 3650 days.")
	}
	checkCount(pr, "target_participants", p.TargetParticipants, maxTarget)
	checkCount(pr, "target_sites", p.TargetSites, maxTarget)
	checkCount(pr, "target_sessions", p.TargetSessions, maxTarget)
	return pr.Err("The programme")
}

// Contains reports whether d falls within the programme's dates.
func (p *Programme) Contains(d Date) bool {
	return !d.Before(p.StartDate) && !p.EndDate.Before(d)
}

// WithdrawalOpen reports whether a participant may still withdraw on day d
// with their data removed from analysis (after the cut-off, withdrawal is
// still recorded and honoured in future outputs).
func (p *Programme) WithdrawalOpen(d Date) bool {
	return p.WithdrawalCutoff == "" || !p.WithdrawalCutoff.Before(d)
}

// StrategicArea is a theme the programme asks about, with guiding questions.
type StrategicArea struct {
	ID          string   `json:"id"`
	ProgrammeID string   `json:"programme_id"`
	Key         string   `json:"key"`
	Name        string   `json:"name"`
	Questions   []string `json:"questions"`
	Position    int      `json:"position"`
}

var keyRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// Validate checks the area's own rules.
func (a *StrategicArea) Validate() error {
	pr := Problems{}
	if !keyRE.MatchString(a.Key) {
		pr.Add("key", "Use a short lower-case key such as \"safety\".")
	}
	requireText(pr, "name", a.Name, 120)
	for _, q := range a.Questions {
		checkText(pr, "questions", q, 500)
	}
	return pr.Err("The strategic area " + quoteName(a.Name))
}
