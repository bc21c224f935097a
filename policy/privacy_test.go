package policy

import (
	"testing"

	"peervoice/domain"
)

func TestReviewAndRaiseConcernRules(t *testing.T) {
	for _, c := range []struct {
		role   domain.Role
		action Action
		res    Resource
		want   bool
	}{
		// Raw text is for the reviewer (analyst) and admins only.
		{domain.RoleAnalyst, Read, InProgramme(Review, progA), true},
		{domain.RoleAnalyst, Write, InProgramme(Review, progA), true},
		{"admin", Write, InProgramme(Review, progA), true},
		{domain.RoleCoordinator, Read, InProgramme(Review, progA), false},
		{domain.RoleSafeguardingLead, Read, InProgramme(Review, progA), false},
		{domain.RoleFacilitator, Read, OfSession(Review, ownSession), false},
		{domain.RoleAnalyst, Read, InProgramme(Review, progB), false},
		// A concern is raised from a session by its facilitators and the
		// coordinators; reading concerns stays with the lead.
		{domain.RoleFacilitator, Write, OfSession(RaiseConcern, ownSession), true},
		{domain.RoleFacilitator, Write, OfSession(RaiseConcern, coSession), true},
		{domain.RoleFacilitator, Write, OfSession(RaiseConcern, otherSession), false},
		{domain.RoleCoordinator, Write, OfSession(RaiseConcern, otherSession), true},
		{domain.RoleAnalyst, Write, OfSession(RaiseConcern, ownSession), false},
		{"admin", Write, OfSession(RaiseConcern, ownSession), true},
		{domain.RoleFacilitator, Read, InProgramme(Safeguarding, progA), false},
		{domain.RoleCoordinator, Read, InProgramme(Safeguarding, progA), false},
		{domain.RoleSafeguardingLead, Write, InProgramme(Safeguarding, progA), true},
	} {
		if got := Allowed(actor(c.role), c.action, c.res); got != c.want {
			t.Errorf("%s %s %s: %v, want %v", c.role, c.action, c.res.Kind, got, c.want)
		}
	}
}
