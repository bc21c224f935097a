package importer

import (
	"fmt"
	"strconv"
	"strings"

	"peervoice/domain"
)

// FormatName is the value of the `format` cell that opens every capture
// file; the number after the dash is the format version.
const FormatName = "peervoice-capture-1"

// Kind is the kind of a capture row: what was written on which sheet.
type Kind string

// The kinds of capture row.
const (
	KindContribution  Kind = "contribution"
	KindDebate        Kind = "debate"
	KindStatementVote Kind = "statement_vote"
	KindDots          Kind = "dots"
	KindRanking       Kind = "ranking"
)

// Kinds lists the row kinds in the order the printed sheets come in.
var Kinds = []Kind{KindContribution, KindDebate, KindStatementVote, KindDots, KindRanking}

// Columns of the one-table CSV layout, in their canonical order.
const (
	colKind = iota
	colActivity
	colArea
	colParticipant
	colPhase
	colPosition
	colStatement
	colVote
	colOption
	colCount
	colText
	colRank
	nCols
)

// CSVColumns are the CSV header names, in the order templates write them.
var CSVColumns = [nCols]string{"kind", "activity", "area", "participant", "phase", "position",
	"statement", "vote", "option", "count", "text", "rank"}

// kindColumns says which columns each kind of row uses; anything else
// filled in is a sign of a shifted row and is reported.
var kindColumns = map[Kind][]int{
	KindContribution:  {colActivity, colArea, colParticipant, colText},
	KindDebate:        {colActivity, colParticipant, colPhase, colPosition, colCount},
	KindStatementVote: {colParticipant, colStatement, colVote},
	KindDots:          {colActivity, colParticipant, colOption, colCount},
	KindRanking:       {colActivity, colParticipant, colRank, colText},
}

// optionalColumns may be left out of a CSV header: files written before
// the column existed stay readable, and simply cannot carry its kind.
var optionalColumns = [nCols]bool{colRank: true}

// MaxFileBytes bounds an import file; a real session is a few hundred
// kilobytes, and a huge file is more likely a mistake than a session.
const MaxFileBytes = 256 << 20

// record is one data row, from a CSV line or an XLSX sheet row or cell.
type record struct {
	kind  Kind
	where Location
	vals  [nCols]string
	// labels name the columns as the file named them, for messages; nil
	// means the CSV names.
	labels *[nCols]string
	// cells give the spreadsheet cell reference of each column, if known.
	cells *[nCols]string
}

// at returns the location of column col in the record.
func (r *record) at(col int) Location {
	l := r.where
	l.Column = CSVColumns[col]
	if r.labels != nil && r.labels[col] != "" {
		l.Column = r.labels[col]
	}
	if r.cells != nil {
		l.Cell = r.cells[col]
	}
	return l
}

// Location is where in a file a problem is: 1-based spreadsheet row (a CSV
// record), column header name, and for XLSX the sheet and cell.
type Location struct {
	Sheet  string
	Row    int
	Column string
	Cell   string
	// Line and Byte place problems found before the text is split into
	// rows (a quoted cell can span lines, so a line is not always a row).
	Line int
	Byte int64
}

// String writes the location as messages show it: sheet, row, column.
func (l Location) String() string {
	var parts []string
	if l.Sheet != "" {
		parts = append(parts, "sheet "+strconv.Quote(l.Sheet))
	}
	if l.Row > 0 {
		parts = append(parts, "row "+strconv.Itoa(l.Row))
	}
	if l.Column != "" {
		c := "column " + l.Column
		if l.Cell != "" {
			c += " (cell " + l.Cell + ")"
		}
		parts = append(parts, c)
	}
	if l.Line > 0 {
		parts = append(parts, "line "+strconv.Itoa(l.Line))
	}
	if l.Byte > 0 {
		parts = append(parts, "byte "+strconv.FormatInt(l.Byte, 10))
	}
	if len(parts) == 0 {
		return "file"
	}
	return strings.Join(parts, ", ")
}

// Problem is one thing wrong with an import file, with where it is.
type Problem struct {
	Location
	Message string
}

// String writes the problem with its location first.
func (p Problem) String() string { return p.Location.String() + ": " + p.Message }

// FileError is returned when a file has problems. It lists every problem
// found, and nothing from the file was imported.
type FileError struct {
	Problems []Problem
}

// maxShown bounds the problems printed in Error; the full list stays in
// Problems for the UI.
const maxShown = 50

// Error lists the problems, up to maxShown of them.
func (e *FileError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the file has %d problem%s, so nothing was imported:", len(e.Problems), plural(len(e.Problems)))
	for i, p := range e.Problems {
		if i == maxShown {
			fmt.Fprintf(&b, "\n  ... and %d more", len(e.Problems)-maxShown)
			break
		}
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Unwrap makes a FileError an invalid-input error for domain.ErrorCode.
func (e *FileError) Unwrap() error { return domain.ErrInvalid }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// problems collects the problems of one file.
type problems struct {
	list []Problem
}

func (ps *problems) add(l Location, format string, args ...any) {
	ps.list = append(ps.list, Problem{Location: l, Message: fmt.Sprintf(format, args...)})
}

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &FileError{Problems: ps.list}
}

// Capture is a parsed capture file: the session it names and its rows,
// not yet checked against the database.
type Capture struct {
	// Source is "csv" or "xlsx", stored on each contribution.
	Source    string
	SessionID string
	CheckCode string
	// sessionAt and checkAt are where the file names its session.
	sessionAt, checkAt Location
	records            []record
}

// Rows is the number of data rows read, blank ones included.
func (c *Capture) Rows() int { return len(c.records) }

// parseKind reads a kind cell, accepting the sheet names as aliases.
func parseKind(s string) (Kind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "contribution", "contributions":
		return KindContribution, true
	case "debate", "debate vote", "debate votes", "debate_vote":
		return KindDebate, true
	case "statement_vote", "statement vote", "statement votes", "vote":
		return KindStatementVote, true
	case "dots", "dot", "dot vote", "dot_vote", "dot priorities":
		return KindDots, true
	case "ranking", "rankings", "team ranking", "team rankings", "team_ranking":
		return KindRanking, true
	}
	return "", false
}

// blank reports whether a row has nothing filled in beyond what a
// template pre-fills, so an unused template line is skipped, not refused.
func (r *record) blank() bool {
	v := &r.vals
	switch r.kind {
	case KindContribution:
		return v[colText] == "" && v[colParticipant] == ""
	case KindDebate:
		return v[colCount] == "" && v[colParticipant] == ""
	case KindStatementVote:
		return v[colVote] == ""
	case KindDots:
		return v[colOption] == "" && v[colCount] == ""
	case KindRanking:
		// Templates pre-fill the team and rank of every printed idea line.
		return v[colText] == ""
	}
	return false
}
