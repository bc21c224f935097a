package web

import (
	"net/http"

	"peervoice/domain"
	"peervoice/policy"
	"peervoice/safeguarding"
)

// concernSummary is one concern as the lead's queue and concern page show
// it: decisions made here, plain strings for the template.
type concernSummary struct {
	ID, Href, Status string
	Categories       string
	Reasons          []string
	Where, RaisedAt  string
	RaisedBy         string
	Clock            ClockView
	ReferredTo       string
	ReferredAt       string
	ClosedAt         string
	Text, RawText    string
	HasContribution  bool
	ContributionGone bool
	Closed           bool
}

// safeguardingData is the lead's queue: open concerns, oldest (most
// urgent) first, then closed ones.
type safeguardingData struct {
	Programme    *domain.Programme
	Open, Closed []concernSummary
	Overdue      int
}

func (s *Server) safeguardingPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.safeguardingProgramme(r, policy.Read)
	if err != nil {
		return err
	}
	// A flagged contribution that arrived by a path that did not open its
	// concern (an import, say) must not be missed: open it now.
	if _, err := s.privacy.Safeguarding.OpenMissing(actorContext(r), p.ID); err != nil {
		return err
	}
	cs, err := s.privacy.Safeguarding.List(actorContext(r), p.ID, safeguarding.Filter{})
	if err != nil {
		return err
	}
	d, err := s.safeguardingData(r, p, cs)
	if err != nil {
		return err
	}
	v := s.view(r, "Safeguarding concerns", d)
	v.Back = "/programmes/" + p.Slug
	return s.render(w, r, "safeguarding", v)
}

func (s *Server) safeguardingData(r *http.Request, p *domain.Programme, cs []safeguarding.Concern) (safeguardingData, error) {
	d := safeguardingData{Programme: p}
	wh, err := s.whereFor(r, p)
	if err != nil {
		return d, err
	}
	for i := range cs {
		sum, err := s.concernSummary(r, p, wh, &cs[i])
		if err != nil {
			return d, err
		}
		if sum.Closed {
			d.Closed = append(d.Closed, sum)
			continue
		}
		if sum.Clock.Overdue {
			d.Overdue++
		}
		d.Open = append(d.Open, sum)
	}
	return d, nil
}

// concernSummary words a concern, with its contribution's redacted text
// and, when kept, the raw text (each raw read is logged).
func (s *Server) concernSummary(r *http.Request, p *domain.Programme, wh *where, c *safeguarding.Concern) (concernSummary, error) {
	sum := concernSummary{ID: c.ID, Href: "/programmes/" + p.Slug + "/safeguarding/" + c.ID,
		Status: statusLabels[c.Status], Categories: categoryList(c.Categories), Reasons: c.Reasons,
		Where: wh.describe(c.SessionID), RaisedAt: formatTime(&c.RaisedAt), RaisedBy: s.raisedBy(r, c.RaisedBy),
		Clock: clockView(c.Clock), ReferredTo: c.ReferredTo, ReferredAt: formatTime(c.ReferredAt),
		ClosedAt: formatTime(c.ClosedAt), Closed: c.Status == domain.ConcernClosed}
	if c.ContributionID == "" {
		return sum, nil
	}
	sum.HasContribution = true
	item, err := s.privacy.Store.ContributionByID(r.Context(), c.ContributionID)
	if domain.ErrorCode(err) == domain.ENotFound {
		sum.ContributionGone = true
		return sum, nil
	}
	if err != nil {
		return sum, err
	}
	sum.Text = item.Text
	sum.RawText, err = s.rawText(r, item)
	return sum, err
}
