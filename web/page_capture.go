package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/importer"
	"peervoice/policy"
)

// captureData is the keyboard-first capture page of one session: a form
// per printed sheet, the vote grid, and what has been captured so far.
type captureData struct {
	Programme *domain.Programme
	Session   *domain.Session
	Action    string
	// Activities, DebateActivities, DotActivities and RankActivities are
	// the plan's activities each form may choose from.
	Activities, DebateActivities, DotActivities, RankActivities []Option
	Areas                                                       []Option
	Statements                                                  []string
	Grid                                                        []gridRow
	Form                                                        captureForm
	// LineErrors are the problems of each section, by section.
	LineErrors map[string][]lineProblem
	// Saved is the section just saved, so the script can drop its draft.
	Saved   string
	Summary captureSummary
}

// gridRow is one participant's row of the statement vote grid.
type gridRow struct {
	Code  string
	Cells []gridCell
}

// gridCell is one input of the vote grid.
type gridCell struct {
	ID, Statement, Value, Label, Error string
}

// captureForm is everything the capture forms send; only the fields of the
// section being saved are read.
type captureForm struct {
	Section                string
	Activity, Area, Lines  string
	DebateActivity, Debate string
	RankActivity, Rankings string
	DotActivity, Dots      string
	Votes                  map[string]string
}

func readCaptureForm(r *http.Request) captureForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := captureForm{Section: v("section"), Activity: v("activity"), Area: v("area"), Lines: r.PostFormValue("lines"),
		DebateActivity: v("debate_activity"), Debate: r.PostFormValue("debate"), RankActivity: v("rank_activity"),
		Rankings: r.PostFormValue("rankings"), DotActivity: v("dot_activity"), Dots: r.PostFormValue("dots"), Votes: map[string]string{}}
	for k, vs := range r.PostForm {
		if strings.HasPrefix(k, "v-") && len(vs) > 0 {
			f.Votes[k] = vs[0]
		}
	}
	return f
}

// Validate checks the form's own rules: a known section with something in
// it, and an activity where the section needs one.
func (f captureForm) Validate() *Errors {
	e := &Errors{}
	need := map[string][2]string{secContributions: {f.Activity, "activity"}, secDebate: {f.DebateActivity, "debate_activity"},
		secRankings: {f.RankActivity, "rank_activity"}, secDots: {f.DotActivity, "dot_activity"}}
	if _, ok := captureSections[f.Section]; !ok {
		e.Add("", "Choose a section of the capture sheets to save.")
		return e
	}
	if n, ok := need[f.Section]; ok && n[0] == "" {
		e.Add(n[1], "Choose the activity from the run sheet.")
	}
	if f.empty() {
		e.Add(f.Section, "Type at least one line before saving.")
	}
	return e
}

