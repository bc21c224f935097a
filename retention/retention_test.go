package retention

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCountsString(t *testing.T) {
	cases := map[Counts]string{
		{}:                                   "nothing",
		{Contributions: 1}:                   "1 contribution",
		{RawTexts: 2, Votes: 1, DotVotes: 3}: "2 raw texts, 1 statement vote, 3 dot votes",
	}
	for c, want := range cases {
		if got := c.String(); got != want {
			t.Errorf("%+v: %q, want %q", c, got, want)
		}
	}
	var sum Counts
	sum.Add(Counts{Contributions: 2, Withdrawals: 1})
	sum.Add(Counts{Contributions: 3, Notes: 1})
	if sum != (Counts{Contributions: 5, Notes: 1, Withdrawals: 1}) {
		t.Fatalf("add: %+v", sum)
	}
}

func TestJournalRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.jsonl")
	at := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	a := []Deletion{{ProgrammeID: "p", Kind: RawText, RecordID: "c1", DeletedAt: at}}
	b := []Deletion{{ProgrammeID: "p", Kind: Withdrawal, RecordID: "x1", DeletedAt: at}, {Kind: ProgrammeData, RecordID: "p", DeletedAt: at}}
	if err := appendJournal(path, a); err != nil {
		t.Fatal(err)
	}
	if err := appendJournal(path, b); err != nil {
		t.Fatal(err)
	}
	got, err := readJournal(path)
	if err != nil || len(got) != 3 || got[1].Kind != Withdrawal || got[2].RecordID != "p" || !got[0].DeletedAt.Equal(at) {
		t.Fatalf("journal: %+v %v", got, err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Fatalf("journal mode %v", info.Mode().Perm())
	}
	if got, err := readJournal(filepath.Join(t.TempDir(), "none")); err != nil || len(got) != 0 {
		t.Fatalf("missing journal: %v %v", got, err)
	}
	if got, err := readJournal(""); err != nil || got != nil {
		t.Fatalf("no journal: %v %v", got, err)
	}
}

func TestJournalTornTailIgnoredDamageRefused(t *testing.T) {
	dir := t.TempDir()
	good := `{"programme_id":"p","kind":"raw_text","record_id":"c1","deleted_at":"2027-01-01T00:00:00Z"}`
	torn := filepath.Join(dir, "torn.jsonl")
	os.WriteFile(torn, []byte(good+"\n"+`{"programme_id":"p","ki`), 0o600)
	got, err := readJournal(torn)
	if err != nil || len(got) != 1 {
		t.Fatalf("torn last line: %+v %v", got, err)
	}
	damaged := filepath.Join(dir, "damaged.jsonl")
	os.WriteFile(damaged, []byte("garbage\n"+good+"\n"), 0o600)
	if _, err := readJournal(damaged); err == nil || !strings.Contains(err.Error(), "line 1 is damaged") {
		t.Fatalf("damaged middle line: %v", err)
	}
}
