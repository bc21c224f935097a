package web

import (
	"regexp"
	"strconv"
	"strings"

	"peervoice/importer"
)

// The capture page's sections: each is its own form, saved on its own.
const (
	secContributions = "contributions"
	secDebate        = "debate"
	secRankings      = "rankings"
	secVotes         = "votes"
	secDots          = "dots"
)

// captureSections lists the sections in page order, with what a save of
// each is called in messages.
var captureSections = map[string]string{secContributions: "contributions", secDebate: "debate votes",
	secRankings: "team rankings", secVotes: "statement votes", secDots: "dot priorities"}

// origin is where a typed row came from: a line of a textarea or a cell of
// the vote grid. Rows are numbered by their index here (plus one), so the
// importer's problems can be sent back to the right place.
type origin struct {
	Field string // the input's ID
	Label string // "Line 3" or "K7QX, S12"
}

// typed is a section's typed text turned into capture rows, with the
// problems found before the importer sees it.
type typed struct {
	capture  *importer.Capture
	origins  []origin
	problems []lineProblem
}

// lineProblem is one problem with a line or cell, for the error summary.
type lineProblem struct {
	origin
	Message string
}

func newTyped(sessionID, checkCode string) *typed {
	return &typed{capture: importer.NewCapture("web", sessionID, checkCode)}
}

// add appends a row that came from o.
func (t *typed) add(row importer.Row, o origin) {
	t.origins = append(t.origins, o)
	t.capture.Add(row, importer.Location{Row: len(t.origins)})
}

// refuse records a line that could not be read at all.
func (t *typed) refuse(o origin, msg string) {
	t.problems = append(t.problems, lineProblem{origin: o, Message: msg})
}

// lines splits a textarea into numbered non-blank lines.
func lines(text string) (nums []int, out []string) {
	for i, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			nums, out = append(nums, i+1), append(out, l)
		}
	}
	return nums, out
}

func lineOrigin(field string, n int) origin {
	return origin{Field: field, Label: "Line " + strconv.Itoa(n)}
}

// prefixRE finds an attribution before a colon. What counts as a code is
// decided in attribution, so "Note: ..." stays part of the text.
var prefixRE = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9-]{1,11})\s*:\s*(.*)$`)

var teamPrefixRE = regexp.MustCompile(`^(?i:T(?:EAM)?[0-9]{1,2})$`)

// attribution splits "K7QX: text" or "T2: text" into who and what. A
// prefix is taken as a code when it has a digit (k7qx) or is typed in
// capitals (KWQX), so an ordinary word before a colon is left as text.
func attribution(line string) (who, text string) {
	m := prefixRE.FindStringSubmatch(line)
	if m == nil {
		return "", line
	}
	p := m[1]
	if teamPrefixRE.MatchString(p) || strings.ContainsAny(p, "0123456789") || (p == strings.ToUpper(p) && len(p) >= 4) {
		return p, strings.TrimSpace(m[2])
	}
	return "", line
}

// parseContributions reads one line per contribution.
func parseContributions(t *typed, f captureForm) {
	nums, ls := lines(f.Lines)
	for i, l := range ls {
		who, text := attribution(l)
		t.add(importer.Row{Kind: importer.KindContribution, Activity: f.Activity, Area: f.Area, Participant: who, Text: text},
			lineOrigin(secContributions, nums[i]))
	}
}

var debatePositions = map[string]string{"for": "for", "f": "for", "against": "against", "a": "against",
	"undecided": "undecided", "u": "undecided", "-": ""}

// parseDebate reads tallies ("before for 12") and per-participant votes
// ("K7QX for against": their vote before, then after; "-" if not given).
func parseDebate(t *typed, f captureForm) {
	nums, ls := lines(f.Debate)
	for i, l := range ls {
		o := lineOrigin(secDebate, nums[i])
		w := strings.Fields(strings.ToLower(l))
		switch {
		case len(w) == 3 && (w[0] == "before" || w[0] == "after"):
			t.add(importer.Row{Kind: importer.KindDebate, Activity: f.DebateActivity, Phase: w[0], Position: w[1], Count: w[2]}, o)
		case len(w) == 3:
			t.debateVoter(f.DebateActivity, strings.TrimSuffix(w[0], ":"), w[1], w[2], o)
		default:
			t.refuse(o, "write a tally as “before for 12” or a person's votes as “K7QX for against” (before, then after)")
		}
	}
}

func (t *typed) debateVoter(activity, code, before, after string, o origin) {
	for _, v := range [][2]string{{"before", before}, {"after", after}} {
		pos, ok := debatePositions[v[1]]
		switch {
		case !ok:
			t.refuse(o, strconv.Quote(v[1])+" is not a position: use for, against, undecided or - if not given")
		case pos != "":
			t.add(importer.Row{Kind: importer.KindDebate, Activity: activity, Participant: code, Phase: v[0], Position: pos}, o)
		}
	}
}

var rankingRE = regexp.MustCompile(`^(\S+?):?\s+([0-9]{1,2})[.):]?\s+(.+)$`)

// parseRankings reads "T2 1 More education": team, rank, idea, each line
// a ranking row of the capture format (stored in team_rankings).
func parseRankings(t *typed, f captureForm) {
	nums, ls := lines(f.Rankings)
	for i, l := range ls {
		o := lineOrigin(secRankings, nums[i])
		m := rankingRE.FindStringSubmatch(l)
		if m == nil || !teamPrefixRE.MatchString(m[1]) {
			t.refuse(o, "write a ranking as “T2 1 More education”: the team, its rank, then the idea")
			continue
		}
		t.add(importer.Row{Kind: importer.KindRanking, Activity: f.RankActivity, Participant: m[1], Rank: m[2],
			Text: strings.TrimSpace(m[3])}, o)
	}
}

var dotsRE = regexp.MustCompile(`^(.+?)[\s:,=]+([0-9]+)$`)

// parseDots reads "Family contact 12": an option and its dots.
func parseDots(t *typed, f captureForm) {
	nums, ls := lines(f.Dots)
	for i, l := range ls {
		o := lineOrigin(secDots, nums[i])
		m := dotsRE.FindStringSubmatch(l)
		if m == nil {
			t.refuse(o, "write the option then its number of dots, like “Family contact 12”")
			continue
		}
		t.add(importer.Row{Kind: importer.KindDots, Activity: f.DotActivity, Option: strings.TrimSpace(m[1]), Count: m[2]}, o)
	}
}

// parseVotes reads the filled cells of the vote grid.
func parseVotes(t *typed, f captureForm, grid []gridRow) {
	for _, row := range grid {
		for _, c := range row.Cells {
			v := strings.TrimSpace(f.Votes[c.ID])
			o := origin{Field: c.ID, Label: row.Code + ", " + c.Statement}
			switch strings.ToLower(v) {
			case "":
				continue
			case "a", "d", "p":
			default:
				t.refuse(o, strconv.Quote(v)+" is not a vote: type a (agree), d (disagree) or p (pass)")
				continue
			}
			t.add(importer.Row{Kind: importer.KindStatementVote, Participant: row.Code, Statement: c.Statement, Vote: v}, o)
		}
	}
}
