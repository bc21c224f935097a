package pack

import (
	"fmt"
	"strings"

	"peervoice/domain"
)

// Teams are the team labels printed on team-work sheets; the capture and
// import code expects the same labels.
var Teams = []string{"T1", "T2", "T3", "T4"}

// IdeaLines is how many ranked ideas each team can write down.
const IdeaLines = 5

// typeUpNote tells whoever types a sheet up which session it belongs to.
func (x *doc) typeUpNote(activity string) {
	note := "Type up against check code " + x.d.CheckCode()
	if activity != "" {
		note += ", " + activity
	}
	x.para(note+".", 9, "I")
	x.pdf.Ln(2)
}

// attendanceSheet lists pre-printed codes with tick boxes for presence and
// the three consent scopes, and blank rows for anyone not printed.
func (x *doc) attendanceSheet() {
	x.page("Capture: attendance and consent")
	x.heading("Attendance and consent", 18)
	who := "Codes of the participants at " + x.d.Site.Name + ". Tick the people who came."
	if x.d.Attended {
		who = "Codes of the participants recorded as attending. Check and tick."
	}
	x.para(who+" Write new codes in the blank rows.", 10, "")
	x.typeUpNote("attendance")
	cols := []column{{"No.", 11}, {"Participant code", 36}, {"Present", 19}, {"Take part", 20}, {"Quoted", 19}, {"Media", 19}, {"Notes", bodyW - 124}}
	var rows [][]string
	for i, c := range append(append([]string(nil), x.d.Codes...), make([]string, BlankRows)...) {
		rows = append(rows, []string{fmt.Sprint(i + 1), c, tick, tick, tick, tick, ""})
	}
	x.tableMin(cols, rows, 11, 8)
}

// debateSheets draws a tally for each debate: for, against and undecided,
// before and after.
func (x *doc) debateSheets() {
	for _, a := range x.steps(domain.ActivityDebate) {
		x.page("Capture: debate tally")
		x.heading("Debate tally", 18)
		x.typeUpNote(activityRef(a))
		x.para("Motion:", 12, "B")
		x.para(motion(a), 14, "")
		x.pdf.Ln(4)
		x.para("Count the hands. Write tally marks, then the total in the box.", 10, "")
		x.pdf.Ln(2)
		cols := []column{{"Position", 40}, {"Before the debate", (bodyW - 40) / 2}, {"After the debate", (bodyW - 40) / 2}}
		rows := [][]string{{"For"}, {"Against"}, {"Undecided"}, {"Total"}}
		x.tableMin(cols, rows, 13, 28)
	}
}

// motion is the debate's motion: its prompt, or its title if there is none.
func motion(a Step) string {
	if strings.TrimSpace(a.Prompt) != "" {
		return a.Prompt
	}
	return a.Title
}

func activityRef(a Step) string {
	return fmt.Sprintf("activity %d (%s, %s)", a.Position, a.Label, a.Start)
}

// steps returns the plan's activities of one kind.
func (x *doc) steps(k domain.ActivityKind) []Step {
	var out []Step
	for _, a := range x.d.Activities {
		if a.Kind == k {
			out = append(out, a)
		}
	}
	return out
}

// teamWorkSheets draws one sheet per strategic area the session covers,
// with a ranked list of ideas for each team.
func (x *doc) teamWorkSheets() {
	for _, area := range x.d.Areas {
		x.page("Capture: team work")
		x.heading("Team work: "+area.Name, 18)
		x.typeUpNote("area " + area.Key)
		prompt := x.teamPrompt(area)
		x.para("Prompt: "+prompt, 12, "B")
		x.guidingQuestions(area, prompt)
		x.pdf.Ln(2)
		x.para("Each team writes its ideas, most important first (1 = most important).", 10, "I")
		for _, t := range Teams {
			x.teamBlock(t)
		}
	}
}

// teamPrompt is the prompt of the team-work activity on the area, or the
// area's first guiding question.
func (x *doc) teamPrompt(area domain.StrategicArea) string {
	for _, a := range x.steps(domain.ActivityTeamWork) {
		if a.AreaID == area.ID && strings.TrimSpace(a.Prompt) != "" {
			return a.Prompt
		}
	}
	if len(area.Questions) > 0 {
		return area.Questions[0]
	}
	return area.Name
}

// guidingQuestions lists the area's questions other than the prompt.
func (x *doc) guidingQuestions(area domain.StrategicArea, prompt string) {
	var qs []string
	for _, q := range area.Questions {
		if q != prompt {
			qs = append(qs, q)
		}
	}
	if len(qs) == 0 {
		return
	}
	x.para("Other guiding questions:", 10, "B")
	for _, q := range qs {
		x.para("- "+q, 10, "")
	}
}

func (x *doc) teamBlock(team string) {
	p := x.pdf
	x.ensure(8 + IdeaLines*7.5)
	p.Ln(1)
	p.SetFont(font, "B", 12)
	p.CellFormat(bodyW, 7, "Team "+team, "B", 1, "L", false, 0, "")
	p.SetFont(font, "", 11)
	for i := range IdeaLines {
		p.CellFormat(8, 7.5, fmt.Sprint(i+1), "", 0, "R", false, 0, "")
		p.SetX(margin + 11)
		x.writeLine(7.5)
	}
}

// dotSheets draws a dot-priorities sheet for each dot activity: one row
// per option with boxes for the dot count.
func (x *doc) dotSheets() {
	for _, a := range x.steps(domain.ActivityDotPriorities) {
		x.page("Capture: dot priorities")
		x.heading(a.Title, 18)
		x.typeUpNote(activityRef(a))
		x.para("Each person places their dots on the options that matter most to them. Count the dots on each option and write the number in the box.", 10, "")
		x.para("Write any options not printed here (for example the teams' top ideas) in the empty rows, as they appear on the flipchart.", 10, "")
		x.pdf.Ln(2)
		cols := []column{{"No.", 12}, {"What to prioritise", bodyW - 12 - 60}, {"Dots (tally)", 40}, {"Total", 20}}
		var rows [][]string
		for i, o := range dotOptions(a) {
			rows = append(rows, []string{fmt.Sprintf("P%d", i+1), o, "", tick})
		}
		for len(rows) < minDotRows {
			rows = append(rows, []string{fmt.Sprintf("P%d", len(rows)+1), "", "", tick})
		}
		x.tableMin(cols, rows, 11, 14)
	}
}

// minDotRows is the least number of option rows, so options agreed on the
// day (often the teams' top ideas) can be written in.
const minDotRows = 8

// dotOptions are the options printed in advance: the lines of the
// activity's prompt, one option a line. A one-line prompt is a question,
// not a list, so it gives no options.
func dotOptions(a Step) []string {
	var lines []string
	for _, l := range strings.Split(a.Prompt, "\n") {
		if l = strings.TrimSpace(strings.TrimLeft(l, "-*• ")); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) < 2 {
		return nil
	}
	return lines
}
