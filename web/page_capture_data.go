package web

import (
	"context"
	"net/http"
	"strconv"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/importer"
	"peervoice/privacy/intake"
	"peervoice/privacy/redact"
)

// captureSummary is what has been captured for a session so far, to tick
// off against the printed sheets, which carry the same check code.
// Flagged contributions are only counted: their text stays with the
// safeguarding lead.
type captureSummary struct {
	CheckCode string
	Rows      []SummaryRow
}

func (s *Server) captureData(r *http.Request, p *domain.Programme, x *domain.Session, f captureForm) (captureData, error) {
	d := captureData{Programme: p, Session: x, Action: sessionPath(p, x) + "/capture", Form: f}
	t, err := s.captureTemplate(r, x)
	if err != nil {
		return d, err
	}
	d.Activities, d.DebateActivities, d.DotActivities, d.RankActivities = activityOptions(t.Activities)
	d.Areas = []Option{{Value: "", Text: "The activity's own area"}}
	for _, a := range t.Areas {
		d.Areas = append(d.Areas, Option{Value: a.Key, Text: a.Name})
	}
	votes, err := s.store.Votes(r.Context(), p.ID)
	if err != nil {
		return d, err
	}
	d.Grid = voteGrid(t, votes)
	for _, st := range t.Statements {
		d.Statements = append(d.Statements, "S"+strconv.Itoa(st.Number))
	}
	fillTyped(d.Grid, f.Votes)
	d.Summary, err = s.captureSummary(r.Context(), x, t, votes)
	if err != nil {
		return d, err
	}
	// The grid shows participants' saved votes: contribution-level data.
	return d, s.record(r, audit.ActionRead, audit.ResourceContribution, x.ID, p.ID)
}

// captureTemplate is what the printed sheets were made from; when the plan
// links statements to its statement-card activities, the grid is just
// those statements.
func (s *Server) captureTemplate(r *http.Request, x *domain.Session) (*importer.Template, error) {
	t, err := importer.LoadTemplate(r.Context(), s.store, x.ID)
	if err != nil {
		return nil, err
	}
	rs, err := s.run()
	if err != nil {
		return nil, err
	}
	links, err := rs.ActivityStatements(r.Context(), x.ID)
	if err != nil {
		return nil, err
	}
	linked := map[string]bool{}
	for _, ids := range links {
		for _, id := range ids {
			linked[id] = true
		}
	}
	if len(linked) > 0 {
		var keep []domain.Statement
		for _, st := range t.Statements {
			if linked[st.ID] {
				keep = append(keep, st)
			}
		}
		t.Statements = keep
	}
	return t, nil
}

// activityOptions lists the plan's activities for each form: any activity
// for contributions and rankings, debates and dot priorities for theirs.
func activityOptions(as []domain.Activity) (all, debates, dots, ranks []Option) {
	prompt := Option{Value: "", Text: "Choose the activity"}
	all, debates, dots, ranks = []Option{prompt}, []Option{prompt}, []Option{prompt}, []Option{prompt}
	for _, a := range as {
		o := Option{Value: "A" + strconv.Itoa(a.Position), Text: "A" + strconv.Itoa(a.Position) + ": " + a.Title}
		all = append(all, o)
		switch a.Kind {
		case domain.ActivityDebate:
			debates = append(debates, o)
		case domain.ActivityDotPriorities:
			dots = append(dots, o)
		case domain.ActivityTeamWork, domain.ActivityPresentation:
			ranks = append(ranks, o)
		}
	}
	if len(ranks) == 1 {
		ranks = all
	}
	return all, debates, dots, ranks
}

// voteGrid is the participants × statements grid, filled with saved votes.
func voteGrid(t *importer.Template, votes []domain.Vote) []gridRow {
	saved := map[string]int{}
	for _, v := range votes {
		saved[v.StatementID+"|"+v.ParticipantID] = v.Value
	}
	letter := map[int]string{domain.Agree: "a", domain.Disagree: "d", domain.Pass: "p"}
	rows := make([]gridRow, 0, len(t.Participants))
	for _, pt := range t.Participants {
		row := gridRow{Code: pt.Code}
		for _, st := range t.Statements {
			sid := "S" + strconv.Itoa(st.Number)
			c := gridCell{ID: "v-" + pt.Code + "-" + sid, Statement: sid, Label: pt.Code + " on " + sid}
			if v, ok := saved[st.ID+"|"+pt.ID]; ok {
				c.Value = letter[v]
			}
			row.Cells = append(row.Cells, c)
		}
		rows = append(rows, row)
	}
	return rows
}

// fillTyped puts what was typed back in the grid after a refused save.
func fillTyped(grid []gridRow, typed map[string]string) {
	for i := range grid {
		for j := range grid[i].Cells {
			if v, ok := typed[grid[i].Cells[j].ID]; ok {
				grid[i].Cells[j].Value = v
			}
		}
	}
}

