package domain

import "time"

// Code is an entry in a strategic area's coding frame, applied by analysts
// to contributions.
type Code struct {
	ID          string `json:"id"`
	ProgrammeID string `json:"programme_id"`
	AreaID      string `json:"area_id,omitempty"`
	ParentID    string `json:"parent_id,omitempty"`
	Label       string `json:"label"`
	Description string `json:"description,omitempty"`
}

// Validate checks the code's own rules.
func (c *Code) Validate() error {
	pr := Problems{}
	requireText(pr, "label", c.Label, 120)
	checkText(pr, "description", c.Description, 2000)
	return pr.Err("The code")
}

// Finding is an analyst's statement of what participants said, linked to
// its evidence.
type Finding struct {
	ID          string    `json:"id"`
	ProgrammeID string    `json:"programme_id"`
	AreaID      string    `json:"area_id,omitempty"`
	Title       string    `json:"title"`
	Summary     string    `json:"summary"`
	CodeIDs     []string  `json:"code_ids,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

// Validate checks the finding's own rules.
func (f *Finding) Validate() error {
	pr := Problems{}
	requireText(pr, "title", f.Title, 300)
	checkText(pr, "summary", f.Summary, 20_000)
	return pr.Err("The finding")
}

// Recommendation is what the programme asks decision-makers to do.
type Recommendation struct {
	ID          string `json:"id"`
	ProgrammeID string `json:"programme_id"`
	FindingID   string `json:"finding_id,omitempty"`
	Text        string `json:"text"`
	Priority    int    `json:"priority"`
}

// Validate checks the recommendation's own rules.
func (r *Recommendation) Validate() error {
	pr := Problems{}
	requireText(pr, "text", r.Text, 5000)
	if r.Priority < 0 {
		pr.Add("priority", "Priority cannot be negative.")
	}
	return pr.Err("The recommendation")
}

// ResponseStatus is a decision-maker's answer to a recommendation.
type ResponseStatus string

// Response statuses.
const (
	ResponseAccepted      ResponseStatus = "accepted"
	ResponsePartly        ResponseStatus = "partly_accepted"
	ResponseNotAccepted   ResponseStatus = "not_accepted"
	ResponseConsideration ResponseStatus = "under_consideration"
)

// Response records a decision-maker's answer to a recommendation.
type Response struct {
	ID               string         `json:"id"`
	RecommendationID string         `json:"recommendation_id"`
	Status           ResponseStatus `json:"status"`
	Rationale        string         `json:"rationale"`
	Owner            string         `json:"owner"`
	DueDate          Date           `json:"due_date,omitempty"`
	CreatedAt        time.Time      `json:"created_at"`
}

// Validate checks the response's own rules.
func (r *Response) Validate() error {
	pr := Problems{}
	switch r.Status {
	case ResponseAccepted, ResponsePartly, ResponseNotAccepted, ResponseConsideration:
	default:
		pr.Add("status", "Choose accepted, partly accepted, not accepted or under consideration.")
	}
	checkText(pr, "rationale", r.Rationale, 10_000)
	checkText(pr, "owner", r.Owner, 200)
	if r.DueDate != "" && !r.DueDate.Valid() {
		pr.Add("due_date", "Enter the due date as a date.")
	}
	return pr.Err("The response")
}

// Meeting is a meeting with decision-makers where findings were presented.
type Meeting struct {
	ID             string   `json:"id"`
	ProgrammeID    string   `json:"programme_id"`
	Date           Date     `json:"date"`
	Officials      []string `json:"officials"`
	Themes         []string `json:"themes"`
	FacilitatorIDs []string `json:"facilitator_ids"`
	Actions        string   `json:"actions"`
}

// Validate checks the meeting's own rules.
func (m *Meeting) Validate() error {
	pr := Problems{}
	if !m.Date.Valid() {
		pr.Add("date", "Enter the date of the meeting.")
	}
	checkText(pr, "actions", m.Actions, 10_000)
	return pr.Err("The meeting")
}
