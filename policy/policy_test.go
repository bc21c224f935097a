package policy

import (
	"testing"

	"peervoice/domain"
)

const (
	progA = "prog-a"
	progB = "prog-b"
)

var (
	ownSession   = &domain.Session{ID: "s1", ProgrammeID: progA, LeadFacilitatorID: "fac-1"}
	coSession    = &domain.Session{ID: "s2", ProgrammeID: progA, LeadFacilitatorID: "fac-2", CoFacilitatorID: "fac-1"}
	otherSession = &domain.Session{ID: "s3", ProgrammeID: progA, LeadFacilitatorID: "fac-2"}
	bSession     = &domain.Session{ID: "s4", ProgrammeID: progB, LeadFacilitatorID: "fac-1"}
)

func actor(role domain.Role) Actor {
	a := Actor{UserID: "u-" + string(role), Roles: map[string][]domain.Role{}}
	switch role {
	case "admin":
		a.Admin = true
	case "", "stranger":
	default:
		a.Roles[progA] = []domain.Role{role}
	}
	if role == domain.RoleFacilitator {
		a.FacilitatorID = "fac-1"
	}
	return a
}

// expectations lists, per resource and action, exactly which actors are
// allowed. Every other actor in the table must be refused.
func TestAllowedMatrix(t *testing.T) {
	actors := []domain.Role{"admin", domain.RoleCoordinator, domain.RoleFacilitator, domain.RoleAnalyst,
		domain.RoleSafeguardingLead, domain.RoleDecisionMaker, "stranger", "new_role"}
	C, F, A, S, D := domain.RoleCoordinator, domain.RoleFacilitator, domain.RoleAnalyst, domain.RoleSafeguardingLead, domain.RoleDecisionMaker
	cases := []struct {
		name  string
		act   Action
		res   Resource
		allow []domain.Role
	}{
		{"programme overview", Read, InProgramme(Programme, progA), []domain.Role{"admin", C, F, A, S, D}},
		{"other programme overview", Read, InProgramme(Programme, progB), []domain.Role{"admin"}},
		{"edit programme", Write, InProgramme(Programme, progA), []domain.Role{"admin", C}},
		{"own session", Read, OfSession(Session, ownSession), []domain.Role{"admin", C, F, A, S}},
		{"co-facilitated session", Read, OfSession(Session, coSession), []domain.Role{"admin", C, F, A, S}},
		{"someone else's session", Read, OfSession(Session, otherSession), []domain.Role{"admin", C, A, S}},
		{"write own session", Write, OfSession(Session, ownSession), []domain.Role{"admin", C, F}},
		{"write someone else's session", Write, OfSession(Session, otherSession), []domain.Role{"admin", C}},
		{"session of other programme", Read, OfSession(Session, bSession), []domain.Role{"admin"}},
		{"all contributions", Read, InProgramme(Contribution, progA), []domain.Role{"admin", C, A, S}},
		{"own session contributions", Read, OfSession(Contribution, ownSession), []domain.Role{"admin", C, F, A, S}},
		{"other session contributions", Read, OfSession(Contribution, otherSession), []domain.Role{"admin", C, A, S}},
		{"other programme contributions", Read, InProgramme(Contribution, progB), []domain.Role{"admin"}},
		{"safeguarding", Read, InProgramme(Safeguarding, progA), []domain.Role{"admin", S}},
		{"safeguarding elsewhere", Read, InProgramme(Safeguarding, progB), []domain.Role{"admin"}},
		{"members", Read, InProgramme(Members, progA), []domain.Role{"admin", C}},
		{"invite", Write, InProgramme(Members, progA), []domain.Role{"admin", C}},
		{"all users", Read, Resource{Kind: Users}, []domain.Role{"admin"}},
		{"audit log", Read, Resource{Kind: Audit}, []domain.Role{"admin"}},
		{"unknown kind", Read, InProgramme("findings-v9", progA), nil},
		{"unknown action", "delete", InProgramme(Programme, progA), nil},
		{"programme kind without programme", Read, Resource{Kind: Programme}, nil},
		// An ID swap: a session of programme B presented as part of A.
		{"session swapped into programme", Read, Resource{Kind: Session, ProgrammeID: progA, Session: bSession}, nil},
	}
	for _, c := range cases {
		for _, r := range actors {
			want := contains(c.allow, r)
			if got := Allowed(actor(r), c.act, c.res); got != want {
				t.Errorf("%s: %s %s = %v, want %v", c.name, r, c.act, got, want)
			}
		}
	}
}

func contains(rs []domain.Role, r domain.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

func TestAnonymousDeniedEverything(t *testing.T) {
	for _, k := range []Kind{Programme, Session, Contribution, Safeguarding, Members, Users, Audit} {
		for _, act := range []Action{Read, Write} {
			if Allowed(Actor{}, act, Resource{Kind: k, ProgrammeID: progA, Session: ownSession}) {
				t.Errorf("anonymous may %s %s", act, k)
			}
		}
	}
}

func TestDecisionMakerNeverSeesContributions(t *testing.T) {
	dm := actor(domain.RoleDecisionMaker)
	dm.FacilitatorID = "fac-1" // even if they also happen to be a facilitator elsewhere
	for _, s := range []*domain.Session{ownSession, coSession, otherSession} {
		if Allowed(dm, Read, OfSession(Contribution, s)) {
			t.Fatalf("decision-maker reads contributions of %s", s.ID)
		}
	}
}

func TestNewActorAndAnyInProgramme(t *testing.T) {
	u := &domain.User{ID: "u1", FacilitatorID: "fac-1"}
	a := NewActor(u, []domain.Membership{
		{UserID: "u1", ProgrammeID: progA, Role: domain.RoleFacilitator},
		{UserID: "someone-else", ProgrammeID: progB, Role: domain.RoleCoordinator},
	})
	if !a.Member(progA) || a.Member(progB) {
		t.Fatalf("memberships: %+v", a.Roles)
	}
	sessions := []domain.Session{*otherSession}
	if AnyInProgramme(a, Read, Contribution, progA, sessions) {
		t.Fatal("facilitator with no own session may read contributions")
	}
	sessions = append(sessions, *ownSession)
	if !AnyInProgramme(a, Read, Contribution, progA, sessions) {
		t.Fatal("facilitator may not read their own session's contributions")
	}
}
