package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// headerRows is the header block every capture file starts with: the
// format, the session and its check code, then the column names.
const headerRows = 4

// ReadCSV parses a CSV capture file (see FORMAT.md). It checks the file's
// shape only: that it is UTF-8 text, has the header block and the columns,
// and that each row has a known kind. ImportCapture checks the values.
// Every problem found is returned together in a *FileError.
func ReadCSV(r io.Reader) (*Capture, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, err
	}
	ps := &problems{}
	if !sniffText(data, "CSV", ps) {
		return nil, ps.err()
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	// One record per line, near enough: sizing it once saves regrowing a
	// large slice.
	c := &Capture{Source: "csv", records: make([]record, 0, bytes.Count(data, []byte("\n")))}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1 // spreadsheets pad or trim rows; counted below
	cr.ReuseRecord = true
	p := &csvParser{c: c, ps: ps, cr: cr}
	p.run()
	if err := ps.err(); err != nil {
		return nil, err
	}
	return c, nil
}

// readAll reads the whole file, refusing one over MaxFileBytes.
func readAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("import: read file: %w", err)
	}
	if len(data) > MaxFileBytes {
		return nil, &FileError{Problems: []Problem{{Message: fmt.Sprintf(
			"the file is larger than %d MB: split it into one file per session", MaxFileBytes>>20)}}}
	}
	return data, nil
}

// sniffText refuses files that are empty, binary, of another format or not
// UTF-8, naming the byte where it went wrong.
func sniffText(data []byte, want string, ps *problems) bool {
	if len(bytes.TrimSpace(data)) == 0 {
		ps.add(Location{}, "the file is empty")
		return false
	}
	if msg := otherFormat(data); msg != "" {
		ps.add(Location{}, "this is not a %s file: %s", want, msg)
		return false
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		ps.add(Location{Line: lineOf(data, i), Byte: int64(i) + 1},
			"the file holds binary data (a zero byte), not text: it may be damaged or of another format")
		return false
	}
	if i := invalidUTF8(data); i >= 0 {
		ps.add(Location{Line: lineOf(data, i), Byte: int64(i) + 1},
			"the text is not valid UTF-8: save the file as \"CSV UTF-8\" from your spreadsheet")
		return false
	}
	return true
}

// otherFormat recognises files that are clearly something else.
func otherFormat(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "it is a PDF document"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "it is a zip archive, such as an XLSX workbook: use `import xlsx` for workbooks"
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
		return "it is an old-style Office file (.xls or .doc): save it as CSV UTF-8"
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		return "it is UTF-16 text: save it as \"CSV UTF-8\" instead"
	}
	return ""
}

// invalidUTF8 returns the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// lineOf returns the 1-based line holding byte i; it is the row unless an
// earlier cell spans lines.
func lineOf(data []byte, i int) int { return bytes.Count(data[:i], []byte("\n")) + 1 }

// csvParser walks the records of one CSV file.
type csvParser struct {
	c      *Capture
	ps     *problems
	cr     *csv.Reader
	row    int
	header []int // header position -> column, -1 if unknown
}

func (p *csvParser) run() {
	for {
		rec, err := p.cr.Read()
		if err == io.EOF {
			break
		}
		p.row++
		if err != nil {
			p.parseError(err)
			return
		}
		if p.row <= headerRows {
			if !p.headerRow(rec) {
				return
			}
			continue
		}
		p.dataRow(rec)
	}
	if p.row < headerRows {
		p.ps.add(Location{Row: p.row + 1}, "the file ends inside its header block: it is truncated or not a capture file")
	}
}

func (p *csvParser) parseError(err error) {
	var pe *csv.ParseError
	msg := err.Error()
	if errors.As(err, &pe) {
		msg = fmt.Sprintf("line %d: %v", pe.Line, pe.Err)
		if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
			msg += " (a quoted cell is not closed properly: the file may be truncated, or a \" in a text needs doubling)"
		}
	}
	p.ps.add(Location{Row: p.row}, "the CSV cannot be read: %s", msg)
}

// headerRow checks one row of the header block; false stops the parse, as
// nothing after a broken header can be trusted.
func (p *csvParser) headerRow(rec []string) bool {
	at := Location{Row: p.row}
	switch p.row {
	case 1:
		return checkFormatCells(rec, at, p.ps)
	case 2:
		p.c.SessionID, p.c.sessionAt = keyValue(rec, "session", at, p.ps), at
	case 3:
		p.c.CheckCode, p.c.checkAt = keyValue(rec, "check code", at, p.ps), at
	case 4:
		p.header = csvHeader(rec, at, p.ps)
	}
	return len(p.ps.list) == 0
}

