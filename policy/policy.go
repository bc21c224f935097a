// Package policy is peervoice's one authorisation policy. Every HTML page and
// every API handler asks Allowed before it shows or changes anything, so the
// rules live here and nowhere else. Anything not granted below is denied: a
// new role, action or kind of resource has no permissions until a rule is
// added for it.
package policy

import "peervoice/domain"

// Action is what an actor wants to do.
type Action string

// Actions.
const (
	Read  Action = "read"
	Write Action = "write"
)

// Kind is the kind of resource acted on.
type Kind string

// Resource kinds.
const (
	// Programme is a programme's overview and its aggregate (suppressed)
	// figures, which every member may see.
	Programme Kind = "programme"
	// Session is one session's details and plan.
	Session Kind = "session"
	// Contribution is contribution-level data: what participants said,
	// tagged with their codes.
	Contribution Kind = "contribution"
	// Safeguarding is possible disclosures and concerns.
	Safeguarding Kind = "safeguarding"
	// Members is the people and invitations of a programme.
	Members Kind = "members"
	// Users is every account on the system.
	Users Kind = "users"
	// Audit is the audit log.
	Audit Kind = "audit"
	// Facilitation is peer facilitators' profiles (with the private lived
	// experience note), training, clearances and the fees ledger.
	Facilitation Kind = "facilitation"
	// SessionRecord is what is recorded at and after one session:
	// attendance, consent, demographics and the debrief.
	SessionRecord Kind = "session_record"
	// RaiseConcern is raising a safeguarding concern by hand from a
	// session: its facilitators and coordinators may, though only the
	// safeguarding lead sees the concern afterwards.
	RaiseConcern Kind = "raise_concern"
	// Review is redaction review: a programme's contributions awaiting
	// review with their raw (pre-redaction) text, and its allow/deny lists.
	Review Kind = "review"
)

// Actor is who is asking: a signed-in user with their programme roles.
type Actor struct {
	UserID        string
	Admin         bool
	FacilitatorID string
	// Roles maps a programme ID to the user's roles in it.
	Roles map[string][]domain.Role
}

// NewActor builds an Actor from a user and their memberships.
func NewActor(u *domain.User, ms []domain.Membership) Actor {
	a := Actor{UserID: u.ID, Admin: u.IsAdmin, FacilitatorID: u.FacilitatorID, Roles: map[string][]domain.Role{}}
	for _, m := range ms {
		if m.UserID == u.ID {
			a.Roles[m.ProgrammeID] = append(a.Roles[m.ProgrammeID], m.Role)
		}
	}
	return a
}

// Has reports whether the actor holds role in programme.
func (a Actor) Has(programmeID string, role domain.Role) bool {
	for _, r := range a.Roles[programmeID] {
		if r == role {
			return true
		}
	}
	return false
}

// Member reports whether the actor holds any known role in the programme.
func (a Actor) Member(programmeID string) bool {
	for _, r := range a.Roles[programmeID] {
		if r.Valid() {
			return true
		}
	}
	return false
}

// Resource is what is acted on. ProgrammeID is required for every kind but
// Users and Audit. Session is set when the resource belongs to one session
// (a session, or contributions from it); it must belong to ProgrammeID.
type Resource struct {
	Kind        Kind
	ProgrammeID string
	Session     *domain.Session
}

// InProgramme is a resource of a kind in a programme.
func InProgramme(k Kind, programmeID string) Resource {
	return Resource{Kind: k, ProgrammeID: programmeID}
}

// OfSession is a resource of a kind belonging to one session.
func OfSession(k Kind, s *domain.Session) Resource {
	return Resource{Kind: k, ProgrammeID: s.ProgrammeID, Session: s}
}

// Allowed decides whether actor may do action to res. It is the only place
// such decisions are made; it denies anything it does not recognise.
func Allowed(actor Actor, action Action, res Resource) bool {
	if actor.UserID == "" || !consistent(res) {
		return false
	}
	if actor.Admin {
		return adminMay(action, res)
	}
	rule, ok := rules[rulesKey{res.Kind, action}]
	return ok && rule(actor, res)
}

// consistent refuses a resource whose session belongs to another programme:
// an ID swap never reaches the rules.
func consistent(res Resource) bool {
	return res.Session == nil || res.Session.ProgrammeID == res.ProgrammeID
}

