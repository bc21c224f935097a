// The round-trip tests read the Polis open-data exports. That data was
// gathered using the Polis software (compdemocracy.org/polis) and is
// sub-licensed under CC BY 4.0 with Attribution to The Computational
// Democracy Project; see ATTRIBUTION.md for the case-study links.
package polis

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// openDataDir is the shared Polis development set, relative to this package.
const openDataDir = "../../shared/data/polis-open-data"

func exportDirs(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(openDataDir)
	if err != nil {
		t.Skipf("Polis open data not available: %v", err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join(openDataDir, e.Name()))
		}
	}
	if len(dirs) == 0 {
		t.Skip("no Polis exports found")
	}
	return dirs
}

func TestRoundTripRealExports(t *testing.T) {
	for _, dir := range exportDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			e, err := ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(e.Comments) == 0 || len(e.Votes) == 0 || len(e.Participants) == 0 {
				t.Fatalf("empty export: %d comments, %d votes, %d participants", len(e.Comments), len(e.Votes), len(e.Participants))
			}
			out := t.TempDir()
			if err := WriteDir(out, e); err != nil {
				t.Fatal(err)
			}
			back, err := ReadDir(out)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(e, back) {
				t.Fatal("export read back differs from the one written")
			}
			for _, name := range []string{CommentsFile, VotesFile, ParticipantsVotesFile, SummaryFile} {
				assertSameBytes(t, filepath.Join(dir, name), filepath.Join(out, name))
			}
		})
	}
}

func assertSameBytes(t *testing.T, want, got string) {
	t.Helper()
	a, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(got)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("%s: written file differs from the original (%d vs %d bytes)", filepath.Base(want), len(b), len(a))
	}
}

func TestRealExportContents(t *testing.T) {
	for _, dir := range exportDirs(t) {
		e, err := ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		latest := e.LatestVotes()
		if len(latest) > len(e.Votes) {
			t.Errorf("%s: %d latest votes from %d rows", dir, len(latest), len(e.Votes))
		}
		// participants-votes.csv holds each participant's latest vote; it
		// must agree with what LatestVotes derives from votes.csv.
		checkLatestMatchesMatrix(t, e, latest)
	}
}

func checkLatestMatchesMatrix(t *testing.T, e *Export, latest []Vote) {
	t.Helper()
	col := map[int]int{}
	for i, id := range e.VoteColumns {
		col[id] = i
	}
	row := map[int]int{}
	for i, p := range e.Participants {
		row[p.ID] = i
	}
	mismatches := 0
	for _, v := range latest {
		i, okP := row[v.VoterID]
		j, okC := col[v.CommentID]
		if !okP || !okC || e.Participants[i].Votes[j] != v.Value {
			mismatches++
		}
	}
	if mismatches > 0 {
		t.Errorf("%d of %d latest votes disagree with participants-votes.csv", mismatches, len(latest))
	}
}

func TestLatestVoteWins(t *testing.T) {
	e := &Export{Votes: []Vote{
		{Timestamp: 10, CommentID: 1, VoterID: 7, Value: Agree},
		{Timestamp: 30, CommentID: 1, VoterID: 8, Value: Pass},
		{Timestamp: 20, CommentID: 1, VoterID: 7, Value: Disagree},
		{Timestamp: 15, CommentID: 1, VoterID: 7, Value: Pass}, // older than the previous row
	}}
	got := e.LatestVotes()
	if len(got) != 2 {
		t.Fatalf("got %d votes, want 2", len(got))
	}
	if got[0].VoterID != 7 || got[0].Value != Disagree || got[0].Timestamp != 20 {
		t.Errorf("voter 7: got %+v, want the disagree at t=20", got[0])
	}
	if got[1].VoterID != 8 || got[1].Value != Pass {
		t.Errorf("voter 8: got %+v", got[1])
	}
}

// writeExport writes a small valid export, then lets the test corrupt one file.
func writeExport(t *testing.T, corrupt map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		CommentsFile: "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n" +
			"100,Mon,0,1,1,0,1,\"Hello, world\"\n101,Mon,1,1,0,1,-1,Gone\n",
		VotesFile:             "timestamp,datetime,comment-id,voter-id,vote\n100,Mon,0,1,1\n101,Mon,1,1,-1\n",
		ParticipantsVotesFile: "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n1,0,2,2,1,1,1,-1\n2,,0,0,0,0,,\n",
	}
	for name, body := range corrupt {
		files[name] = body
	}
	for name, body := range files {
		if body == "" {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReadSmallExport(t *testing.T) {
	e, err := ReadDir(writeExport(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if got := e.ModeratedOutIDs(); !reflect.DeepEqual(got, []int{1}) {
		t.Errorf("moderated out = %v, want [1]", got)
	}
	if e.Comments[0].Body != "Hello, world" {
		t.Errorf("body = %q", e.Comments[0].Body)
	}
	if e.Participants[1].GroupID != NoGroup || e.Participants[1].Votes[0] != NoVote {
		t.Errorf("participant 2 = %+v, want no group and no votes", e.Participants[1])
	}
	if g := e.PolisGroups(); !reflect.DeepEqual(g, map[int]int{1: 0}) {
		t.Errorf("groups = %v", g)
	}
	if e.Summary != nil {
		t.Errorf("summary = %v, want nil without summary.csv", e.Summary)
	}
}

func TestReadErrorsNameFileRowColumn(t *testing.T) {
	cases := []struct {
		name    string
		corrupt map[string]string
		want    []string
	}{
		{"missing file", map[string]string{VotesFile: ""}, []string{"votes.csv", "no such file"}},
		{"bad vote", map[string]string{VotesFile: "timestamp,datetime,comment-id,voter-id,vote\n100,Mon,0,1,1\n101,Mon,1,1,2\n"},
			[]string{"votes.csv", "row 2", `column "vote"`, `"2"`}},
		{"wrong header", map[string]string{VotesFile: "timestamp,datetime,comment-id,participant,vote\n"},
			[]string{"votes.csv", "column 4", `"participant"`, `"voter-id"`}},
		{"truncated row", map[string]string{CommentsFile: "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n100,Mon,0,1\n"},
			[]string{"comments.csv", "row 1", "wrong number of fields"}},
		{"truncated header", map[string]string{ParticipantsVotesFile: "participant,group-id,n-comm\n"},
			[]string{"participants-votes.csv", "header"}},
		{"bad matrix vote", map[string]string{ParticipantsVotesFile: "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n1,0,2,2,1,1,1,yes\n"},
			[]string{"participants-votes.csv", "row 1", `column "1"`, "yes"}},
		{"bad moderation", map[string]string{CommentsFile: "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n100,Mon,0,1,1,0,5,x\n"},
			[]string{"comments.csv", "row 1", `column "moderated"`}},
		{"empty file", map[string]string{CommentsFile: "\n"}, []string{"comments.csv", "empty"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadDir(writeExport(t, c.corrupt))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}
