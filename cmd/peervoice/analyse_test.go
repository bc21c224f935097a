package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"peervoice/analysis/opinion"
	"peervoice/polis"
)

func runMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" })
	return code, stdout.String(), stderr.String()
}

// plantedExport writes a Polis export of a synthetic conversation whose
// group-id column holds the planted groups, so our analysis should agree
// with it closely.
func plantedExport(t *testing.T) string {
	t.Helper()
	in, truth := opinion.Synthetic(opinion.SyntheticSpec{Participants: 150, Statements: 30, Votes: 150 * 20, Groups: 3, Agreement: 0.9, Seed: 5})
	e := &polis.Export{}
	for s := range in.Statements {
		e.Comments = append(e.Comments, polis.Comment{Timestamp: int64(s), Datetime: "d", ID: s, Moderated: polis.ModeratedIn, Body: "statement " + strconv.Itoa(s)})
		e.VoteColumns = append(e.VoteColumns, s)
	}
	for p := range in.Participants {
		e.Participants = append(e.Participants, polis.Participant{ID: p, GroupID: truth[p], Votes: make([]int8, len(in.Statements))})
		for s := range in.Statements {
			e.Participants[p].Votes[s] = polis.NoVote
		}
	}
	for i, v := range in.Votes {
		e.Votes = append(e.Votes, polis.Vote{Timestamp: int64(i), Datetime: "d", CommentID: int(v.Statement), VoterID: int(v.Participant), Value: v.Value})
		e.Participants[v.Participant].Votes[v.Statement] = v.Value
	}
	dir := filepath.Join(t.TempDir(), "planted")
	if err := polis.WriteDir(dir, e); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestAnalyseListsAnalyses(t *testing.T) {
	code, out, _ := runMain(t, "analyse")
	if code != 0 || !strings.Contains(out, "agreement") {
		t.Errorf("exit %d, output %q: want the agreement analysis listed", code, out)
	}
	code, _, errOut := runMain(t, "analyse", "nonsense")
	if code != 2 || !strings.Contains(errOut, "nonsense") {
		t.Errorf("unknown analysis: exit %d, stderr %q, want usage error 2", code, errOut)
	}
}

func TestAnalyseAgreementPlanted(t *testing.T) {
	dir := plantedExport(t)
	code, out, errOut := runMain(t, "analyse", "agreement", "--format", "json", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rows []agreementRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("output is not JSON rows: %v\n%s", err, out)
	}
	if len(rows) != 1 || rows[0].Export != "planted" {
		t.Fatalf("rows = %+v", rows)
	}
	r := rows[0]
	if r.PolisGroups != 3 || r.OurGroups != 3 || r.ARI < 0.95 || r.BothClustered != 150 {
		t.Errorf("row = %+v, want 3 groups each, all 150 clustered, ARI >= 0.95", r)
	}
	code, text, _ := runMain(t, "analyse", "agreement", dir)
	if code != 0 || !strings.Contains(text, "planted") || !strings.Contains(text, "CC BY 4.0") {
		t.Errorf("text output: exit %d\n%s", code, text)
	}
}

func TestAnalyseAgreementBadExport(t *testing.T) {
	dir := plantedExport(t)
	if err := os.Remove(filepath.Join(dir, "votes.csv")); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runMain(t, "analyse", "agreement", dir)
	if code != 1 || !strings.Contains(errOut, "votes.csv") {
		t.Errorf("exit %d, stderr %q: want an error naming votes.csv", code, errOut)
	}
	code, _, _ = runMain(t, "analyse", "agreement", "--format", "xml", dir)
	if code != 2 {
		t.Errorf("bad --format: exit %d, want 2", code)
	}
}

// The default folders are the shared Polis development exports (CC BY 4.0,
// The Computational Democracy Project; see polis/ATTRIBUTION.md).
func TestAnalyseAgreementDefaultFolders(t *testing.T) {
	if _, err := os.Stat("../../" + defaultPolisData); err != nil {
		t.Skip("shared Polis data not available")
	}
	code, out, errOut := runMain(t, "analyse", "agreement", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rows []agreementRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) < 1 {
		t.Fatal("no exports compared")
	}
	for _, r := range rows {
		if r.OursClustered == 0 || r.PolisGroups == 0 || r.ARI < -1 || r.ARI > 1 {
			t.Errorf("implausible row %+v", r)
		}
	}
}
