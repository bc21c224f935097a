package importer

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"peervoice/domain"
	"peervoice/pack"
)

// Template is what a blank capture file is pre-filled with: the session's
// header, its plan, the participants expected and the programme's
// statements, as the printed capture sheets carry them.
type Template struct {
	Session      *domain.Session
	Activities   []domain.Activity
	Areas        []domain.StrategicArea
	Participants []domain.Participant
	Statements   []domain.Statement
}

// attendeeLister is the optional store method listing a session's
// recorded attendance; *store.DB has it.
type attendeeLister interface {
	SessionAttendees(ctx context.Context, sessionID string) ([]domain.Participant, error)
}

// LoadTemplate gathers what a session's template needs. Participants are
// those recorded as attending; failing that, those registered at the
// session's site; failing that, the whole programme. Withdrawn
// participants and moderated-out statements are left out.
func LoadTemplate(ctx context.Context, st domain.Store, sessionID string) (*Template, error) {
	sess, err := st.Session(ctx, sessionID)
	if err != nil {
		return nil, fmt.Errorf("template: session %s: %w", sessionID, err)
	}
	t := &Template{Session: sess}
	if t.Activities, err = st.Activities(ctx, sessionID); err != nil {
		return nil, err
	}
	if t.Areas, err = st.Areas(ctx, sess.ProgrammeID); err != nil {
		return nil, err
	}
	if t.Participants, err = templateParticipants(ctx, st, sess); err != nil {
		return nil, err
	}
	stmts, err := st.Statements(ctx, sess.ProgrammeID)
	if err != nil {
		return nil, err
	}
	for _, s := range stmts {
		if s.Moderation != domain.ModeratedOut {
			t.Statements = append(t.Statements, s)
		}
	}
	return t, nil
}

func templateParticipants(ctx context.Context, st domain.Store, sess *domain.Session) ([]domain.Participant, error) {
	if al, ok := st.(attendeeLister); ok {
		ps, err := al.SessionAttendees(ctx, sess.ID)
		if err != nil || len(ps) > 0 {
			return active(ps, ""), err
		}
	}
	all, err := st.Participants(ctx, sess.ProgrammeID)
	if err != nil {
		return nil, err
	}
	if atSite := active(all, sess.SiteID); len(atSite) > 0 {
		return atSite, nil
	}
	return active(all, ""), nil
}

// active keeps participants who have not withdrawn, at site if given.
func active(ps []domain.Participant, site string) []domain.Participant {
	var out []domain.Participant
	for _, p := range ps {
		if p.WithdrawnAt == nil && (site == "" || p.SiteID == site) {
			out = append(out, p)
		}
	}
	return out
}

// headerBlock returns the three rows every capture file and sheet opens with.
func (t *Template) headerBlock() [][]string {
	return [][]string{{"format", FormatName}, {"session", t.Session.ID}, {"check code", t.Session.CheckCode}}
}

// activityRef is how sheets name an activity: its number on the run sheet.
func activityRef(a domain.Activity) string { return "A" + strconv.Itoa(a.Position) }

func (t *Template) areaKey(id string) string {
	for _, a := range t.Areas {
		if a.ID == id {
			return a.Key
		}
	}
	return ""
}

// rows returns the pre-filled rows of one kind, in its list columns.
func (t *Template) rows(kind Kind) [][nCols]string {
	var out [][nCols]string
	for _, a := range t.Activities {
		switch {
		case kind == KindContribution && a.Kind != domain.ActivityDebate && a.Kind != domain.ActivityDotPriorities:
			out = append(out, [nCols]string{colKind: string(kind), colActivity: activityRef(a), colArea: t.areaKey(a.AreaID)})
		case kind == KindDebate && a.Kind == domain.ActivityDebate:
			out = append(out, tallyRows(a)...)
		case kind == KindDots && a.Kind == domain.ActivityDotPriorities:
			out = append(out, [nCols]string{colKind: string(kind), colActivity: activityRef(a)})
		case kind == KindRanking && a.Kind == domain.ActivityTeamWork:
			out = append(out, rankingRows(a)...)
		}
	}
	return out
}

// rankingRows are the idea lines of a team-work sheet: each printed team
// and rank, with the idea left for the facilitator.
func rankingRows(a domain.Activity) [][nCols]string {
	var out [][nCols]string
	for _, team := range pack.Teams {
		for rank := 1; rank <= pack.IdeaLines; rank++ {
			out = append(out, [nCols]string{colKind: string(KindRanking), colActivity: activityRef(a),
				colParticipant: team, colRank: strconv.Itoa(rank)})
		}
	}
	return out
}

// tallyRows are a debate's six tally lines: before and after, for each
// position, with the count left for the facilitator.
func tallyRows(a domain.Activity) [][nCols]string {
	var out [][nCols]string
	for _, ph := range []domain.DebatePhase{domain.PhaseBefore, domain.PhaseAfter} {
		for _, pos := range []domain.DebatePosition{domain.PositionFor, domain.PositionAgainst, domain.PositionUndecided} {
			out = append(out, [nCols]string{colKind: string(KindDebate), colActivity: activityRef(a),
				colPhase: string(ph), colPosition: string(pos)})
		}
	}
	return out
}

