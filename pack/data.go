// Package pack builds the printable session pack: a run sheet, an easy-read
// participant information sheet, a consent form and the capture sheets a
// facilitator fills in on paper. Load gathers what a pack needs from the
// store into Data; Render turns Data into a PDF. The web download and the
// CLI both use the pair.
package pack

import (
	"context"
	"fmt"
	"strings"
	"time"

	"peervoice/domain"
)

// Reader is the part of the store a pack is loaded from. domain.Store
// satisfies it.
type Reader interface {
	Programme(ctx context.Context, id string) (*domain.Programme, error)
	Programmes(ctx context.Context) ([]domain.Programme, error)
	Areas(ctx context.Context, programmeID string) ([]domain.StrategicArea, error)
	Sites(ctx context.Context, programmeID string) ([]domain.Site, error)
	Facilitators(ctx context.Context) ([]domain.Facilitator, error)
	Session(ctx context.Context, id string) (*domain.Session, error)
	Sessions(ctx context.Context, programmeID string) ([]domain.Session, error)
	Activities(ctx context.Context, sessionID string) ([]domain.Activity, error)
	Participants(ctx context.Context, programmeID string) ([]domain.Participant, error)
	Statements(ctx context.Context, programmeID string) ([]domain.Statement, error)
}

// AttendanceReader is implemented by a store that can say who attended a
// session. domain.Store does not require it yet, so Load uses it when it is
// there and otherwise pre-prints the site's participants.
type AttendanceReader interface {
	// Attendees returns the IDs of the participants recorded at a session.
	Attendees(ctx context.Context, sessionID string) ([]string, error)
}

// BlankRows is how many empty rows capture sheets add for people who are
// not pre-printed (new participants, late arrivals).
const BlankRows = 6

// Data is everything a session pack shows.
type Data struct {
	Programme domain.Programme
	Session   domain.Session
	Site      domain.Site
	// Lead and CoFacilitator are names; CoFacilitator may be "".
	Lead          string
	CoFacilitator string
	Activities    []Step
	// Areas are the strategic areas the session's activities cover, in
	// programme order.
	Areas []domain.StrategicArea
	// Codes are the participant codes pre-printed on the capture sheets.
	Codes []string
	// Attended says Codes are the recorded attendees rather than everyone
	// at the site.
	Attended   bool
	Statements []domain.Statement
	// Generated is when the pack was made, printed on the run sheet.
	Generated time.Time
}

// Step is one activity of the plan with its clock times.
type Step struct {
	domain.Activity
	Start, End string // HH:MM
	Label      string // the activity kind's label, "Debate on a motion"
	AreaName   string
}

// CheckCode is the short code printed on every sheet.
func (d *Data) CheckCode() string { return domain.SessionCheckCode(d.Session.ID) }

// ShortID is the short form of the session ID printed in page headers.
func (d *Data) ShortID() string { return ShortID(d.Session.ID) }

// ShortID returns the last eight characters of a session ID. The start of
// a UUIDv7 is a timestamp, shared by sessions created together; the end is
// random, so it tells sessions apart.
func ShortID(id string) string {
	if len(id) <= 8 {
		return id
	}
	return id[len(id)-8:]
}

// Load gathers a session's pack data from the store.
func Load(ctx context.Context, r Reader, sessionID string) (*Data, error) {
	s, err := r.Session(ctx, sessionID)
	if err != nil {
		return nil, fmt.Errorf("pack: load session: %w", err)
	}
	p, err := r.Programme(ctx, s.ProgrammeID)
	if err != nil {
		return nil, fmt.Errorf("pack: load programme: %w", err)
	}
	d := &Data{Programme: *p, Session: *s, Generated: time.Now().UTC()}
	loaders := []func(context.Context, Reader, *Data) error{loadSite, loadFacilitators, loadPlan, loadCodes, loadStatements}
	for _, load := range loaders {
		if err := load(ctx, r, d); err != nil {
			return nil, fmt.Errorf("pack: session %s: %w", s.ID, err)
		}
	}
	return d, nil
}

func loadSite(ctx context.Context, r Reader, d *Data) error {
	sites, err := r.Sites(ctx, d.Programme.ID)
	if err != nil {
		return err
	}
	for _, s := range sites {
		if s.ID == d.Session.SiteID {
			d.Site = s
			return nil
		}
	}
	return domain.Errorf(domain.ENotFound, "The site of session %s was not found.", d.Session.ID)
}

func loadFacilitators(ctx context.Context, r Reader, d *Data) error {
	fs, err := r.Facilitators(ctx)
	if err != nil {
		return err
	}
	for _, f := range fs {
		switch f.ID {
		case d.Session.LeadFacilitatorID:
			d.Lead = f.Name
		case d.Session.CoFacilitatorID:
			d.CoFacilitator = f.Name
		}
	}
	return nil
}

// loadPlan times the activities and collects the areas they cover.
func loadPlan(ctx context.Context, r Reader, d *Data) error {
	acts, err := r.Activities(ctx, d.Session.ID)
	if err != nil {
		return err
	}
	areas, err := r.Areas(ctx, d.Programme.ID)
	if err != nil {
		return err
	}
	d.Activities = Schedule(d.Session.StartTime, acts, areas)
	covered := map[string]bool{}
	for _, a := range acts {
		covered[a.AreaID] = true
	}
	for _, a := range areas {
		if covered[a.ID] {
			d.Areas = append(d.Areas, a)
		}
	}
	return nil
}

