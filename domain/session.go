package domain

import (
	"regexp"
	"time"
)

// SessionStatus is where a session is in its life.
type SessionStatus string

// Session statuses.
const (
	SessionPlanned   SessionStatus = "planned"
	SessionDelivered SessionStatus = "delivered"
	SessionCancelled SessionStatus = "cancelled"
)

// Session is one visit to a site, run by peer facilitators.
type Session struct {
	ID                string        `json:"id"`
	ProgrammeID       string        `json:"programme_id"`
	SiteID            string        `json:"site_id"`
	Title             string        `json:"title"`
	Date              Date          `json:"date"`
	StartTime         string        `json:"start_time"`
	EndTime           string        `json:"end_time"`
	LeadFacilitatorID string        `json:"lead_facilitator_id"`
	CoFacilitatorID   string        `json:"co_facilitator_id,omitempty"`
	TargetGroup       string        `json:"target_group"`
	Status            SessionStatus `json:"status"`
	CheckCode         string        `json:"check_code"`
	CreatedAt         time.Time     `json:"created_at"`
}

var clockRE = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// Validate checks the session against its own rules and its programme's dates.
func (s *Session) Validate(p *Programme) error {
	pr := Problems{}
	requireText(pr, "title", s.Title, 200)
	if s.SiteID == "" {
		pr.Add("site_id", "Choose the site.")
	}
	switch {
	case !s.Date.Valid():
		pr.Add("date", "Enter the date of the session.")
	case p != nil && !p.Contains(s.Date):
		pr.Add("date", "The session date must fall within the programme ("+string(p.StartDate)+" to "+string(p.EndDate)+").")
	}
	if !clockRE.MatchString(s.StartTime) {
		pr.Add("start_time", "Enter the start time as HH:MM, for example 09:30.")
	}
	if s.EndTime != "" && (!clockRE.MatchString(s.EndTime) || s.EndTime <= s.StartTime) {
		pr.Add("end_time", "Enter an end time after the start time, as HH:MM.")
	}
	if s.LeadFacilitatorID == "" {
		pr.Add("lead_facilitator_id", "Choose a lead peer facilitator.")
	} else if s.CoFacilitatorID == s.LeadFacilitatorID {
		pr.Add("co_facilitator_id", "The co-facilitator must be a different person from the lead.")
	}
	checkText(pr, "target_group", s.TargetGroup, 200)
	switch s.Status {
	case SessionPlanned, SessionDelivered, SessionCancelled:
	default:
		pr.Add("status", "Choose planned, delivered or cancelled.")
	}
	return pr.Err("The session")
}

// SessionCheckCode derives the short code printed on every sheet of a
// session's pack, so typed-up sheets match their session without ambiguity.
func SessionCheckCode(sessionID string) string {
	var h uint32 = 2166136261
	for i := 0; i < len(sessionID); i++ {
		h ^= uint32(sessionID[i])
		h *= 16777619
	}
	b := make([]byte, 0, 5)
	for range 4 {
		b = append(b, CodeAlphabet[h%uint32(len(CodeAlphabet))])
		h /= uint32(len(CodeAlphabet))
	}
	return string(append(b, CheckChar(string(b))))
}

// ActivityKind is an activity from the library a session plan is built from.
type ActivityKind string

// The activity library.
const (
	ActivityDebate         ActivityKind = "debate"
	ActivityTeamWork       ActivityKind = "team_work"
	ActivityPresentation   ActivityKind = "presentation"
	ActivityStatementCards ActivityKind = "statement_cards"
	ActivityDotPriorities  ActivityKind = "dot_priorities"
	ActivityDiscussion     ActivityKind = "open_discussion"
)

// ActivityKinds lists the library in display order with labels.
var ActivityKinds = []struct {
	Kind  ActivityKind
	Label string
}{
	{ActivityDebate, "Debate on a motion"},
	{ActivityTeamWork, "Team work"},
	{ActivityPresentation, "Team presentations"},
	{ActivityStatementCards, "Statement cards"},
	{ActivityDotPriorities, "Dot priorities"},
	{ActivityDiscussion, "Open discussion"},
}

// Activity is one step of a session's plan.
type Activity struct {
	ID        string       `json:"id"`
	SessionID string       `json:"session_id"`
	Kind      ActivityKind `json:"kind"`
	AreaID    string       `json:"area_id,omitempty"`
	Title     string       `json:"title"`
	Prompt    string       `json:"prompt,omitempty"`
	Minutes   int          `json:"minutes"`
	Position  int          `json:"position"`
}

// Validate checks the activity's own rules.
func (a *Activity) Validate() error {
	pr := Problems{}
	known := false
	for _, k := range ActivityKinds {
		known = known || k.Kind == a.Kind
	}
	if !known {
		pr.Add("kind", "Choose an activity from the library.")
	}
	requireText(pr, "title", a.Title, 300)
	checkText(pr, "prompt", a.Prompt, 2000)
	if a.Minutes < 1 || a.Minutes > 480 {
		pr.Add("minutes", "Enter a length between 1 and 480 minutes.")
	}
	return pr.Err("The activity")
}
