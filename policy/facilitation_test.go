package policy

import (
	"testing"

	"peervoice/domain"
)

func TestFacilitationAndSessionRecordRules(t *testing.T) {
	for _, c := range []struct {
		role   domain.Role
		action Action
		res    Resource
		want   bool
	}{
		{domain.RoleCoordinator, Write, InProgramme(Facilitation, progA), true},
		{"admin", Read, InProgramme(Facilitation, progA), true},
		// Lived experience stays with coordinators: not the facilitators themselves, nor analysts.
		{domain.RoleFacilitator, Read, InProgramme(Facilitation, progA), false},
		{domain.RoleAnalyst, Read, InProgramme(Facilitation, progA), false},
		{domain.RoleCoordinator, Read, InProgramme(Facilitation, progB), false},
		{domain.RoleFacilitator, Write, OfSession(SessionRecord, ownSession), true},
		{domain.RoleFacilitator, Write, OfSession(SessionRecord, coSession), true},
		{domain.RoleFacilitator, Write, OfSession(SessionRecord, otherSession), false},
		{domain.RoleFacilitator, Write, InProgramme(SessionRecord, progA), false},
		{domain.RoleCoordinator, Write, OfSession(SessionRecord, otherSession), true},
		{domain.RoleAnalyst, Read, OfSession(SessionRecord, ownSession), false},
		{domain.RoleDecisionMaker, Read, OfSession(SessionRecord, ownSession), false},
	} {
		if got := Allowed(actor(c.role), c.action, c.res); got != c.want {
			t.Errorf("%s %s %s: %v, want %v", c.role, c.action, c.res.Kind, got, c.want)
		}
	}
}

func TestMayCreateProgramme(t *testing.T) {
	for role, want := range map[domain.Role]bool{"admin": true, domain.RoleCoordinator: true, domain.RoleFacilitator: false,
		domain.RoleAnalyst: false, "stranger": false} {
		if got := MayCreateProgramme(actor(role)); got != want {
			t.Errorf("%s: %v, want %v", role, got, want)
		}
	}
	if MayCreateProgramme(Actor{Admin: true}) {
		t.Error("an actor with no user may create")
	}
}
