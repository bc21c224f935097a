package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
)

// planStore changes a session's plan after it is built. *store.DB has it.
type planStore interface {
	UpdateActivity(ctx context.Context, a *domain.Activity) error
	MoveActivity(ctx context.Context, sessionID, activityID string, by int) error
	DeleteActivity(ctx context.Context, sessionID, activityID string) error
	ActivityDataCount(ctx context.Context, activityID string) (int, error)
}

// The changes the plan page offers for one activity.
const (
	planEdit   = "edit"
	planRemove = "remove"
	planUp     = "up"
	planDown   = "down"
)

// planChangeData is the page to change one activity, or to confirm its
// removal. Captured counts what has been captured against the activity;
// while it is above zero the activity cannot be removed.
type planChangeData struct {
	Programme *domain.Programme
	Session   *domain.Session
	Activity  domain.Activity
	Ref       string // "A3", as on the run sheet
	Do        string
	Action    string
	PlanHref  string
	Form      activityForm
	Areas     []Option
	Captured  int
}

// planChanger returns the store's plan-editing side.
func (s *Server) planChanger() (planStore, error) {
	ps, ok := s.store.(planStore)
	if !ok {
		return nil, errNoRunStore
	}
	return ps, nil
}

// planActivity finds an activity of the session's plan by its ID.
func (s *Server) planActivity(ctx context.Context, x *domain.Session, id string) (*domain.Activity, error) {
	acts, err := s.store.Activities(ctx, x.ID)
	if err != nil {
		return nil, err
	}
	for i := range acts {
		if acts[i].ID == id {
			return &acts[i], nil
		}
	}
	return nil, errNotFound
}

func (s *Server) planChangePage(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.editableSession(r, false)
	if err != nil {
		return err
	}
	id := r.URL.Query().Get("activity")
	if id == "" {
		return redirectTo(w, r, sessionPath(p, x)+"/plan")
	}
	a, err := s.planActivity(r.Context(), x, id)
	if err != nil {
		return err
	}
	do := planEdit
	if r.URL.Query().Get("do") == planRemove {
		do = planRemove
	}
	return s.renderPlanChange(w, r, p, x, a, do, formOfActivity(a), nil)
}

func formOfActivity(a *domain.Activity) activityForm {
	return activityForm{Kind: string(a.Kind), AreaID: a.AreaID, Title: a.Title, Prompt: a.Prompt, Minutes: strconv.Itoa(a.Minutes)}
}

func (s *Server) renderPlanChange(w http.ResponseWriter, r *http.Request, p *domain.Programme, x *domain.Session, a *domain.Activity, do string, f activityForm, e *Errors) error {
	d := planChangeData{Programme: p, Session: x, Activity: *a, Ref: "A" + strconv.Itoa(a.Position), Do: do,
		Action: sessionPath(p, x) + "/plan/change", PlanHref: sessionPath(p, x) + "/plan", Form: f}
	if err := s.fillPlanChange(r.Context(), p, &d); err != nil {
		return err
	}
	title := "Change " + d.Ref
	if do == planRemove {
		title = "Remove " + d.Ref
	}
	v := s.view(r, title+": "+x.Title, d)
	v.Back = d.PlanHref
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "plan_change", v)
}

// fillPlanChange adds the area choices, or for a removal the count of
// what was captured against the activity.
func (s *Server) fillPlanChange(ctx context.Context, p *domain.Programme, d *planChangeData) error {
	if d.Do != planRemove {
		areas, err := s.store.Areas(ctx, p.ID)
		d.Areas = areaOptions(areas)
		return err
	}
	ps, err := s.planChanger()
	if err != nil {
		return err
	}
	d.Captured, err = ps.ActivityDataCount(ctx, d.Activity.ID)
	return err
}

// planChange moves, edits or removes one activity of the plan.
func (s *Server) planChange(w http.ResponseWriter, r *http.Request) error {
	p, x, err := s.editableSession(r, false)
	if err != nil {
		return err
	}
	id, do := strings.TrimSpace(r.PostFormValue("activity")), r.PostFormValue("do")
	if id == "" || !validPlanChange(do) {
		e := &Errors{}
		e.Add("plan-changes", "Choose an activity of the plan and what to change.")
		return s.renderPlan(w, r, p, x, activityForm{Kind: string(domain.ActivityDebate), Minutes: "30"}, e)
	}
	a, err := s.planActivity(r.Context(), x, id)
	if err != nil {
		return err
	}
	switch do {
	case planUp, planDown:
		return s.movePlanActivity(w, r, p, x, a, do)
	case planRemove:
		return s.removePlanActivity(w, r, p, x, a)
	}
	return s.editPlanActivity(w, r, p, x, a)
}