// checkFormatCells checks the first row: `format, peervoice-capture-1`.
func checkFormatCells(rec []string, at Location, ps *problems) bool {
	key, val := cell(rec, 0), cell(rec, 1)
	switch {
	case !strings.EqualFold(key, "format"):
		at.Column = "A"
		ps.add(at, "the file does not start with the capture header (format, %s): it is not a peervoice capture file, or its first rows were removed", FormatName)
	case val != FormatName && strings.HasPrefix(val, "peervoice-capture-"):
		at.Column = "B"
		ps.add(at, "the file is in capture format %q, but this version of peervoice reads %q", val, FormatName)
	case val != FormatName:
		at.Column = "B"
		ps.add(at, "the format is %q, expected %q", truncate(val, 40), FormatName)
	}
	return len(ps.list) == 0
}

// keyValue reads a header row of the form `key, value`.
func keyValue(rec []string, key string, at Location, ps *problems) string {
	if !strings.EqualFold(cell(rec, 0), key) {
		at.Column = "A"
		ps.add(at, "expected %q here (the header block is format, session, check code, then the column names)", key)
		return ""
	}
	return cell(rec, 1)
}

func cell(rec []string, i int) string {
	if i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// csvHeader maps the column names to columns, reporting unknown, repeated
// and missing names.
func csvHeader(rec []string, at Location, ps *problems) []int {
	header := make([]int, len(rec))
	seen := [nCols]bool{}
	for i, name := range rec {
		header[i] = -1
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		col := columnIndex(name)
		switch {
		case col < 0:
			ps.add(Location{Row: at.Row, Column: truncate(name, 40)}, "unknown column: the columns are %s", strings.Join(CSVColumns[:], ", "))
		case seen[col]:
			ps.add(Location{Row: at.Row, Column: name}, "the column appears twice")
		default:
			seen[col], header[i] = true, col
		}
	}
	for col, ok := range seen {
		if !ok && !optionalColumns[col] {
			ps.add(Location{Row: at.Row, Column: CSVColumns[col]}, "the column is missing from the header row")
		}
	}
	return header
}

func columnIndex(name string) int {
	// The XLSX sheets name some columns as the printed sheets do.
	switch name {
	case "dots":
		return colCount
	case "team":
		return colParticipant
	case "idea":
		return colText
	}
	for i, n := range CSVColumns {
		if n == name {
			return i
		}
	}
	return -1
}

// dataRow turns one CSV record into a capture record.
func (p *csvParser) dataRow(rec []string) {
	if allBlank(rec) {
		return // spreadsheets leave empty lines; they carry nothing
	}
	at := Location{Row: p.row}
	if !p.fieldCount(rec, at) {
		return
	}
	r := record{where: at}
	for i, v := range rec[:min(len(rec), len(p.header))] {
		if col := p.header[i]; col >= 0 {
			r.vals[col] = strings.TrimSpace(v)
		}
	}
	kind, ok := parseKind(r.vals[colKind])
	if !ok {
		p.ps.add(r.at(colKind), "%q is not a row kind: use contribution, debate, statement_vote, dots or ranking", truncate(r.vals[colKind], 40))
		return
	}
	r.kind = kind
	p.c.records = append(p.c.records, r)
}

// fieldCount refuses a row shorter than the header (a cut-off file or a
// lost comma) or with filled cells beyond it (an unquoted comma). Optional
// columns at the end of the header may be left off a row: a row added by
// hand to a newer template, in the older shape, still reads.
func (p *csvParser) fieldCount(rec []string, at Location) bool {
	n := len(p.header)
	if len(rec) < p.required() {
		p.ps.add(at, "the row has %d cells but the header has %d columns: the row is cut short (the file may be truncated) or a comma is missing", len(rec), n)
		return false
	}
	if len(rec) < n {
		return true
	}
	if !allBlank(rec[n:]) {
		p.ps.add(at, "the row has more cells than the header has columns: a text containing a comma needs to be in quotes")
		return false
	}
	return true
}

// required is how many cells a row must have: up to the header's last
// column that is not optional.
func (p *csvParser) required() int {
	n := len(p.header)
	for n > 0 && (p.header[n-1] < 0 || optionalColumns[p.header[n-1]]) {
		n--
	}
	return n
}

func allBlank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}
