package importer

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the XLSX workbook, one per printed capture sheet.
var sheetNames = map[Kind]string{
	KindContribution:  "Contributions",
	KindDebate:        "Debate votes",
	KindStatementVote: "Statement votes",
	KindDots:          "Dots",
	KindRanking:       "Team rankings",
}

// instructionsSheet is the template's explanatory sheet; imports skip it.
const instructionsSheet = "Instructions"

// sheetColumns are each list sheet's column names, in template order. The
// statement-vote sheet is a grid instead: participant, then S1, S2, ...
var sheetColumns = map[Kind][]string{
	KindContribution: {"activity", "area", "participant", "text"},
	KindDebate:       {"activity", "phase", "position", "count", "participant"},
	KindDots:         {"activity", "option", "dots", "participant"},
	KindRanking:      {"activity", "team", "rank", "idea"},
}

// xlsxLimits bound what a workbook may unzip to, against zip bombs.
var xlsxLimits = excelize.Options{RawCellValue: true, UnzipSizeLimit: 1 << 30, UnzipXMLSizeLimit: 64 << 20}

// ReadXLSX parses an XLSX capture workbook (see FORMAT.md): one sheet per
// kind of capture sheet, each starting with the same header block as the
// CSV. Every problem found is returned together in a *FileError.
func ReadXLSX(r io.Reader) (*Capture, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, err
	}
	ps := &problems{}
	if !sniffZip(data, ps) {
		return nil, ps.err()
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), xlsxLimits)
	if err != nil {
		ps.add(Location{}, "the workbook cannot be opened: it may be truncated or damaged (%v)", err)
		return nil, ps.err()
	}
	defer f.Close()
	c := &Capture{Source: "xlsx"}
	found := 0
	for _, name := range f.GetSheetList() {
		found += readSheet(f, name, c, ps)
	}
	if found == 0 && len(ps.list) == 0 {
		ps.add(Location{}, "the workbook has none of the capture sheets (%s)", strings.Join(sheetList(), ", "))
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	return c, nil
}

// sniffZip refuses files that are not zip archives, saying what they are.
func sniffZip(data []byte, ps *problems) bool {
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		ps.add(Location{}, "the file is empty")
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return true
	case bytes.HasPrefix(data, []byte("%PDF")):
		ps.add(Location{}, "this is not an XLSX workbook: it is a PDF document")
	case invalidUTF8(data) < 0 && bytes.IndexByte(data, 0) < 0:
		ps.add(Location{}, "this is not an XLSX workbook: it is text, perhaps a CSV file: use `import csv` for CSV files")
	default:
		ps.add(Location{}, "this is not an XLSX workbook (its first bytes are wrong): it may be damaged or of another format")
	}
	return false
}

func sheetList() []string {
	out := make([]string, 0, len(Kinds))
	for _, k := range Kinds {
		out = append(out, sheetNames[k])
	}
	return out
}

func sheetKind(name string) (Kind, bool) {
	for k, n := range sheetNames {
		if strings.EqualFold(strings.TrimSpace(name), n) {
			return k, true
		}
	}
	return "", false
}

// readSheet reads one sheet into c, returning 1 if it is a capture sheet.
func readSheet(f *excelize.File, name string, c *Capture, ps *problems) int {
	if strings.EqualFold(strings.TrimSpace(name), instructionsSheet) {
		return 0
	}
	kind, ok := sheetKind(name)
	if !ok {
		ps.add(Location{Sheet: name}, "not a capture sheet: the sheets are %s (and %s, which is ignored)",
			strings.Join(sheetList(), ", "), instructionsSheet)
		return 0
	}
	rows, err := f.GetRows(name, xlsxLimits)
	if err != nil {
		ps.add(Location{Sheet: name}, "the sheet cannot be read: %v", err)
		return 1
	}
	s := &sheetReader{c: c, ps: ps, kind: kind, name: name}
	if s.headerBlock(rows) {
		s.data(rows[headerRows:])
	}
	return 1
}

// sheetReader reads one sheet's rows.
type sheetReader struct {
	c      *Capture
	ps     *problems
	kind   Kind
	name   string
	header []int
	labels [nCols]string
	// statements holds the grid's column headings (S1, S2, ...).
	statements []string
}

func (s *sheetReader) at(row int) Location { return Location{Sheet: s.name, Row: row} }

