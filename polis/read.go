package polis

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

var (
	commentsHeader = []string{"timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "comment-body"}
	votesHeader    = []string{"timestamp", "datetime", "comment-id", "voter-id", "vote"}
	// participantsFixed are the leading columns of participants-votes.csv,
	// without the optional xid column; the rest are one per comment ID.
	participantsFixed = []string{"participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"}
)

// ReadDir reads the Polis export in dir. comments.csv, votes.csv and
// participants-votes.csv are required; summary.csv is read when present.
// Each file is streamed row by row.
func ReadDir(dir string) (*Export, error) {
	e := &Export{}
	steps := []struct {
		name string
		read func(*table) error
	}{
		{CommentsFile, e.readComments},
		{VotesFile, e.readVotes},
		{ParticipantsVotesFile, e.readParticipants},
	}
	for _, s := range steps {
		if err := readFile(filepath.Join(dir, s.name), s.read); err != nil {
			return nil, err
		}
	}
	err := readFile(filepath.Join(dir, SummaryFile), e.readSummary)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	return e, nil
}

// table is a CSV file being streamed, remembering where it is so that
// errors can name the file, row and column.
type table struct {
	name   string
	r      *csv.Reader
	header []string
	rec    []string
	row    int // 1-based data row; the header is row 0
}

func readFile(path string, read func(*table) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("polis: open %s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	return read(&table{name: filepath.Base(path), r: r})
}

// readHeader reads the header row; the CSV reader then insists every row
// has as many fields, which catches truncated rows.
func (t *table) readHeader() error {
	rec, err := t.r.Read()
	if err == io.EOF {
		return fmt.Errorf("polis: %s: empty file, expected a header row", t.name)
	}
	if err != nil {
		return fmt.Errorf("polis: %s header: %w", t.name, err)
	}
	t.header = append([]string(nil), rec...)
	return nil
}

// next reads the next data row; it returns false at the end of the file.
func (t *table) next() (bool, error) {
	rec, err := t.r.Read()
	if err == io.EOF {
		return false, nil
	}
	t.row++
	if err != nil {
		return false, fmt.Errorf("polis: %s row %d: %w", t.name, t.row, err)
	}
	t.rec = rec
	return true, nil
}

// errAt reports a bad cell, naming file, row, line and column.
func (t *table) errAt(col int, format string, args ...any) error {
	line, _ := t.r.FieldPos(col)
	return fmt.Errorf("polis: %s row %d (line %d) column %q: %s",
		t.name, t.row, line, t.header[col], fmt.Sprintf(format, args...))
}

func (t *table) expectHeader(want []string) error {
	if len(t.header) != len(want) {
		return fmt.Errorf("polis: %s: header has %d columns %q, want %q", t.name, len(t.header), t.header, want)
	}
	for i, w := range want {
		if t.header[i] != w {
			return fmt.Errorf("polis: %s: header column %d is %q, want %q", t.name, i+1, t.header[i], w)
		}
	}
	return nil
}

func (t *table) int(col int) (int, error) {
	n, err := strconv.Atoi(t.rec[col])
	if err != nil {
		return 0, t.errAt(col, "not an integer: %q", t.rec[col])
	}
	return n, nil
}

func (t *table) int64(col int) (int64, error) {
	n, err := strconv.ParseInt(t.rec[col], 10, 64)
	if err != nil {
		return 0, t.errAt(col, "not an integer: %q", t.rec[col])
	}
	return n, nil
}

// vote parses a vote cell; empty is allowed only when allowEmpty.
func (t *table) vote(col int, allowEmpty bool) (int8, error) {
	switch s := t.rec[col]; s {
	case "1":
		return Agree, nil
	case "0":
		return Pass, nil
	case "-1":
		return Disagree, nil
	case "":
		if allowEmpty {
			return NoVote, nil
		}
	}
	return 0, t.errAt(col, "bad vote value %q (want 1, 0 or -1)", t.rec[col])
}

// ints parses the given columns in order, stopping at the first bad one.
func (t *table) ints(cols ...int) ([]int, error) {
	out := make([]int, len(cols))
	for i, c := range cols {
		n, err := t.int(c)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

func (e *Export) readComments(t *table) error {
	if err := t.readHeader(); err != nil {
		return err
	}
	if err := t.expectHeader(commentsHeader); err != nil {
		return err
	}
	for {
		ok, err := t.next()
		if !ok || err != nil {
			return err
		}
		c, err := parseComment(t)
		if err != nil {
			return err
		}
		e.Comments = append(e.Comments, c)
	}
}

func parseComment(t *table) (Comment, error) {
	ts, err := t.int64(0)
	if err != nil {
		return Comment{}, err
	}
	n, err := t.ints(2, 3, 4, 5, 6)
	if err != nil {
		return Comment{}, err
	}
	if n[4] < ModeratedOut || n[4] > ModeratedIn {
		return Comment{}, t.errAt(6, "bad moderation status %d (want -1, 0 or 1)", n[4])
	}
	return Comment{Timestamp: ts, Datetime: t.rec[1], ID: n[0], AuthorID: n[1],
		Agrees: n[2], Disagrees: n[3], Moderated: n[4], Body: t.rec[7]}, nil
}

func (e *Export) readVotes(t *table) error {
	if err := t.readHeader(); err != nil {
		return err
	}
	if err := t.expectHeader(votesHeader); err != nil {
		return err
	}
	for {
		ok, err := t.next()
		if !ok || err != nil {
			return err
		}
		v, err := parseVote(t)
		if err != nil {
			return err
		}
		e.Votes = append(e.Votes, v)
	}
}

func parseVote(t *table) (Vote, error) {
	ts, err := t.int64(0)
	if err != nil {
		return Vote{}, err
	}
	n, err := t.ints(2, 3)
	if err != nil {
		return Vote{}, err
	}
	val, err := t.vote(4, false)
	if err != nil {
		return Vote{}, err
	}
	return Vote{Timestamp: ts, Datetime: t.rec[1], CommentID: n[0], VoterID: n[1], Value: val}, nil
}

func (e *Export) readParticipants(t *table) error {
	if err := t.readHeader(); err != nil {
		return err
	}
	fixed, err := e.participantsHeader(t)
	if err != nil {
		return err
	}
	for {
		ok, err := t.next()
		if !ok || err != nil {
			return err
		}
		p, err := parseParticipant(t, fixed, e.HasXID)
		if err != nil {
			return err
		}
		e.Participants = append(e.Participants, p)
	}
}

// participantsHeader checks the fixed columns, detects the optional xid
// column and reads the comment IDs heading the vote columns. It returns
// the number of fixed columns.
func (e *Export) participantsHeader(t *table) (int, error) {
	want := participantsFixed
	e.HasXID = len(t.header) > 1 && t.header[1] == "xid"
	if e.HasXID {
		want = append([]string{"participant", "xid"}, participantsFixed[1:]...)
	}
	if len(t.header) < len(want) {
		return 0, fmt.Errorf("polis: %s: header has %d columns, want at least %q", t.name, len(t.header), want)
	}
	for i := range want {
		if t.header[i] != want[i] {
			return 0, fmt.Errorf("polis: %s: header column %d is %q, want %q", t.name, i+1, t.header[i], want[i])
		}
	}
	for i := len(want); i < len(t.header); i++ {
		id, err := strconv.Atoi(t.header[i])
		if err != nil {
			return 0, fmt.Errorf("polis: %s: header column %d is %q, want a comment ID", t.name, i+1, t.header[i])
		}
		e.VoteColumns = append(e.VoteColumns, id)
	}
	return len(want), nil
}

func parseParticipant(t *table, fixed int, hasXID bool) (Participant, error) {
	cols := []int{0, 1, 2, 3, 4, 5}
	var p Participant
	if hasXID {
		cols = []int{0, 2, 3, 4, 5, 6}
		p.XID = t.rec[1]
	}
	n, err := participantCounts(t, cols)
	if err != nil {
		return Participant{}, err
	}
	p.ID, p.GroupID, p.NComments, p.NVotes, p.NAgree, p.NDisagree = n[0], n[1], n[2], n[3], n[4], n[5]
	p.Votes = make([]int8, len(t.rec)-fixed)
	for i := range p.Votes {
		if p.Votes[i], err = t.vote(fixed+i, true); err != nil {
			return Participant{}, err
		}
	}
	return p, nil
}

// participantCounts parses participant, group-id and the counts; an empty
// group-id means Polis did not cluster the participant.
func participantCounts(t *table, cols []int) ([]int, error) {
	out := make([]int, len(cols))
	for i, c := range cols {
		if i == 1 && strings.TrimSpace(t.rec[c]) == "" {
			out[i] = NoGroup
			continue
		}
		n, err := t.int(c)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

func (e *Export) readSummary(t *table) error {
	t.r.FieldsPerRecord = -1
	e.Summary = []SummaryRow{}
	for {
		ok, err := t.next()
		if !ok || err != nil {
			return err
		}
		if len(t.rec) != 2 {
			return fmt.Errorf("polis: %s row %d: %d fields, want key,value", t.name, t.row, len(t.rec))
		}
		e.Summary = append(e.Summary, SummaryRow{Key: t.rec[0], Value: t.rec[1]})
	}
}
