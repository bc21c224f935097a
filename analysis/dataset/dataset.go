// Package dataset loads the inputs of the analyses from the store, leaving
// out withdrawn participants and moderated-out statements as the analyses
// require. Participants and statements are labelled with their external
// (Polis) IDs where they have one, otherwise with their code or number.
package dataset

import (
	"context"
	"strconv"

	"peervoice/analysis/opinion"
	"peervoice/domain"
	"peervoice/polis"
)

// Opinions is the opinion analysis input for one programme, with the
// statements' texts by label for reports.
type Opinions struct {
	Input      opinion.Input
	Statements map[string]string
}

// Cards is everything about a programme's statement cards: statements,
// participants (withdrawn ones included, for callers to leave out) and the
// votes of those who have not withdrawn.
type Cards struct {
	Statements   []domain.Statement
	Participants []domain.Participant
	Votes        []domain.Vote
}

// LoadCards reads a programme's statements, participants and card votes.
func LoadCards(ctx context.Context, st domain.Store, programmeID string) (*Cards, error) {
	var c Cards
	var err error
	if c.Statements, err = st.Statements(ctx, programmeID); err != nil {
		return nil, err
	}
	if c.Participants, err = st.Participants(ctx, programmeID); err != nil {
		return nil, err
	}
	if c.Votes, err = st.Votes(ctx, programmeID); err != nil {
		return nil, err
	}
	return &c, nil
}

// LoadOpinions reads a programme's statements and card votes.
func LoadOpinions(ctx context.Context, st domain.Store, programmeID string) (*Opinions, error) {
	cards, err := LoadCards(ctx, st, programmeID)
	if err != nil {
		return nil, err
	}
	statements, participants, votes := cards.Statements, cards.Participants, cards.Votes
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
	if id, ok := polis.ParseRef(s.ExternalRef); ok {
		return strconv.Itoa(id)
	}
	return "S" + strconv.Itoa(s.Number)
}

// ParticipantLabel is the Polis participant ID of an imported participant,
// or their pseudonymous code.
func ParticipantLabel(p domain.Participant) string {
	if id, ok := polis.ParseRef(p.ExternalRef); ok {
		return strconv.Itoa(id)
	}
	return p.Code
}