// Schedule gives each activity its start and end time, one after another
// from the session's start.
func Schedule(start string, acts []domain.Activity, areas []domain.StrategicArea) []Step {
	names := map[string]string{}
	for _, a := range areas {
		names[a.ID] = a.Name
	}
	clock := minutesOf(start)
	steps := make([]Step, len(acts))
	for i, a := range acts {
		steps[i] = Step{Activity: a, Start: clockOf(clock), End: clockOf(clock + a.Minutes),
			Label: kindLabel(a.Kind), AreaName: names[a.AreaID]}
		clock += a.Minutes
	}
	return steps
}

// minutesOf reads HH:MM as minutes after midnight; a malformed time counts
// as midnight, which the session's own validation already prevents.
func minutesOf(hhmm string) int {
	var h, m int
	if _, err := fmt.Sscanf(hhmm, "%d:%d", &h, &m); err != nil {
		return 0
	}
	return h*60 + m
}

// clockOf writes minutes after midnight as HH:MM, wrapping past midnight.
func clockOf(min int) string {
	min = ((min % 1440) + 1440) % 1440
	return fmt.Sprintf("%02d:%02d", min/60, min%60)
}

// Describe names the activity for the run sheet: its title, after the
// kind's label unless the title already starts with it.
func (s Step) Describe() string {
	if strings.HasPrefix(strings.ToLower(s.Title), strings.ToLower(s.Label)) {
		return s.Title
	}
	return s.Label + ": " + s.Title
}

func kindLabel(k domain.ActivityKind) string {
	for _, a := range domain.ActivityKinds {
		if a.Kind == k {
			return a.Label
		}
	}
	return string(k)
}

// loadCodes picks the codes to pre-print: the recorded attendees if the
// store can tell, otherwise everyone at the site. Withdrawn participants
// are never printed.
func loadCodes(ctx context.Context, r Reader, d *Data) error {
	ps, err := r.Participants(ctx, d.Programme.ID)
	if err != nil {
		return err
	}
	attended, err := attendees(ctx, r, d.Session.ID)
	if err != nil {
		return err
	}
	d.Attended = len(attended) > 0
	for _, p := range ps {
		if p.WithdrawnAt != nil {
			continue
		}
		if (d.Attended && attended[p.ID]) || (!d.Attended && p.SiteID == d.Site.ID) {
			d.Codes = append(d.Codes, p.Code)
		}
	}
	return nil
}

func attendees(ctx context.Context, r Reader, sessionID string) (map[string]bool, error) {
	ar, ok := r.(AttendanceReader)
	if !ok {
		return nil, nil
	}
	ids, err := ar.Attendees(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return set, nil
}

// loadStatements keeps the statements a statement-card activity would use:
// those not moderated out, on an area the session covers or on no area.
// If that leaves none, every statement not moderated out is offered.
func loadStatements(ctx context.Context, r Reader, d *Data) error {
	if !d.has(domain.ActivityStatementCards) {
		return nil
	}
	all, err := r.Statements(ctx, d.Programme.ID)
	if err != nil {
		return err
	}
	covered := map[string]bool{"": true}
	for _, a := range d.Areas {
		covered[a.ID] = true
	}
	var open []domain.Statement
	for _, s := range all {
		if s.Moderation == domain.ModeratedOut {
			continue
		}
		open = append(open, s)
		if covered[s.AreaID] {
			d.Statements = append(d.Statements, s)
		}
	}
	if len(d.Statements) == 0 {
		d.Statements = open
	}
	return nil
}

func (d *Data) has(k domain.ActivityKind) bool {
	for _, a := range d.Activities {
		if a.Kind == k {
			return true
		}
	}
	return false
}

// Resolve finds a session from its full ID, a unique prefix or suffix of it
// (at least 4 characters), or its check code.
func Resolve(ctx context.Context, r Reader, ref string) (*domain.Session, error) {
	ref = strings.ToLower(strings.TrimSpace(ref))
	if domain.ValidID(ref) {
		return r.Session(ctx, ref)
	}
	if len(ref) < 4 {
		return nil, domain.Errorf(domain.EInvalid, "Give at least 4 characters of the session ID, or its check code.")
	}
	matches, err := matchSessions(ctx, r, ref)
	if err != nil {
		return nil, fmt.Errorf("pack: resolve session %q: %w", ref, err)
	}
	switch len(matches) {
	case 0:
		return nil, domain.Errorf(domain.ENotFound, "No session ID starts or ends with %q, and no session has that check code.", ref)
	case 1:
		return &matches[0], nil
	}
	return nil, domain.Errorf(domain.EConflict, "%q matches %d sessions: give more of the ID.", ref, len(matches))
}

func matchSessions(ctx context.Context, r Reader, ref string) ([]domain.Session, error) {
	ps, err := r.Programmes(ctx)
	if err != nil {
		return nil, err
	}
	var out []domain.Session
	for _, p := range ps {
		ss, err := r.Sessions(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		for _, s := range ss {
			if strings.HasPrefix(s.ID, ref) || strings.HasSuffix(s.ID, ref) || strings.EqualFold(s.CheckCode, ref) {
				out = append(out, s)
			}
		}
	}
	return out, nil
}
