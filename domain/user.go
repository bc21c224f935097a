package domain

import "time"

// Role is what a member may do within one programme.
type Role string

// Programme roles. Admin is global and held on the user, not per programme.
const (
	RoleCoordinator      Role = "coordinator"
	RoleFacilitator      Role = "facilitator"
	RoleAnalyst          Role = "analyst"
	RoleSafeguardingLead Role = "safeguarding_lead"
	RoleDecisionMaker    Role = "decision_maker"
)

// Roles lists the programme roles.
var Roles = []Role{RoleCoordinator, RoleFacilitator, RoleAnalyst, RoleSafeguardingLead, RoleDecisionMaker}

// Valid reports whether r is a known programme role.
func (r Role) Valid() bool {
	for _, k := range Roles {
		if k == r {
			return true
		}
	}
	return false
}

// User is a person with an account: staff, facilitators, officials. Service
// users (participants) never have accounts.
type User struct {
	ID            string    `json:"id"`
	Email         string    `json:"email"`
	Name          string    `json:"name"`
	PasswordHash  string    `json:"-"`
	TOTPSecret    string    `json:"-"`
	IsAdmin       bool      `json:"is_admin"`
	FacilitatorID string    `json:"facilitator_id,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
}

// Validate checks the user's own rules.
func (u *User) Validate() error {
	pr := Problems{}
	if !ValidEmail(u.Email) {
		pr.Add("email", "Enter an email address in the correct format, like name@example.org.")
	}
	requireText(pr, "name", u.Name, 200)
	return pr.Err("The user")
}

// Membership gives a user a role in a programme.
type Membership struct {
	UserID      string `json:"user_id"`
	ProgrammeID string `json:"programme_id"`
	Role        Role   `json:"role"`
}
