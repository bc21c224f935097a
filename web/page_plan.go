package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/pack"
	"peervoice/policy"
)

// planData is a session's plan, built from the activity library, with the
// form to add the next activity and the link to the printable pack.
type planData struct {
	Programme  *domain.Programme
	Session    *domain.Session
	Plan       Table
	CanEdit    bool
	PackHref   string
	Form       activityForm
	Kinds      []Option
	Areas      []Option
	Statements []Option
	// Changes are the plan's activities with their change, move and
	// remove controls (page_plan_change.go).
	Changes []planRow
}

// activityForm is what the add-activity form sends. Prompt is the motion
// of a debate, the prompt of team work, or the options of dot priorities
// (one a line); statement cards use StatementIDs and NewStatements.
type activityForm struct {
	Kind, AreaID, Title, Prompt, Minutes string
	StatementIDs                         map[string]bool
	NewStatements                        string
}

func readActivityForm(r *http.Request) activityForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := activityForm{Kind: v("kind"), AreaID: v("area_id"), Title: v("title"), Prompt: v("prompt"), Minutes: v("minutes"),
		NewStatements: v("new_statements"), StatementIDs: map[string]bool{}}
	_ = r.ParseForm()
	for _, id := range r.PostForm["statement_ids"] {
		f.StatementIDs[id] = true
	}
	return f
}

// planLines splits text into trimmed non-empty lines.
func planLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "-*•")); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Validate checks what each kind of activity needs, against the
// programme's areas and statements.
func (f activityForm) Validate(areas []domain.StrategicArea, sts []domain.Statement) (domain.Activity, *Errors) {
	e := &Errors{}
	a := domain.Activity{Kind: domain.ActivityKind(f.Kind), AreaID: f.AreaID, Title: f.Title, Prompt: f.Prompt}
	area, areaOK := findArea(areas, f.AreaID)
	if f.AreaID != "" && !areaOK {
		e.Add("area_id", "Choose one of the programme's strategic areas.")
	}
	if a.Title == "" {
		a.Title = kindTitle(a.Kind, area)
	}
	var err error
	if a.Minutes, err = strconv.Atoi(f.Minutes); err != nil {
		e.Add("minutes", "Enter how long the activity takes in minutes, like 30.")
	}
	f.checkKind(e, &a, area, areaOK, sts)
	if err := a.Validate(); err != nil {
		e.addDomain(err, "kind")
	}
	return a, e
}

// checkKind adds the problems particular to one kind of activity.
func (f activityForm) checkKind(e *Errors, a *domain.Activity, area domain.StrategicArea, areaOK bool, sts []domain.Statement) {
	switch a.Kind {
	case domain.ActivityDebate:
		if a.Prompt == "" {
			e.Add("prompt", "Enter the motion for the debate, for example \"This house believes prisons should be smaller\".")
		}
	case domain.ActivityTeamWork:
		if !areaOK {
			e.Add("area_id", "Choose the strategic area the teams work on.")
		} else if a.Prompt == "" && len(area.Questions) > 0 {
			a.Prompt = area.Questions[0]
		}
	case domain.ActivityDotPriorities:
		if len(planLines(a.Prompt)) < 2 {
			e.Add("prompt", "Enter at least two options to prioritise, one a line.")
		}
	case domain.ActivityStatementCards:
		if len(f.pickedStatements(sts)) == 0 && len(planLines(f.NewStatements)) == 0 {
			// With no statements to choose from, only the new ones field is on the page.
			field := "statement_ids"
			if len(sts) == 0 {
				field = "new_statements"
			}
			e.Add(field, "Choose statements for the cards, or write new ones.")
		}
	}
}

// pickedStatements keeps the chosen IDs that are the programme's.
func (f activityForm) pickedStatements(sts []domain.Statement) []string {
	var out []string
	for _, st := range sts {
		if f.StatementIDs[st.ID] {
			out = append(out, st.ID)
		}
	}
	return out
}

func findArea(areas []domain.StrategicArea, id string) (domain.StrategicArea, bool) {
	for _, a := range areas {
		if a.ID == id {
			return a, true
		}
	}
	return domain.StrategicArea{}, false
}

// kindTitle is the default title: the library label, and the area's name.
func kindTitle(k domain.ActivityKind, area domain.StrategicArea) string {
	for _, x := range domain.ActivityKinds {
		if x.Kind == k {
			if area.Name != "" {
				return x.Label + ": " + area.Name
			}
			return x.Label
		}
	}
	return ""
}

func (s *Server) planPage(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.visibleSession(r, policy.Session)
	if err != nil {
		return err
	}
	return s.renderPlan(w, r, p, x, activityForm{Kind: string(domain.ActivityDebate), Minutes: "30"}, nil)
}

func (s *Server) renderPlan(w http.ResponseWriter, r *http.Request, p *domain.Programme, x *domain.Session, f activityForm, e *Errors) error {
	d, err := s.planData(r, p, x)
	if err != nil {
		return err
	}
	d.Form = f
	v := s.view(r, "Plan: "+x.Title, d)
	v.Back = sessionPath(p, x)
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "plan", v)
}