func (s *Server) captureSummary(ctx context.Context, x *domain.Session, t *importer.Template, votes []domain.Vote) (captureSummary, error) {
	sum := captureSummary{CheckCode: x.CheckCode}
	cs, err := s.store.Contributions(ctx, domain.ContributionFilter{ProgrammeID: x.ProgrammeID, SessionID: x.ID, IncludeFlagged: true})
	if err != nil {
		return sum, err
	}
	flagged := 0
	for _, c := range cs {
		if c.Flagged {
			flagged++
		}
	}
	debate, dots, err := s.activityCounts(ctx, t.Activities)
	if err != nil {
		return sum, err
	}
	sum.Rows = []SummaryRow{{"Check code", x.CheckCode}, {"Contributions", strconv.Itoa(len(cs) - flagged)},
		{"Held for the safeguarding lead", strconv.Itoa(flagged)}, {"Debate votes", debate},
		{"Statement votes", strconv.Itoa(sessionVotes(t, votes))}, {"Dot priorities", dots}}
	rankings, err := s.sessionRankings(ctx, x)
	n := 0
	for _, g := range rankings {
		n += len(g.Ideas)
	}
	sum.Rows = append(sum.Rows, SummaryRow{"Team rankings", strconv.Itoa(n)})
	return sum, err
}

// activityCounts totals the debate votes and dots of the plan's activities.
func (s *Server) activityCounts(ctx context.Context, as []domain.Activity) (debate, dots string, err error) {
	var nDebate, nDots, nOptions int
	for _, a := range as {
		switch a.Kind {
		case domain.ActivityDebate:
			vs, err := s.store.DebateVotes(ctx, a.ID)
			if err != nil {
				return "", "", err
			}
			for _, v := range vs {
				nDebate += v.Count
			}
		case domain.ActivityDotPriorities:
			vs, err := s.store.DotVotes(ctx, a.ID)
			if err != nil {
				return "", "", err
			}
			for _, v := range vs {
				nDots += v.Dots
			}
			nOptions += len(vs)
		}
	}
	return strconv.Itoa(nDebate), strconv.Itoa(nDots) + " dots on " + strconv.Itoa(nOptions) + " option" + plural(nOptions), nil
}

// sessionVotes counts the grid's saved votes.
func sessionVotes(t *importer.Template, votes []domain.Vote) int {
	in := map[string]bool{}
	for _, st := range t.Statements {
		for _, pt := range t.Participants {
			in[st.ID+"|"+pt.ID] = true
		}
	}
	n := 0
	for _, v := range votes {
		if in[v.StatementID+"|"+v.ParticipantID] {
			n++
		}
	}
	return n
}

// pipeline is the programme's privacy pipeline, with its allow and deny
// lists when the privacy pages are wired.
func (s *Server) pipeline(ctx context.Context, programmeID string) (*intake.Pipeline, error) {
	if s.privacy.Store == nil {
		return intake.New(redact.Options{}), nil
	}
	return intake.ForProgramme(ctx, s.privacy.Store, programmeID)
}

// importCapture imports a capture through the privacy pipeline, then
// finishes the intake of the contributions it added.
func (s *Server) importCapture(r *http.Request, x *domain.Session, c *importer.Capture, dryRun bool) (*importer.CaptureResult, error) {
	pipe, err := s.pipeline(r.Context(), x.ProgrammeID)
	if err != nil {
		return nil, err
	}
	ri := intake.NewRecorder(pipe)
	res, err := importer.ImportCapture(r.Context(), s.store, c, importer.CaptureOptions{SessionID: x.ID, Pipeline: ri, DryRun: dryRun})
	if err != nil || dryRun {
		return res, err
	}
	res.Flagged, err = s.afterIntake(r, x, ri)
	return res, err
}

// importTyped imports a typed section; with lines that could not be read
// it only checks the rest, so that every problem shows at once.
func (s *Server) importTyped(r *http.Request, x *domain.Session, t *typed) (*importer.CaptureResult, error) {
	if len(t.origins) == 0 {
		return &importer.CaptureResult{}, nil
	}
	return s.importCapture(r, x, t.capture, len(t.problems) > 0)
}

// afterIntake seals raw text and opens concerns for the contributions the
// import added, and counts how many of them were flagged. Should it fail,
// the queue's sweep (OpenMissing) still opens the concerns.
func (s *Server) afterIntake(r *http.Request, x *domain.Session, ri *intake.Recorder) (int, error) {
	if ri.Len() == 0 {
		return 0, nil
	}
	cs, err := s.store.Contributions(r.Context(), domain.ContributionFilter{ProgrammeID: x.ProgrammeID, SessionID: x.ID, IncludeFlagged: true})
	if err != nil {
		return 0, err
	}
	var after intake.AfterIntaker
	if s.privacy.Safeguarding != nil {
		after = s.privacy.Safeguarding
	}
	return ri.Finish(actorContext(r), after, cs)
}
