// Package polis reads and writes Polis conversation export folders
// (comments.csv, votes.csv, participants-votes.csv and, when present,
// summary.csv), as published by The Computational Democracy Project.
//
// Polis data is licensed CC BY 4.0. Anything that ships or reproduces it must
// carry the attribution its publisher asks for; see ATTRIBUTION.md beside this
// file.
package polis

import "math"

// File names inside an export folder.
const (
	CommentsFile          = "comments.csv"
	VotesFile             = "votes.csv"
	ParticipantsVotesFile = "participants-votes.csv"
	SummaryFile           = "summary.csv"
)

// Vote values as Polis exports them.
const (
	Agree    int8 = 1
	Pass     int8 = 0
	Disagree int8 = -1
	// NoVote marks an empty cell of participants-votes.csv: the participant
	// never voted on that statement.
	NoVote int8 = math.MinInt8
)

// Moderation states of a comment.
const (
	ModeratedOut = -1
	Unmoderated  = 0
	ModeratedIn  = 1
)

// NoGroup is the GroupID of a participant Polis did not cluster.
const NoGroup = -1

// Export is one Polis conversation export, held in file order so that
// WriteDir reproduces it.
type Export struct {
	Comments     []Comment     `json:"comments"`
	Votes        []Vote        `json:"votes"`
	Participants []Participant `json:"participants"`
	// VoteColumns are the comment IDs heading the per-statement columns of
	// participants-votes.csv, in header order.
	VoteColumns []int `json:"vote_columns"`
	// HasXID records whether participants-votes.csv has an xid column
	// (newer exports do, older ones do not).
	HasXID bool `json:"has_xid"`
	// Summary holds summary.csv's key/value rows in order; nil when the
	// folder has no summary.csv.
	Summary []SummaryRow `json:"summary,omitempty"`
}

// Comment is one row of comments.csv: a statement participants voted on.
type Comment struct {
	Timestamp int64  `json:"timestamp"`
	Datetime  string `json:"datetime"`
	ID        int    `json:"id"`
	AuthorID  int    `json:"author_id"`
	Agrees    int    `json:"agrees"`
	Disagrees int    `json:"disagrees"`
	// Moderated is 1 (shown), 0 (not yet moderated) or -1 (moderated out).
	Moderated int    `json:"moderated"`
	Body      string `json:"body"`
}

// Vote is one row of votes.csv. A participant may vote on a comment more
// than once; the latest vote counts (see LatestVotes).
type Vote struct {
	Timestamp int64  `json:"timestamp"`
	Datetime  string `json:"datetime"`
	CommentID int    `json:"comment_id"`
	VoterID   int    `json:"voter_id"`
	Value     int8   `json:"value"`
}

// Participant is one row of participants-votes.csv.
type Participant struct {
	ID  int    `json:"id"`
	XID string `json:"xid,omitempty"`
	// GroupID is the opinion group Polis assigned, or NoGroup.
	GroupID   int `json:"group_id"`
	NComments int `json:"n_comments"`
	NVotes    int `json:"n_votes"`
	NAgree    int `json:"n_agree"`
	NDisagree int `json:"n_disagree"`
	// Votes is aligned with Export.VoteColumns; NoVote where the cell is empty.
	Votes []int8 `json:"votes"`
}

// SummaryRow is one key/value line of summary.csv.
type SummaryRow struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// ModeratedOutIDs returns the IDs of comments moderated out, in file order.
func (e *Export) ModeratedOutIDs() []int {
	var ids []int
	for _, c := range e.Comments {
		if c.Moderated == ModeratedOut {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// LatestVotes returns each participant's latest vote on each comment, in
// order of first appearance in votes.csv. When two votes share a timestamp
// the later row wins, since Polis appends rows as votes arrive.
func (e *Export) LatestVotes() []Vote {
	type key struct{ voter, comment int }
	at := make(map[key]int, len(e.Votes))
	var out []Vote
	for _, v := range e.Votes {
		k := key{v.VoterID, v.CommentID}
		i, seen := at[k]
		if !seen {
			at[k] = len(out)
			out = append(out, v)
			continue
		}
		if v.Timestamp >= out[i].Timestamp {
			out[i] = v
		}
	}
	return out
}

// PolisGroups maps each participant Polis clustered to its group ID.
func (e *Export) PolisGroups() map[int]int {
	groups := make(map[int]int)
	for _, p := range e.Participants {
		if p.GroupID != NoGroup {
			groups[p.ID] = p.GroupID
		}
	}
	return groups
}