func (s *Server) planData(r *http.Request, p *domain.Programme, x *domain.Session) (planData, error) {
	ctx := r.Context()
	d := planData{Programme: p, Session: x, PackHref: sessionPath(p, x) + "/pack.pdf",
		CanEdit: policy.Allowed(current(r).actor, policy.Write, policy.OfSession(policy.Session, x))}
	acts, err := s.store.Activities(ctx, x.ID)
	if err != nil {
		return d, err
	}
	areas, err := s.store.Areas(ctx, p.ID)
	if err != nil {
		return d, err
	}
	sts, err := s.store.Statements(ctx, p.ID)
	if err != nil {
		return d, err
	}
	rs, err := s.run()
	if err != nil {
		return d, err
	}
	links, err := rs.ActivityStatements(ctx, x.ID)
	d.Plan = planTable(pack.Schedule(x.StartTime, acts, areas), links, sts)
	d.Kinds, d.Areas, d.Statements = kindOptions(), areaOptions(areas), statementOptions(sts)
	d.Changes = planRows(sessionPath(p, x), acts)
	return d, err
}

func planTable(steps []pack.Step, links map[string][]string, sts []domain.Statement) Table {
	refs := map[string]string{}
	for _, st := range sts {
		refs[st.ID] = pack.StatementRef(st)
	}
	t := Table{Caption: "Plan", Head: []Cell{{Text: "Time"}, {Text: "Activity"}, {Text: "Area"}, {Text: "Motion, prompt or options"}}}
	for _, st := range steps {
		detail := strings.Join(planLines(st.Prompt), "; ")
		if ids := links[st.ID]; len(ids) > 0 {
			var names []string
			for _, id := range ids {
				names = append(names, refs[id])
			}
			detail = "Statements " + strings.Join(names, ", ")
		}
		t.Rows = append(t.Rows, []Cell{{Text: st.Start + " to " + st.End}, {Text: st.Describe()}, {Text: st.AreaName}, {Text: detail}})
	}
	return t
}

func kindOptions() []Option {
	var out []Option
	for _, k := range domain.ActivityKinds {
		out = append(out, Option{Value: string(k.Kind), Text: k.Label})
	}
	return out
}

func areaOptions(areas []domain.StrategicArea) []Option {
	out := []Option{{Value: "", Text: "No particular area"}}
	for _, a := range areas {
		out = append(out, Option{Value: a.ID, Text: a.Name})
	}
	return out
}

func statementOptions(sts []domain.Statement) []Option {
	var out []Option
	for _, st := range sts {
		if st.Moderation != domain.ModeratedOut {
			out = append(out, Option{Value: st.ID, Text: pack.StatementRef(st) + ": " + st.Text})
		}
	}
	return out
}

func (s *Server) planAdd(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.editableSession(r, false)
	if err != nil {
		return err
	}
	areas, err := s.store.Areas(r.Context(), p.ID)
	if err != nil {
		return err
	}
	sts, err := s.store.Statements(r.Context(), p.ID)
	if err != nil {
		return err
	}
	f := readActivityForm(r)
	a, e := f.Validate(areas, sts)
	if e.Any() {
		return s.renderPlan(w, r, p, x, f, e)
	}
	if err := s.addActivity(r, p, x, &a, f, sts); err != nil {
		return err
	}
	return redirectTo(w, r, sessionPath(p, x)+"/plan")
}

// addActivity appends the activity to the plan, with its new and chosen
// statements, in one transaction.
func (s *Server) addActivity(r *http.Request, p *domain.Programme, x *domain.Session, a *domain.Activity, f activityForm, sts []domain.Statement) error {
	ctx := r.Context()
	rs, err := s.run()
	if err != nil {
		return err
	}
	acts, err := s.store.Activities(ctx, x.ID)
	if err != nil {
		return err
	}
	a.SessionID, a.Position = x.ID, len(acts)+1
	if err := s.store.CreateActivity(ctx, a); err != nil {
		return err
	}
	ids := f.pickedStatements(sts)
	for _, text := range planLines(f.NewStatements) {
		st := domain.Statement{ProgrammeID: p.ID, AreaID: a.AreaID, Text: text, Moderation: domain.ModeratedIn}
		if err := s.store.CreateStatement(ctx, &st); err != nil {
			return err
		}
		ids = append(ids, st.ID)
	}
	if err := rs.LinkStatements(ctx, a.ID, ids); err != nil {
		return err
	}
	return s.record(r, audit.ActionCreate, "activity", a.ID, p.ID)
}

// packDownload sends the session's printable pack as a PDF. It carries
// participant codes, so the download is audited.
func (s *Server) packDownload(w http.ResponseWriter, r *http.Request) error {
	_, x, err := s.visibleSession(r, policy.Session)
	if err != nil {
		return err
	}
	d, err := pack.Load(r.Context(), s.store, x.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pack.Render(&buf, d); err != nil {
		return err
	}
	if err := s.record(r, audit.ActionExport, audit.ResourceSession, x.ID, x.ProgrammeID); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="session-pack-`+pack.ShortID(x.ID)+`.pdf"`)
	_, err = buf.WriteTo(w)
	return err
}