// WriteCSV writes the one-table CSV template: the header block, the
// column names, then pre-filled rows with their values left blank. Blank
// rows are skipped on import, so unused lines can stay.
func (t *Template) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	for _, row := range t.headerBlock() {
		cw.Write(row)
	}
	cw.Write(CSVColumns[:])
	for _, kind := range []Kind{KindContribution, KindDebate, KindDots, KindRanking} {
		for _, r := range t.rows(kind) {
			cw.Write(r[:])
		}
	}
	// The vote grid, unrolled: one line per participant and statement.
	for _, p := range t.Participants {
		for _, s := range t.Statements {
			r := [nCols]string{colKind: string(KindStatementVote), colParticipant: p.Code, colStatement: "S" + strconv.Itoa(s.Number)}
			cw.Write(r[:])
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("template: write CSV: %w", err)
	}
	return nil
}

// WriteXLSX writes the workbook template: an instructions sheet, then one
// sheet per printed capture sheet, the statement votes as a grid of
// participants by statements.
func (t *Template) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", instructionsSheet); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	if err := t.instructions(f); err != nil {
		return err
	}
	for _, kind := range Kinds {
		if err := t.sheet(f, kind); err != nil {
			return fmt.Errorf("template: sheet %s: %w", sheetNames[kind], err)
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("template: write XLSX: %w", err)
	}
	return nil
}

func (t *Template) sheet(f *excelize.File, kind Kind) error {
	name := sheetNames[kind]
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	rows := t.headerBlock()
	if kind == KindStatementVote {
		rows = append(rows, t.gridRows()...)
	} else {
		rows = append(rows, sheetColumns[kind])
		for _, r := range t.rows(kind) {
			rows = append(rows, listCells(kind, r))
		}
	}
	for i, row := range rows {
		if err := f.SetSheetRow(name, cellName(0, i+1), &row); err != nil {
			return err
		}
	}
	if err := t.dropLists(f, kind); err != nil {
		return err
	}
	return f.SetColWidth(name, "A", "A", 14)
}

// templateRows is how far down a sheet the drop-down lists reach.
const templateRows = 500

// dropLists offers the allowed values as drop-downs, so a typo is caught
// while typing rather than at import.
func (t *Template) dropLists(f *excelize.File, kind Kind) error {
	switch kind {
	case KindStatementVote:
		if len(t.Statements) == 0 {
			return nil
		}
		last := cellName(len(t.Statements), headerRows+max(len(t.Participants), 1))
		return dropList(f, kind, "B5:"+last, "a", "d", "p")
	case KindDebate:
		if err := dropList(f, kind, fmt.Sprintf("B5:B%d", templateRows), "before", "after"); err != nil {
			return err
		}
		return dropList(f, kind, fmt.Sprintf("C5:C%d", templateRows), "for", "against", "undecided")
	}
	return nil
}

func dropList(f *excelize.File, kind Kind, sqref string, values ...string) error {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(sqref)
	if err := dv.SetDropList(values); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Not allowed", "Choose one of: "+strings.Join(values, ", "))
	return f.AddDataValidation(sheetNames[kind], dv)
}

// listCells picks a list sheet's cells out of a canonical row.
func listCells(kind Kind, r [nCols]string) []string {
	names := sheetColumns[kind]
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = r[columnIndex(n)]
	}
	return out
}

// gridRows are the vote grid: a heading row, then one row per participant.
func (t *Template) gridRows() [][]string {
	head := []string{"participant"}
	for _, s := range t.Statements {
		head = append(head, "S"+strconv.Itoa(s.Number))
	}
	rows := [][]string{head}
	for _, p := range t.Participants {
		rows = append(rows, []string{p.Code})
	}
	return rows
}

func (t *Template) instructions(f *excelize.File) error {
	lines := []string{
		"Capture workbook for session: " + t.Session.Title + " (" + string(t.Session.Date) + "), check code " + t.Session.CheckCode,
		"Type each printed sheet into the sheet of the same name. Keep the first four rows of every sheet as they are.",
		"participant: a participant code (like K7QX), a team (T2) for contributions only, or blank if anonymous.",
		"Debate votes: one tally per phase and position, or one row per participant with the count blank.",
		"Statement votes: a = agree, d = disagree, p = pass. Leave a cell blank if the person did not vote.",
		"Team rankings: one row per idea on a team's list: the team (T2), its rank (1 = the team's first) and the idea.",
		"Rows left blank are skipped. Importing the same workbook again adds nothing.",
		"",
		"Activities:",
	}
	for _, a := range t.Activities {
		lines = append(lines, activityRef(a)+"  "+a.Title+"  ("+string(a.Kind)+")")
	}
	lines = append(lines, "", "Strategic areas:")
	for _, a := range t.Areas {
		lines = append(lines, a.Key+"  "+a.Name)
	}
	for i, l := range lines {
		if err := f.SetCellStr(instructionsSheet, cellName(0, i+1), l); err != nil {
			return fmt.Errorf("template: instructions: %w", err)
		}
	}
	return nil
}