// adminMay is the global admin's reach: everything that exists.
func adminMay(action Action, res Resource) bool {
	if action != Read && action != Write {
		return false
	}
	switch res.Kind {
	case Users, Audit:
		return true
	case Programme, Session, Contribution, Safeguarding, Members, Facilitation, SessionRecord, RaiseConcern, Review:
		return res.ProgrammeID != ""
	}
	return false
}

type rulesKey struct {
	kind   Kind
	action Action
}

// rules grants programme roles their actions. A missing entry is a denial.
var rules = map[rulesKey]func(Actor, Resource) bool{
	{Programme, Read}: roles(domain.RoleCoordinator, domain.RoleFacilitator, domain.RoleAnalyst,
		domain.RoleSafeguardingLead, domain.RoleDecisionMaker),
	{Programme, Write}:    roles(domain.RoleCoordinator),
	{Session, Read}:       sessionRule(domain.RoleCoordinator, domain.RoleAnalyst, domain.RoleSafeguardingLead),
	{Session, Write}:      sessionRule(domain.RoleCoordinator),
	{Contribution, Read}:  sessionRule(domain.RoleCoordinator, domain.RoleAnalyst, domain.RoleSafeguardingLead),
	{Contribution, Write}: sessionRule(domain.RoleCoordinator),
	{Safeguarding, Read}:  roles(domain.RoleSafeguardingLead),
	{Safeguarding, Write}: roles(domain.RoleSafeguardingLead),
	{Members, Read}:       roles(domain.RoleCoordinator),
	{Members, Write}:      roles(domain.RoleCoordinator),
	// Lived experience is private to coordinators, so facilitators do not
	// see even their own profile here.
	{Facilitation, Read}:   roles(domain.RoleCoordinator),
	{Facilitation, Write}:  roles(domain.RoleCoordinator),
	{SessionRecord, Read}:  sessionRule(domain.RoleCoordinator),
	{SessionRecord, Write}: sessionRule(domain.RoleCoordinator),
	{RaiseConcern, Write}:  sessionRule(domain.RoleCoordinator),
	// Raw text is for the reviewer alone: not even coordinators see it.
	{Review, Read}:  roles(domain.RoleAnalyst),
	{Review, Write}: roles(domain.RoleAnalyst),
}

// roles grants an action to holders of any of the roles in the programme.
func roles(rs ...domain.Role) func(Actor, Resource) bool {
	return func(a Actor, r Resource) bool {
		for _, role := range rs {
			if a.Has(r.ProgrammeID, role) {
				return true
			}
		}
		return false
	}
}

// sessionRule grants an action to the roles across the programme, and to a
// facilitator for the sessions they lead or co-facilitate. A facilitator
// has no programme-wide access: with no session named, they are refused.
func sessionRule(rs ...domain.Role) func(Actor, Resource) bool {
	programmeWide := roles(rs...)
	return func(a Actor, r Resource) bool {
		if programmeWide(a, r) {
			return true
		}
		return r.Session != nil && a.Has(r.ProgrammeID, domain.RoleFacilitator) && facilitates(a, r.Session)
	}
}

// facilitates reports whether the actor runs the session.
func facilitates(a Actor, s *domain.Session) bool {
	return a.FacilitatorID != "" && (s.LeadFacilitatorID == a.FacilitatorID || s.CoFacilitatorID == a.FacilitatorID)
}

// AnyInProgramme reports whether the actor may do action to some resource of
// kind k in the programme, counting a facilitator's own sessions. Pages use
// it to decide whether to offer a link; the handler behind the link still
// calls Allowed on the actual resource.
func AnyInProgramme(actor Actor, action Action, k Kind, programmeID string, sessions []domain.Session) bool {
	if Allowed(actor, action, InProgramme(k, programmeID)) {
		return true
	}
	for i := range sessions {
		if Allowed(actor, action, OfSession(k, &sessions[i])) {
			return true
		}
	}
	return false
}

// MayCreateProgramme reports whether the actor may set up a new programme:
// admins, and anyone who coordinates a programme already. The creator
// becomes the new programme's coordinator.
func MayCreateProgramme(actor Actor) bool {
	if actor.UserID == "" {
		return false
	}
	if actor.Admin {
		return true
	}
	for pid := range actor.Roles {
		if actor.Has(pid, domain.RoleCoordinator) {
			return true
		}
	}
	return false
}
