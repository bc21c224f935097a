package polis

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// WriteDir writes e into dir (created if missing) in the format ReadDir
// reads, so that ReadDir(WriteDir(e)) gives back e. summary.csv is written
// only when e.Summary is not nil.
func WriteDir(dir string, e *Export) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("polis: create %s: %w", dir, err)
	}
	files := []struct {
		name  string
		write func(*csv.Writer) error
	}{
		{CommentsFile, e.writeComments},
		{VotesFile, e.writeVotes},
		{ParticipantsVotesFile, e.writeParticipants},
	}
	if e.Summary != nil {
		files = append(files, struct {
			name  string
			write func(*csv.Writer) error
		}{SummaryFile, e.writeSummary})
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(dir, f.name), f.write); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, write func(*csv.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("polis: create %s: %w", filepath.Base(path), err)
	}
	w := csv.NewWriter(f)
	err = write(w)
	if err == nil {
		w.Flush()
		err = w.Error()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("polis: write %s: %w", filepath.Base(path), err)
	}
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }

func voteString(v int8) string {
	if v == NoVote {
		return ""
	}
	return strconv.Itoa(int(v))
}

func (e *Export) writeComments(w *csv.Writer) error {
	if err := w.Write(commentsHeader); err != nil {
		return err
	}
	for _, c := range e.Comments {
		rec := []string{strconv.FormatInt(c.Timestamp, 10), c.Datetime, itoa(c.ID), itoa(c.AuthorID),
			itoa(c.Agrees), itoa(c.Disagrees), itoa(c.Moderated), c.Body}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	return nil
}

func (e *Export) writeVotes(w *csv.Writer) error {
	if err := w.Write(votesHeader); err != nil {
		return err
	}
	rec := make([]string, len(votesHeader))
	for _, v := range e.Votes {
		rec[0], rec[1] = strconv.FormatInt(v.Timestamp, 10), v.Datetime
		rec[2], rec[3], rec[4] = itoa(v.CommentID), itoa(v.VoterID), voteString(v.Value)
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	return nil
}

func (e *Export) participantsHeaderRow() []string {
	h := []string{"participant"}
	if e.HasXID {
		h = append(h, "xid")
	}
	h = append(h, participantsFixed[1:]...)
	for _, id := range e.VoteColumns {
		h = append(h, itoa(id))
	}
	return h
}

func (e *Export) writeParticipants(w *csv.Writer) error {
	header := e.participantsHeaderRow()
	if err := w.Write(header); err != nil {
		return err
	}
	for _, p := range e.Participants {
		if len(p.Votes) != len(e.VoteColumns) {
			return fmt.Errorf("participant %d has %d votes for %d vote columns", p.ID, len(p.Votes), len(e.VoteColumns))
		}
		if err := w.Write(participantRecord(p, e.HasXID)); err != nil {
			return err
		}
	}
	return nil
}

func participantRecord(p Participant, hasXID bool) []string {
	rec := []string{itoa(p.ID)}
	if hasXID {
		rec = append(rec, p.XID)
	}
	group := ""
	if p.GroupID != NoGroup {
		group = itoa(p.GroupID)
	}
	rec = append(rec, group, itoa(p.NComments), itoa(p.NVotes), itoa(p.NAgree), itoa(p.NDisagree))
	for _, v := range p.Votes {
		rec = append(rec, voteString(v))
	}
	return rec
}

func (e *Export) writeSummary(w *csv.Writer) error {
	for _, r := range e.Summary {
		if err := w.Write([]string{r.Key, r.Value}); err != nil {
			return err
		}
	}
	return nil
}
