package polis

import (
	"strconv"

	"peervoice/analysis/opinion"
)

// OpinionInput turns the export into the input of opinion.Analyse:
// every voter, every comment (plus any comment only seen in votes),
// moderated-out comments, and each participant's latest vote per comment.
// IDs are the Polis IDs in decimal.
func (e *Export) OpinionInput() opinion.Input {
	var in opinion.Input
	sIdx := map[int]int32{}
	addStatement := func(id int) int32 {
		i, ok := sIdx[id]
		if !ok {
			i = int32(len(in.Statements))
			sIdx[id] = i
			in.Statements = append(in.Statements, strconv.Itoa(id))
		}
		return i
	}
	for _, c := range e.Comments {
		addStatement(c.ID)
	}
	for _, id := range e.ModeratedOutIDs() {
		in.ModeratedOut = append(in.ModeratedOut, strconv.Itoa(id))
	}
	pIdx := map[int]int32{}
	for _, v := range e.LatestVotes() {
		p, ok := pIdx[v.VoterID]
		if !ok {
			p = int32(len(in.Participants))
			pIdx[v.VoterID] = p
			in.Participants = append(in.Participants, strconv.Itoa(v.VoterID))
		}
		in.Votes = append(in.Votes, opinion.Vote{Participant: p, Statement: addStatement(v.CommentID), Value: v.Value})
	}
	return in
}
