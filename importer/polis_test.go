package importer

// The Polis exports used here are real public conversations. Data was
// gathered using the Polis software (compdemocracy.org/polis) and is
// sub-licensed under CC BY 4.0 with Attribution to The Computational
// Democracy Project; see ../shared/data/polis-open-data/README.md.

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"peervoice/domain"
	"peervoice/polis"
	"peervoice/store"
)

const polisData = "../../shared/data/polis-open-data"

func polisDirs(t *testing.T) []string {
	dirs, _ := filepath.Glob(filepath.Join(polisData, "*", "comments.csv"))
	if len(dirs) == 0 {
		t.Fatalf("no Polis exports under %s", polisData)
	}
	for i := range dirs {
		dirs[i] = filepath.Dir(dirs[i])
	}
	return dirs
}

func openStore(t *testing.T) *store.DB {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

type commentKey struct {
	id, author, moderated int
	body                  string
}

type voteKey struct {
	voter, comment int
	value          int8
	ts             int64
}

func comments(e *polis.Export) map[commentKey]bool {
	m := map[commentKey]bool{}
	for _, c := range e.Comments {
		m[commentKey{c.ID, c.AuthorID, c.Moderated, c.Body}] = true
	}
	return m
}

func latestVotes(e *polis.Export) map[voteKey]bool {
	m := map[voteKey]bool{}
	for _, v := range e.LatestVotes() {
		m[voteKey{v.VoterID, v.CommentID, v.Value, v.Timestamp}] = true
	}
	return m
}

func sameSet[K comparable](t *testing.T, what string, a, b map[K]bool) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s: %d before, %d after", what, len(a), len(b))
	}
	for k := range a {
		if !b[k] {
			t.Fatalf("%s: %+v lost in the round trip", what, k)
		}
	}
}

// TestPolisRoundTrip imports each real export, exports it back, and checks
// that statements and latest votes survive exactly; then imports the
// export again into a fresh database and checks again.
func TestPolisRoundTrip(t *testing.T) {
	ctx := context.Background()
	for _, dir := range polisDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			orig, err := polis.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			db := openStore(t)
			res, err := ImportPolis(ctx, db, orig, PolisOptions{Name: filepath.Base(dir)})
			if err != nil {
				t.Fatal(err)
			}
			out, err := ExportPolis(ctx, db, res.Programme.ID)
			if err != nil {
				t.Fatal(err)
			}
			sameSet(t, "statements", comments(orig), comments(out))
			sameSet(t, "votes", latestVotes(orig), latestVotes(out))
			written := t.TempDir()
			if err := polis.WriteDir(written, out); err != nil {
				t.Fatal(err)
			}
			reread, err := polis.ReadDir(written)
			if err != nil {
				t.Fatal(err)
			}
			db2 := openStore(t)
			res2, err := ImportPolis(ctx, db2, reread, PolisOptions{Name: "again"})
			if err != nil {
				t.Fatal(err)
			}
			again, err := ExportPolis(ctx, db2, res2.Programme.ID)
			if err != nil {
				t.Fatal(err)
			}
			sameSet(t, "statements (second trip)", comments(orig), comments(again))
			sameSet(t, "votes (second trip)", latestVotes(orig), latestVotes(again))
		})
	}
}

func TestPolisReimportIsNoOp(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(polisData, "london.youth.policing")
	e, err := polis.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	db := openStore(t)
	res, err := ImportPolis(ctx, db, e, PolisOptions{Name: "london"})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := db.Stats(ctx)
	again, err := ImportPolis(ctx, db, e, PolisOptions{Programme: res.Programme.Slug})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := db.Stats(ctx)
	if again.Statements != 0 || again.Participants != 0 || before != after {
		t.Fatalf("re-import changed things: %+v, %+v → %+v", again, before, after)
	}
	moderatedOut := 0
	sts, _ := db.Statements(ctx, res.Programme.ID)
	for _, s := range sts {
		if s.Moderation == domain.ModeratedOut {
			moderatedOut++
		}
	}
	if moderatedOut != len(e.ModeratedOutIDs()) || moderatedOut == 0 {
		t.Fatalf("moderated out: %d, want %d", moderatedOut, len(e.ModeratedOutIDs()))
	}
}

func TestPolisBadVoteRejectedWhole(t *testing.T) {
	ctx := context.Background()
	e, err := polis.ReadDir(filepath.Join(polisData, "london.youth.policing"))
	if err != nil {
		t.Fatal(err)
	}
	e.Votes = append(e.Votes, polis.Vote{Timestamp: 1, CommentID: 99999, VoterID: 1, Value: 1})
	db := openStore(t)
	_, err = ImportPolis(ctx, db, e, PolisOptions{Name: "bad"})
	if domain.ErrorCode(err) != domain.EInvalid {
		t.Fatalf("err = %v", err)
	}
	st, _ := db.Stats(ctx)
	if st.Programmes != 0 || st.Statements != 0 || st.Votes != 0 {
		t.Fatalf("partial import left data: %+v", st)
	}
}

func TestMain(m *testing.M) {
	if _, err := os.Stat(polisData); err != nil {
		// The shared data sits beside the project root; without it these
		// tests cannot run at all, which is a setup error worth failing on.
		println("importer tests need", polisData)
		os.Exit(1)
	}
	os.Exit(m.Run())
}
