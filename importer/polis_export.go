package importer

import (
	"cmp"
	"context"
	"peervoice/analysis/dataset"
	"slices"
	"strconv"

	"peervoice/analysis/opinion"
	"peervoice/domain"
	"peervoice/polis"
)

// polisDatetime is the layout of Polis' datetime column.
const polisDatetime = "Mon Jan 02 15:04:05 MST 2006"

// ExportPolis builds a Polis export of a programme's statements and votes.
// Polis IDs kept at import are reused; statements and participants created
// in peervoice get the statement number and their position instead. Groups
// come from peervoice's own opinion analysis. Withdrawn participants are
// left out, as from every output.
func ExportPolis(ctx context.Context, st domain.Store, programmeID string) (*polis.Export, error) {
	p, err := st.Programme(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	cards, err := dataset.LoadCards(ctx, st, programmeID)
	if err != nil {
		return nil, err
	}
	statements, participants, votes := cards.Statements, cards.Participants, cards.Votes
	x := &exporter{e: &polis.Export{HasXID: true}, comment: map[string]int{}, voter: map[string]int{}}
	x.addComments(statements)
	x.addVoters(participants)
	x.addVotes(votes)
	x.addParticipants(participants, votes)
	withdrawn, err := st.WithdrawalCount(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	// Withdrawn participants are left out; their number is the one figure
	// about them that the export states.
	x.e.Summary = []polis.SummaryRow{{Key: "topic", Value: p.Title}, {Key: "voters", Value: strconv.Itoa(len(x.e.Participants))},
		{Key: "comments", Value: strconv.Itoa(len(x.e.Comments))}, {Key: "groups", Value: strconv.Itoa(x.groups)},
		{Key: "withdrawals", Value: strconv.Itoa(withdrawn)}}
	return x.e, nil
}

type exporter struct {
	e       *polis.Export
	comment map[string]int // statement ID → Polis comment ID
	voter   map[string]int // participant ID → Polis participant ID
	groups  int
}

func (x *exporter) addComments(statements []domain.Statement) {
	for _, s := range statements {
		id, ok := polis.ParseRef(s.ExternalRef)
		if !ok {
			id = s.Number
		}
		author, _ := strconv.Atoi(s.AuthorRef)
		x.comment[s.ID] = id
		x.e.Comments = append(x.e.Comments, polis.Comment{Timestamp: s.CreatedAt.UnixMilli(),
			Datetime: s.CreatedAt.UTC().Format(polisDatetime), ID: id, AuthorID: author, Moderated: s.Moderation, Body: s.Text})
		x.e.VoteColumns = append(x.e.VoteColumns, id)
	}
	slices.SortFunc(x.e.Comments, func(a, b polis.Comment) int { return cmp.Compare(a.ID, b.ID) })
	slices.Sort(x.e.VoteColumns)
}

func (x *exporter) addVoters(participants []domain.Participant) {
	for i, p := range participants {
		if p.WithdrawnAt != nil {
			continue
		}
		id, ok := polis.ParseRef(p.ExternalRef)
		if !ok {
			id = 1_000_000 + i
		}
		x.voter[p.ID] = id
	}
}

func (x *exporter) addVotes(votes []domain.Vote) {
	agrees, disagrees := map[int]int{}, map[int]int{}
	for _, v := range votes {
		voter, ok := x.voter[v.ParticipantID]
		if !ok {
			continue
		}
		c := x.comment[v.StatementID]
		x.e.Votes = append(x.e.Votes, polis.Vote{Timestamp: v.CreatedAt.UnixMilli(), Datetime: v.CreatedAt.UTC().Format(polisDatetime),
			CommentID: c, VoterID: voter, Value: int8(v.Value)})
		switch v.Value {
		case domain.Agree:
			agrees[c]++
		case domain.Disagree:
			disagrees[c]++
		}
	}
	slices.SortStableFunc(x.e.Votes, func(a, b polis.Vote) int { return cmp.Compare(a.Timestamp, b.Timestamp) })
	for i := range x.e.Comments {
		c := &x.e.Comments[i]
		c.Agrees, c.Disagrees = agrees[c.ID], disagrees[c.ID]
	}
}

// addParticipants writes participants-votes.csv rows, with each voter's
// group from peervoice's opinion analysis.
func (x *exporter) addParticipants(participants []domain.Participant, votes []domain.Vote) {
	groups := x.opinionGroups()
	col := map[int]int{}
	for i, c := range x.e.VoteColumns {
		col[c] = i
	}
	rows := map[int]*polis.Participant{}
	for _, p := range participants {
		id, ok := x.voter[p.ID]
		if !ok {
			continue
		}
		row := &polis.Participant{ID: id, GroupID: polis.NoGroup, Votes: make([]int8, len(x.e.VoteColumns))}
		for i := range row.Votes {
			row.Votes[i] = polis.NoVote
		}
		if g, ok := groups[id]; ok {
			row.GroupID = g
		}
		rows[id] = row
	}
	for _, v := range x.e.Votes {
		row := rows[v.VoterID]
		row.Votes[col[v.CommentID]] = v.Value
		row.NVotes++
		row.NAgree += b2i(v.Value == polis.Agree)
		row.NDisagree += b2i(v.Value == polis.Disagree)
	}
	for _, c := range x.e.Comments {
		if row, ok := rows[c.AuthorID]; ok {
			row.NComments++
		}
	}
	for _, row := range rows {
		x.e.Participants = append(x.e.Participants, *row)
	}
	slices.SortFunc(x.e.Participants, func(a, b polis.Participant) int { return cmp.Compare(a.ID, b.ID) })
}

func (x *exporter) opinionGroups() map[int]int {
	res, err := opinion.Analyse(x.e.OpinionInput(), opinion.Options{})
	out := map[int]int{}
	if err != nil {
		return out
	}
	x.groups = res.K
	for _, p := range res.Participants {
		if id, err := strconv.Atoi(p.ID); err == nil && p.Group >= 0 {
			out[id] = p.Group
		}
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