// headerBlock checks the first four rows, which every sheet repeats so a
// sheet copied from another session's workbook is caught.
func (s *sheetReader) headerBlock(rows [][]string) bool {
	before := len(s.ps.list)
	if len(rows) < headerRows {
		s.ps.add(s.at(len(rows)+1), "the sheet ends inside its header block (format, session, check code, column names)")
		return false
	}
	if !checkFormatCells(rows[0], s.at(1), s.ps) {
		return false
	}
	s.sessionCells(keyValue(rows[1], "session", s.at(2), s.ps), keyValue(rows[2], "check code", s.at(3), s.ps))
	if s.kind == KindStatementVote {
		s.gridHeader(rows[3])
	} else {
		s.listHeader(rows[3])
	}
	return len(s.ps.list) == before
}

// sessionCells records the session the sheet names, and reports a sheet
// naming a different session from the sheets before it.
func (s *sheetReader) sessionCells(id, check string) {
	if s.c.sessionAt.Row == 0 {
		s.c.SessionID, s.c.CheckCode = id, check
		s.c.sessionAt, s.c.checkAt = s.at(2), s.at(3)
		return
	}
	if id != s.c.SessionID || check != s.c.CheckCode {
		at := s.at(2)
		at.Column = "session"
		s.ps.add(at, "this sheet is for session %q (check code %q), but %s is for %q (%q): all sheets must come from one session's workbook",
			truncate(id, 40), truncate(check, 20), s.c.sessionAt, s.c.SessionID, s.c.CheckCode)
	}
}

func (s *sheetReader) listHeader(row []string) {
	names := sheetColumns[s.kind]
	s.header = make([]int, len(row))
	seen := map[string]bool{}
	for i, v := range row {
		s.header[i] = -1
		v = strings.ToLower(strings.TrimSpace(v))
		if v == "" {
			continue
		}
		if !contains(names, v) || seen[v] {
			s.ps.add(Location{Sheet: s.name, Row: headerRows, Column: truncate(v, 40)},
				"unknown or repeated column: this sheet's columns are %s", strings.Join(names, ", "))
			continue
		}
		seen[v] = true
		s.header[i] = columnIndex(v)
		s.labels[s.header[i]] = v
	}
	for _, n := range names {
		if !seen[n] {
			s.ps.add(Location{Sheet: s.name, Row: headerRows, Column: n}, "the column is missing from the header row")
		}
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// gridHeader reads the vote grid's heading: participant, S1, S2, ...
func (s *sheetReader) gridHeader(row []string) {
	if len(row) == 0 || !strings.EqualFold(strings.TrimSpace(row[0]), "participant") {
		s.ps.add(Location{Sheet: s.name, Row: headerRows, Column: "A"}, "the first column of the vote grid must be headed participant")
		return
	}
	s.statements = make([]string, len(row))
	for i, v := range row[1:] {
		s.statements[i+1] = strings.TrimSpace(v)
	}
}

func (s *sheetReader) data(rows [][]string) {
	for i, row := range rows {
		n := headerRows + i + 1
		if allBlank(row) {
			continue
		}
		if s.kind == KindStatementVote {
			s.gridRow(row, n)
		} else {
			s.listRow(row, n)
		}
	}
}

func (s *sheetReader) listRow(row []string, n int) {
	r := record{kind: s.kind, where: s.at(n), labels: &s.labels, cells: &[nCols]string{}}
	for i, v := range row {
		if i >= len(s.header) || s.header[i] < 0 {
			if strings.TrimSpace(v) != "" {
				s.ps.add(Location{Sheet: s.name, Row: n, Cell: cellName(i, n)}, "a value outside the sheet's columns: move it into a column or delete it")
			}
			continue
		}
		r.vals[s.header[i]] = strings.TrimSpace(v)
		r.cells[s.header[i]] = cellName(i, n)
	}
	s.c.records = append(s.c.records, r)
}

// gridRow turns each filled cell of a vote-grid row into a vote record.
func (s *sheetReader) gridRow(row []string, n int) {
	code := strings.TrimSpace(row[0])
	for i := 1; i < len(row); i++ {
		v := strings.TrimSpace(row[i])
		if v == "" {
			continue
		}
		head := ""
		if i < len(s.statements) {
			head = s.statements[i]
		}
		if head == "" {
			s.ps.add(Location{Sheet: s.name, Row: n, Cell: cellName(i, n)}, "a vote under no statement heading: add the statement number in row %d", headerRows)
			continue
		}
		r := record{kind: KindStatementVote, where: s.at(n),
			labels: &[nCols]string{colParticipant: "participant", colStatement: head, colVote: head},
			cells:  &[nCols]string{colParticipant: cellName(0, n), colStatement: cellName(i, headerRows), colVote: cellName(i, n)}}
		r.vals[colParticipant], r.vals[colStatement], r.vals[colVote] = code, head, v
		s.c.records = append(s.c.records, r)
	}
}

// cellName returns the A1 reference of a 0-based column and 1-based row.
func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		return fmt.Sprintf("column %d", col+1)
	}
	return name
}
