// Package dataset loads the inputs of the analyses from the store, leaving
// out withdrawn participants and moderated-out statements as the analyses
// require. Participants and statements are labelled with their external
// (Polis) IDs where they have one, otherwise with their code or number.
package dataset

import (
	"context"
	"strconv"
	"strings"

	"peervoice/analysis/opinion"
	"peervoice/domain"
)

// Opinions is the opinion analysis input for one programme, with the
// statements' texts by label for reports.
type Opinions struct {
	Input      opinion.Input
	Statements map[string]string
}

// LoadOpinions reads a programme's statements and card votes.
func LoadOpinions(ctx context.Context, st domain.Store, programmeID string) (*Opinions, error) {
	statements, err := st.Statements(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	participants, err := st.Participants(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	votes, err := st.Votes(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	o := &Opinions{Statements: map[string]string{}}
	sIdx := map[string]int32{}
	for _, s := range statements {
		label := StatementLabel(s)
		sIdx[s.ID] = int32(len(o.Input.Statements))
		o.Input.Statements = append(o.Input.Statements, label)
		o.Statements[label] = s.Text
		if s.Moderation == domain.ModeratedOut {
			o.Input.ModeratedOut = append(o.Input.ModeratedOut, label)
		}
	}
	pIdx := map[string]int32{}
	for _, p := range participants {
		if p.WithdrawnAt == nil {
			pIdx[p.ID] = int32(len(o.Input.Participants))
			o.Input.Participants = append(o.Input.Participants, ParticipantLabel(p))
		}
	}
	for _, v := range votes {
		pi, ok := pIdx[v.ParticipantID]
		if !ok {
			continue
		}
		o.Input.Votes = append(o.Input.Votes, opinion.Vote{Participant: pi, Statement: sIdx[v.StatementID], Value: int8(v.Value)})
	}
	return o, nil
}

// StatementLabel is the Polis comment ID of an imported statement, or
// "S" and its number.
func StatementLabel(s domain.Statement) string {
	if id, ok := strings.CutPrefix(s.ExternalRef, "polis:"); ok {
		return id
	}
	return "S" + strconv.Itoa(s.Number)
}

// ParticipantLabel is the Polis participant ID of an imported participant,
// or their pseudonymous code.
func ParticipantLabel(p domain.Participant) string {
	if id, ok := strings.CutPrefix(p.ExternalRef, "polis:"); ok {
		return id
	}
	return p.Code
}
