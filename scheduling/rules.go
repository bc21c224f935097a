package scheduling

import (
	"sort"

	"peervoice/domain"
)

// WarnDays is how far ahead an expiring clearance or course is flagged.
const WarnDays = 14

// Facts are what the scheduling rules look at: every facilitator's
// clearances and unavailable days, and the sessions already booked (across
// all programmes, since one person cannot be in two places at once).
type Facts struct {
	Names       map[string]string // facilitator ID -> name
	SiteNames   map[string]string // site ID -> name
	Clearances  []Clearance
	Unavailable []Unavailable
	Booked      []domain.Session
}

// Check applies the scheduling rules to a session and returns field
// problems keyed as the session form's fields: a lead facilitator cleared
// for the site on the date, a co-facilitator, nobody double-booked or
// booked on a day they are unavailable. A cancelled session books nobody,
// so it is not checked.
func Check(s domain.Session, f Facts) domain.Problems {
	pr := domain.Problems{}
	if s.Status == domain.SessionCancelled {
		return pr
	}
	if s.CoFacilitatorID == "" {
		pr.Add("co_facilitator_id", "Choose a co-facilitator: every session has two peer facilitators.")
	}
	if s.LeadFacilitatorID != "" && s.SiteID != "" && s.Date.Valid() {
		if msg := f.clearanceProblem(s.LeadFacilitatorID, s.SiteID, s.Date); msg != "" {
			pr.Add("lead_facilitator_id", msg)
		}
	}
	f.checkBooking(pr, "lead_facilitator_id", s.LeadFacilitatorID, s)
	f.checkBooking(pr, "co_facilitator_id", s.CoFacilitatorID, s)
	return pr
}

// clearanceProblem explains why a facilitator may not lead at a site on a
// day, or returns "".
func (f Facts) clearanceProblem(facID, siteID string, d domain.Date) string {
	name, site := f.name(facID), f.site(siteID)
	c, ok := f.clearance(facID, siteID)
	switch {
	case ok && c.ValidOn(d):
		return ""
	case ok && c.Status == ClearanceGranted:
		return name + "'s clearance for " + site + " expires on " + DayMonth(c.ExpiresOn) + ", before the session on " + DayMonth(d) + "."
	}
	return name + " is not cleared for " + site + " on " + DayMonth(d) + "."
}

// clearance finds a facilitator's clearance for a site.
func (f Facts) clearance(facID, siteID string) (Clearance, bool) {
	for _, c := range f.Clearances {
		if c.FacilitatorID == facID && c.SiteID == siteID {
			return c, true
		}
	}
	return Clearance{}, false
}

// checkBooking adds a problem if the facilitator is unavailable or already
// runs another live session on the same date.
func (f Facts) checkBooking(pr domain.Problems, field, facID string, s domain.Session) {
	if facID == "" || !s.Date.Valid() {
		return
	}
	for _, u := range f.Unavailable {
		if u.FacilitatorID == facID && u.Date == s.Date {
			pr.Add(field, f.name(facID)+" is unavailable on "+DayMonth(s.Date)+".")
			return
		}
	}
	for _, b := range f.Booked {
		if b.ID != s.ID && b.Date == s.Date && b.Status != domain.SessionCancelled && runs(b, facID) {
			pr.Add(field, f.name(facID)+" is already booked on that date ("+b.Title+").")
			return
		}
	}
}

func runs(s domain.Session, facID string) bool {
	return s.LeadFacilitatorID == facID || s.CoFacilitatorID == facID
}

func (f Facts) name(id string) string {
	if n := f.Names[id]; n != "" {
		return n
	}
	return "This facilitator"
}

func (f Facts) site(id string) string {
	if n := f.SiteNames[id]; n != "" {
		return n
	}
	return "this site"
}

// Warning is a clearance or course that lapses soon or has lapsed.
type Warning struct {
	FacilitatorID string
	ExpiresOn     domain.Date
	Message       string
}

// Expiring lists the clearances (granted ones only) and courses that lapse
// within WarnDays of today, or already have, soonest first.
func Expiring(today domain.Date, f Facts, training []Training) []Warning {
	horizon := today.AddDays(WarnDays)
	var out []Warning
	for _, c := range f.Clearances {
		if c.Status == ClearanceGranted && c.ExpiresOn != "" && !horizon.Before(c.ExpiresOn) {
			out = append(out, warning(c.FacilitatorID, c.ExpiresOn, today, f.name(c.FacilitatorID)+"'s clearance for "+f.site(c.SiteID)))
		}
	}
	for _, t := range training {
		if t.ExpiresOn != "" && !horizon.Before(t.ExpiresOn) {
			out = append(out, warning(t.FacilitatorID, t.ExpiresOn, today, f.name(t.FacilitatorID)+"'s "+lower(TrainingLabel(t.Kind))+" training"))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ExpiresOn < out[j].ExpiresOn })
	return out
}

// warning words an expiry relative to today.
func warning(facID string, on, today domain.Date, what string) Warning {
	msg := what + " expires on " + DayMonth(on) + "."
	if on.Before(today) {
		msg = what + " expired on " + DayMonth(on) + "."
	}
	return Warning{FacilitatorID: facID, ExpiresOn: on, Message: msg}
}

func lower(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}