func validPlanChange(do string) bool {
	return do == planEdit || do == planRemove || do == planUp || do == planDown
}

func (s *Server) movePlanActivity(w http.ResponseWriter, r *http.Request, p *domain.Programme, x *domain.Session, a *domain.Activity, do string) error {
	ps, err := s.planChanger()
	if err != nil {
		return err
	}
	by := -1
	if do == planDown {
		by = 1
	}
	if err := ps.MoveActivity(r.Context(), x.ID, a.ID, by); err != nil {
		return err
	}
	if err := s.record(r, audit.ActionUpdate, "activity", a.ID, p.ID); err != nil {
		return err
	}
	return redirectTo(w, r, sessionPath(p, x)+"/plan")
}

// removePlanActivity removes an activity once the confirmation page has
// been through; anything captured against it refuses the removal.
func (s *Server) removePlanActivity(w http.ResponseWriter, r *http.Request, p *domain.Programme, x *domain.Session, a *domain.Activity) error {
	if r.PostFormValue("confirm") != "yes" {
		return s.renderPlanChange(w, r, p, x, a, planRemove, activityForm{}, nil)
	}
	ps, err := s.planChanger()
	if err != nil {
		return err
	}
	err = ps.DeleteActivity(r.Context(), x.ID, a.ID)
	if domain.ErrorCode(err) == domain.EConflict {
		e := &Errors{}
		e.Add("remove", domain.ErrorMessage(err))
		return s.renderPlanChange(w, r, p, x, a, planRemove, activityForm{}, e)
	}
	if err != nil {
		return err
	}
	if err := s.record(r, audit.ActionDelete, "activity", a.ID, p.ID); err != nil {
		return err
	}
	return redirectTo(w, r, sessionPath(p, x)+"/plan")
}

func (s *Server) editPlanActivity(w http.ResponseWriter, r *http.Request, p *domain.Programme, x *domain.Session, a *domain.Activity) error {
	areas, err := s.store.Areas(r.Context(), p.ID)
	if err != nil {
		return err
	}
	f := readActivityForm(r)
	f.Kind = string(a.Kind) // the kind stays: captured rows and printed sheets depend on it
	changed, e := f.validateChange(*a, areas)
	if e.Any() {
		return s.renderPlanChange(w, r, p, x, a, planEdit, f, e)
	}
	ps, err := s.planChanger()
	if err != nil {
		return err
	}
	if err := ps.UpdateActivity(r.Context(), &changed); err != nil {
		return err
	}
	if err := s.record(r, audit.ActionUpdate, "activity", a.ID, p.ID); err != nil {
		return err
	}
	return redirectTo(w, r, sessionPath(p, x)+"/plan")
}

// validateChange checks an edited activity: a title, the minutes, a known
// area, and what its kind needs (statement links are not edited here).
func (f activityForm) validateChange(a domain.Activity, areas []domain.StrategicArea) (domain.Activity, *Errors) {
	e := &Errors{}
	a.Title, a.Prompt, a.AreaID = f.Title, f.Prompt, f.AreaID
	area, areaOK := findArea(areas, f.AreaID)
	if f.AreaID != "" && !areaOK {
		e.Add("area_id", "Choose one of the programme's strategic areas.")
	}
	if a.Title == "" {
		e.Add("title", "Enter a title for the activity.")
	}
	var err error
	if a.Minutes, err = strconv.Atoi(f.Minutes); err != nil {
		e.Add("minutes", "Enter how long the activity takes in minutes, like 30.")
	}
	if a.Kind != domain.ActivityStatementCards {
		f.checkKind(e, &a, area, areaOK, nil)
	}
	if !e.Any() {
		if err := a.Validate(); err != nil {
			e.addDomain(err, "title")
		}
	}
	return a, e
}

// planRow is one activity in the plan page's list of changes.
type planRow struct {
	ID, Ref, Title         string
	EditHref, RemoveHref   string
	CanMoveUp, CanMoveDown bool
}

// planRows lists the plan's activities with links to change each.
func planRows(base string, acts []domain.Activity) []planRow {
	out := make([]planRow, 0, len(acts))
	for i, a := range acts {
		href := base + "/plan/change?activity=" + a.ID
		out = append(out, planRow{ID: a.ID, Ref: "A" + strconv.Itoa(a.Position), Title: a.Title,
			EditHref: href, RemoveHref: href + "&do=" + planRemove, CanMoveUp: i > 0, CanMoveDown: i < len(acts)-1})
	}
	return out
}
