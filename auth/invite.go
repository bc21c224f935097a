package auth

import (
	"strings"
	"time"

	"peervoice/domain"
)

// NewInvitation checks and makes an invitation and the token for its
// one-time link. Exactly one of role (with a programme) or isAdmin must be
// given. Only the token's hash is kept in the returned Invitation.
func NewInvitation(email, programmeID string, role domain.Role, isAdmin bool, invitedBy string, now time.Time) (*Invitation, string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if err := CheckInvitation(email, programmeID, role, isAdmin); err != nil {
		return nil, "", err
	}
	token, hash, err := NewToken()
	if err != nil {
		return nil, "", err
	}
	inv := &Invitation{TokenHash: hash, Email: email, ProgrammeID: programmeID, Role: role, IsAdmin: isAdmin,
		InvitedBy: invitedBy, CreatedAt: now.UTC(), ExpiresAt: now.UTC().Add(InvitationTTL)}
	return inv, token, nil
}

// CheckInvitation explains what is wrong with an invitation's fields, by
// field, or returns nil.
func CheckInvitation(email, programmeID string, role domain.Role, isAdmin bool) error {
	pr := domain.Problems{}
	if !domain.ValidEmail(strings.TrimSpace(email)) {
		pr.Add("email", "Enter an email address in the correct format, like name@example.org.")
	}
	switch {
	case isAdmin && role != "":
		pr.Add("role", "Choose a programme role or admin, not both.")
	case !isAdmin && !role.Valid():
		pr.Add("role", "Choose a role.")
	case !isAdmin && programmeID == "":
		pr.Add("programme", "Choose a programme.")
	}
	return pr.Err("The invitation")
}

// InvitationPath is the path of an invitation's one-time link.
func InvitationPath(token string) string { return "/invitations/" + token }
