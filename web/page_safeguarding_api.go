package web

import (
	"net/http"

	"peervoice/domain"
	"peervoice/safeguarding"
)

// apiConcern is a concern as the API gives it: the concern with its notes
// and clock, and the flagged contribution's redacted text. Raw text is not
// offered through the API; the lead reads it on the concern's page.
type apiConcern struct {
	safeguarding.Concern
	ContributionText string `json:"contribution_text,omitempty"`
}

// apiConcerns opens any missing concerns, then returns one page of the
// programme's concerns.
func (s *Server) apiConcerns(r *http.Request, programmeID string, limit, offset int) ([]apiConcern, error) {
	ctx := actorContext(r)
	if _, err := s.privacy.Safeguarding.OpenMissing(ctx, programmeID); err != nil {
		return nil, err
	}
	cs, err := s.privacy.Safeguarding.List(ctx, programmeID, safeguarding.Filter{})
	if err != nil {
		return nil, err
	}
	out := []apiConcern{}
	for _, c := range cs[min(offset, len(cs)):min(offset+limit, len(cs))] {
		item := apiConcern{Concern: c}
		if c.ContributionID != "" {
			contribution, err := s.privacy.Store.ContributionByID(r.Context(), c.ContributionID)
			if err != nil && domain.ErrorCode(err) != domain.ENotFound {
				return nil, err
			}
			if err == nil {
				item.ContributionText = contribution.Text
			}
		}
		out = append(out, item)
	}
	return out, nil
}