// empty reports whether the section being saved has nothing typed.
func (f captureForm) empty() bool {
	switch f.Section {
	case secContributions:
		return strings.TrimSpace(f.Lines) == ""
	case secDebate:
		return strings.TrimSpace(f.Debate) == ""
	case secRankings:
		return strings.TrimSpace(f.Rankings) == ""
	case secDots:
		return strings.TrimSpace(f.Dots) == ""
	}
	for _, v := range f.Votes {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// captureSession loads a session the actor may capture contributions for:
// its facilitators and the programme's coordinators.
func (s *Server) captureSession(r *http.Request) (*domain.Programme, *domain.Session, error) {
	p, x, err := s.visibleSession(r, policy.Session)
	if err != nil {
		return nil, nil, err
	}
	if !policy.Allowed(current(r).actor, policy.Write, policy.OfSession(policy.Contribution, x)) {
		return nil, nil, errNotFound
	}
	return p, x, nil
}

func (s *Server) capturePage(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.captureSession(r)
	if err != nil {
		return err
	}
	return s.renderCapture(w, r, p, x, captureForm{Votes: map[string]string{}}, nil, nil)
}

func (s *Server) renderCapture(w http.ResponseWriter, r *http.Request, p *domain.Programme, x *domain.Session, f captureForm, e *Errors, b *Banner) error {
	d, err := s.captureData(r, p, x, f)
	if err != nil {
		return err
	}
	if e != nil {
		d.LineErrors = lineErrorsOf(e, f.Section)
	} else if b != nil {
		d.Saved = f.Section
	}
	markGridErrors(d.Grid, e)
	v := s.view(r, "Type up: "+x.Title, d)
	v.Back, v.Banner = sessionPath(p, x), b
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "capture", v)
}

func (s *Server) captureSave(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.captureSession(r)
	if err != nil {
		return err
	}
	f := readCaptureForm(r)
	if e := f.Validate(); e.Any() {
		return s.renderCapture(w, r, p, x, f, e, nil)
	}
	t, err := s.typedSection(r, x, f)
	if err != nil {
		return err
	}
	res, err := s.importTyped(r, x, t)
	var fe *importer.FileError
	if errors.As(err, &fe) || len(t.problems) > 0 {
		return s.renderCapture(w, r, p, x, f, t.errors(fe), nil)
	}
	if err != nil {
		return err
	}
	if err := s.record(r, audit.ActionCreate, audit.ResourceContribution, x.ID, p.ID); err != nil {
		return err
	}
	kept := captureForm{Section: f.Section, Activity: f.Activity, Area: f.Area, DebateActivity: f.DebateActivity,
		RankActivity: f.RankActivity, DotActivity: f.DotActivity, Votes: map[string]string{}}
	return s.renderCapture(w, r, p, x, kept, nil, savedBanner(f.Section, res))
}

// typedSection parses the section being saved into capture rows.
func (s *Server) typedSection(r *http.Request, x *domain.Session, f captureForm) (*typed, error) {
	t := newTyped(x.ID, x.CheckCode)
	switch f.Section {
	case secContributions:
		parseContributions(t, f)
	case secDebate:
		parseDebate(t, f)
	case secRankings:
		parseRankings(t, f)
	case secDots:
		parseDots(t, f)
	case secVotes:
		tmpl, err := s.captureTemplate(r, x)
		if err != nil {
			return nil, err
		}
		parseVotes(t, f, voteGrid(tmpl, nil))
	}
	return t, nil
}

// errors merges the lines that could not be read with the importer's
// problems, each placed at its line or cell.
func (t *typed) errors(fe *importer.FileError) *Errors {
	all := t.problems
	if fe != nil {
		for _, p := range fe.Problems {
			all = append(all, t.place(p))
		}
	}
	e := &Errors{}
	seen := map[string]int{}
	for _, p := range all {
		key := p.Field
		if n := seen[p.Field]; n > 0 {
			key = p.Field + "-problem-" + strconv.Itoa(n)
		}
		seen[p.Field]++
		e.Add(key, p.Label+": "+p.Message)
	}
	return e
}

// place finds the line or cell an importer problem is about.
func (t *typed) place(p importer.Problem) lineProblem {
	msg := strings.TrimSuffix(p.Message, ".")
	if p.Row < 1 || p.Row > len(t.origins) {
		return lineProblem{origin: origin{Label: "The session"}, Message: msg}
	}
	return lineProblem{origin: t.origins[p.Row-1], Message: msg}
}

// lineErrorsOf lists a section's messages for display beside its field;
// each has the ID the error summary links to.
func lineErrorsOf(e *Errors, section string) map[string][]lineProblem {
	out := map[string][]lineProblem{}
	for _, fe := range e.List() {
		if fe.Field == section || strings.HasPrefix(fe.Field, section+"-problem-") {
			out[section] = append(out[section], lineProblem{origin: origin{Field: fe.Field}, Message: fe.Message})
		}
	}
	return out
}

// markGridErrors puts each cell's problem on the cell.
func markGridErrors(grid []gridRow, e *Errors) {
	for i := range grid {
		for j := range grid[i].Cells {
			grid[i].Cells[j].Error = e.Get(grid[i].Cells[j].ID)
		}
	}
}

func savedBanner(section string, res *importer.CaptureResult) *Banner {
	k := res.Contributions
	switch section {
	case secDebate:
		k = res.DebateVotes
	case secVotes:
		k = res.StatementVotes
	case secDots:
		k = res.DotVotes
	case secRankings:
		k = res.Rankings
	}
	text := strconv.Itoa(k.Added) + " added, " + strconv.Itoa(k.Updated) + " changed, " + strconv.Itoa(k.Skipped) + " already saved."
	if res.Flagged > 0 {
		text += " " + strconv.Itoa(res.Flagged) + " held for the safeguarding lead."
	}
	return &Banner{Success: true, Heading: "Saved " + captureSections[section], Text: text}
}

// captureLinks are the session page's links to type up or upload its
// sheets, for those who may capture it.
func captureLinks(actor policy.Actor, p *domain.Programme, x *domain.Session) []Cell {
	if !policy.Allowed(actor, policy.Write, policy.OfSession(policy.Contribution, x)) {
		return nil
	}
	base := sessionPath(p, x)
	return []Cell{{Text: "Type up the session sheets", Href: base + "/capture"}, {Text: "Upload a capture file (CSV or spreadsheet)", Href: base + "/upload"}}
}
