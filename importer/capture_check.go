package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"peervoice/domain"
	"peervoice/store"
)

// sessionData is what a capture file is checked against: the session's
// plan and its programme's areas, participants and statements.
type sessionData struct {
	session      *domain.Session
	areas        map[string]string // key -> area ID
	activities   []domain.Activity
	participants map[string]*domain.Participant // code -> participant
	statements   map[int]*domain.Statement      // number -> statement
}

func loadSessionData(ctx context.Context, st domain.Store, sessionID string) (*sessionData, error) {
	sess, err := st.Session(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	sd := &sessionData{session: sess, areas: map[string]string{}, participants: map[string]*domain.Participant{},
		statements: map[int]*domain.Statement{}}
	areas, err := st.Areas(ctx, sess.ProgrammeID)
	if err != nil {
		return nil, err
	}
	for _, a := range areas {
		sd.areas[a.Key] = a.ID
	}
	if sd.activities, err = st.Activities(ctx, sessionID); err != nil {
		return nil, err
	}
	ps, err := st.Participants(ctx, sess.ProgrammeID)
	if err != nil {
		return nil, err
	}
	for i := range ps {
		sd.participants[ps[i].Code] = &ps[i]
	}
	stmts, err := st.Statements(ctx, sess.ProgrammeID)
	if err != nil {
		return nil, err
	}
	for i := range stmts {
		sd.statements[stmts[i].Number] = &stmts[i]
	}
	return sd, nil
}

// plan is a checked file: the records to store, with where each came from.
type plan struct {
	contributions []domain.Contribution
	contribAt     []Location
	votes         []domain.Vote
	debate        []domain.DebateVote
	dots          []domain.DotVote
	rankings      []store.TeamRanking
	rankAt        []Location
	// rankAsContrib is each ranking as the team's contribution, used when
	// the screen flags the idea so it reaches the safeguarding lead.
	rankAsContrib []domain.Contribution
	attendees     map[string]bool
	blank         int
}

// checker checks each record against the session and builds the plan.
type checker struct {
	sd     *sessionData
	ps     *problems
	plan   *plan
	source string
	// seen maps a uniqueness key to the first row that used it.
	seen map[string]Location
	// voteSeen keeps each vote's value, so an exact repeat is harmless.
	voteSeen map[string]int
	// codes caches normalised participant codes: a session repeats a few
	// dozen codes over thousands of rows.
	codes map[string]string
	// occurrences counts identical contribution rows, so each copy gets
	// its own source key (two people can both say "Yes").
	occurrences map[[32]byte]int
}

func newChecker(sd *sessionData, source string) *checker {
	return &checker{sd: sd, ps: &problems{}, source: source, plan: &plan{attendees: map[string]bool{}},
		seen: map[string]Location{}, voteSeen: map[string]int{}, occurrences: map[[32]byte]int{}, codes: map[string]string{}}
}

// normalise is domain.NormaliseCode, remembered.
func (c *checker) normalise(raw string) string {
	code, ok := c.codes[raw]
	if !ok {
		code = domain.NormaliseCode(raw)
		c.codes[raw] = code
	}
	return code
}

// checkSession refuses a file typed for another session: its session ID
// and its check code must both match the session being imported into.
func (c *checker) checkSession(capt *Capture) {
	want := c.sd.session
	at := capt.sessionAt
	at.Column = "session"
	if capt.SessionID != want.ID {
		c.ps.add(at, "wrong session: the file is for session %q, but you are importing into %q (%s)",
			truncate(capt.SessionID, 40), want.ID, want.Title)
	}
	at = capt.checkAt
	at.Column = "check code"
	if domain.NormaliseCode(capt.CheckCode) != want.CheckCode {
		c.ps.add(at, "wrong session: check code %q does not match this session's check code %s; the sheets may belong to another session, or the code is mistyped",
			truncate(capt.CheckCode, 20), want.CheckCode)
	}
	if want.Status == domain.SessionCancelled {
		c.ps.add(at, "the session %q was cancelled, so nothing can be captured for it", want.Title)
	}
}

func (c *checker) check(r *record) {
	if !c.unusedBlank(r) {
		return
	}
	if r.blank() {
		c.plan.blank++
		return
	}
	switch r.kind {
	case KindContribution:
		c.contribution(r)
	case KindDebate:
		c.debate(r)
	case KindStatementVote:
		c.statementVote(r)
	case KindDots:
		c.dots(r)
	case KindRanking:
		c.ranking(r)
	}
}

// unusedBlank reports columns filled in that the row's kind does not use,
// usually a sign that the row's cells have shifted.
func (c *checker) unusedBlank(r *record) bool {
	used := [nCols]bool{colKind: true}
	for _, col := range kindColumns[r.kind] {
		used[col] = true
	}
	ok := true
	for col, v := range r.vals {
		if v != "" && !used[col] {
			c.ps.add(r.at(col), "%s rows do not use this column: leave it blank (have the cells shifted?)", r.kind)
			ok = false
		}
	}
	return ok
}

func (c *checker) contribution(r *record) {
	act, okAct := c.activity(r, "")
	areaID, okArea := c.area(r, act)
	pid, team, okWho := c.who(r, true)
	text, okText := c.text(r)
	if !okAct || !okArea || !okWho || !okText {
		return
	}
	key := c.sourceKey(act.ID, areaID, pid, team, text)
	c.plan.contributions = append(c.plan.contributions, domain.Contribution{
		ID: domain.NewID(), ProgrammeID: c.sd.session.ProgrammeID, SessionID: c.sd.session.ID, ActivityID: act.ID,
		AreaID: areaID, ParticipantID: pid, Team: team, Text: text, Source: c.source, SourceKey: key})
	c.plan.contribAt = append(c.plan.contribAt, r.at(colText))
}

func (c *checker) debate(r *record) {
	act, okAct := c.activity(r, domain.ActivityDebate)
	phase, okPhase := parsePhase(r, c.ps)
	pos, okPos := parsePosition(r, c.ps)
	pid, _, okWho := c.who(r, false)
	count, okCount := c.debateCount(r, pid)
	if !okAct || !okPhase || !okPos || !okWho || !okCount {
		return
	}
	key, what := "debate|"+act.ID+"|"+string(phase)+"|tally|"+string(pos), "a tally for this motion, phase and position"
	if pid != "" {
		key, what = "debate|"+act.ID+"|"+string(phase)+"|p|"+pid, "this participant's vote in this phase"
	}
	if !c.unique(key, r.at(colActivity), what) {
		return
	}
	c.plan.debate = append(c.plan.debate, domain.DebateVote{ID: stableID(c.sd.session.ID, key), ActivityID: act.ID,
		ParticipantID: pid, Phase: phase, Position: pos, Count: count})
}

func (c *checker) statementVote(r *record) {
	pid, _, okWho := c.who(r, false)
	st, okSt := c.statement(r)
	value, err := domain.ParseVote(r.vals[colVote])
	if err != nil {
		c.ps.add(r.at(colVote), "%q is not a vote: use a (agree), d (disagree) or p (pass)", truncate(r.vals[colVote], 20))
	}
	if !okWho || !okSt || err != nil {
		return
	}
	if pid == "" {
		c.ps.add(r.at(colParticipant), "a statement vote needs the participant's code")
		return
	}
	key := st.ID + "|" + pid
	if prev, ok := c.voteSeen[key]; ok {
		if prev != value {
			c.ps.add(r.at(colVote), "this participant's vote on S%d is given twice with different values (first at %s)",
				st.Number, c.seen[key])
		}
		return
	}
	c.voteSeen[key], c.seen[key] = value, r.at(colVote)
	c.plan.votes = append(c.plan.votes, domain.Vote{StatementID: st.ID, ParticipantID: pid, Value: value})
}

func (c *checker) dots(r *record) {
	act, okAct := c.activity(r, domain.ActivityDotPriorities)
	pid, _, okWho := c.who(r, false)
	option := r.vals[colOption]
	okOpt := true
	if msg := domain.TextProblem(option, 300); option == "" || msg != "" {
		c.ps.add(r.at(colOption), "%s", firstOf(msg, "enter the option the dots were placed on"))
		okOpt = false
	}
	dots, okCount := c.count(r, domain.MaxDots, true)
	if !okAct || !okWho || !okOpt || !okCount {
		return
	}
	key := "dots|" + act.ID + "|" + strings.ToLower(strings.Join(strings.Fields(option), " ")) + "|" + pid
	if !c.unique(key, r.at(colOption), "dots for this option (and participant)") {
		return
	}
	c.plan.dots = append(c.plan.dots, domain.DotVote{ID: stableID(c.sd.session.ID, key), ActivityID: act.ID,
		ParticipantID: pid, Option: option, Dots: dots})
}

// ranking checks one idea on a team's ranked list: the activity, the
// team (T2), its rank and the idea. Each (activity, team, rank) is given
// once; re-importing it replaces the idea rather than adding another.
func (c *checker) ranking(r *record) {
	act, okAct := c.activity(r, "")
	team, okTeam := c.team(r)
	rank, okRank := c.rank(r)
	idea, okIdea := c.text(r)
	if !okAct || !okTeam || !okRank || !okIdea {
		return
	}
	key := team + "|" + strconv.Itoa(rank)
	if !c.unique("ranking|"+act.ID+"|"+key, r.at(colRank), "rank "+strconv.Itoa(rank)+" for team "+team+" in this activity") {
		return
	}
	c.plan.rankings = append(c.plan.rankings, store.TeamRanking{ID: stableID(c.sd.session.ID, "ranking|"+act.ID+"|"+key),
		ActivityID: act.ID, Team: team, Rank: rank, Idea: idea, SourceKey: key})
	c.plan.rankAt = append(c.plan.rankAt, r.at(colText))
	c.plan.rankAsContrib = append(c.plan.rankAsContrib, domain.Contribution{
		ProgrammeID: c.sd.session.ProgrammeID, SessionID: c.sd.session.ID, ActivityID: act.ID, AreaID: act.AreaID,
		Team: team, Source: c.source, SourceKey: c.sourceKey(act.ID, act.AreaID, "", team, "ranking:"+key+":"+idea)})
}

// team reads a ranking's team: T2, Team 2 or t2.
func (c *checker) team(r *record) (string, bool) {
	m := teamRE.FindStringSubmatch(strings.ToUpper(r.vals[colParticipant]))
	if m == nil {
		c.ps.add(r.at(colParticipant), "%q is not a team: write the team as on the sheet, like T2", truncate(r.vals[colParticipant], 20))
		return "", false
	}
	n, _ := strconv.Atoi(m[1])
	return "T" + strconv.Itoa(n), true
}

// rank reads a ranking's place, 1 to store.MaxRank.
func (c *checker) rank(r *record) (int, bool) {
	v := strings.TrimSuffix(strings.TrimSpace(r.vals[colRank]), ".0")
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > store.MaxRank {
		c.ps.add(r.at(colRank), "%q is not a rank: enter the idea's place on the team's list, 1 to %d", truncate(r.vals[colRank], 20), store.MaxRank)
		return 0, false
	}
	return n, true
}

// unique records key as used at l, reporting a repeat.
func (c *checker) unique(key string, l Location, what string) bool {
	if first, ok := c.seen[key]; ok {
		c.ps.add(l, "%s was already given at %s; give it once", what, first)
		return false
	}
	c.seen[key] = l
	return true
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

var activityRE = regexp.MustCompile(`^[Aa]?\s*([0-9]{1,3})$`)

// activity finds the activity a row names by its printed number (A3 or 3)
// or its title. A non-empty kind requires that kind of activity.
func (c *checker) activity(r *record, kind domain.ActivityKind) (*domain.Activity, bool) {
	v := r.vals[colActivity]
	if v == "" {
		c.ps.add(r.at(colActivity), "enter the activity number from the run sheet (A1 to A%d)", len(c.sd.activities))
		return nil, false
	}
	a := c.findActivity(v)
	if a == nil {
		c.ps.add(r.at(colActivity), "activity %q is not in this session's plan: use its number from the run sheet (A1 to A%d)",
			truncate(v, 40), len(c.sd.activities))
		return nil, false
	}
	if kind != "" && a.Kind != kind {
		c.ps.add(r.at(colActivity), "activity %s (%s) is not a %s activity", v, a.Title, strings.ReplaceAll(string(kind), "_", " "))
		return nil, false
	}
	return a, true
}

func (c *checker) findActivity(v string) *domain.Activity {
	if m := activityRE.FindStringSubmatch(v); m != nil {
		n, _ := strconv.Atoi(m[1])
		for i := range c.sd.activities {
			if c.sd.activities[i].Position == n {
				return &c.sd.activities[i]
			}
		}
		return nil
	}
	for i := range c.sd.activities {
		if strings.EqualFold(strings.TrimSpace(c.sd.activities[i].Title), v) {
			return &c.sd.activities[i]
		}
	}
	return nil
}

// area reads the strategic area key, defaulting to the activity's area.
func (c *checker) area(r *record, act *domain.Activity) (string, bool) {
	v := strings.ToLower(r.vals[colArea])
	if v == "" {
		if act != nil {
			return act.AreaID, true
		}
		return "", true
	}
	id, ok := c.sd.areas[v]
	if !ok {
		keys := make([]string, 0, len(c.sd.areas))
		for k := range c.sd.areas {
			keys = append(keys, k)
		}
		c.ps.add(r.at(colArea), "%q is not one of the programme's strategic areas (%s)", truncate(v, 40), strings.Join(sortedStrings(keys), ", "))
	}
	return id, ok
}

var teamRE = regexp.MustCompile(`^T(?:EAM)?\s*([0-9]{1,2})$`)

// who reads the participant column: a participant code, a team (T2) where
// allowTeam, or blank for anonymous.
func (c *checker) who(r *record, allowTeam bool) (pid, team string, ok bool) {
	raw := r.vals[colParticipant]
	if raw == "" {
		return "", "", true
	}
	if m := teamRE.FindStringSubmatch(strings.ToUpper(raw)); m != nil {
		if !allowTeam {
			c.ps.add(r.at(colParticipant), "a team cannot vote here: give a participant code, or leave it blank for a tally")
			return "", "", false
		}
		n, _ := strconv.Atoi(m[1])
		return "", "T" + strconv.Itoa(n), true
	}
	code := c.normalise(raw)
	if msg := codeProblem(code); msg != "" {
		c.ps.add(r.at(colParticipant), "%s", msg)
		return "", "", false
	}
	p, found := c.sd.participants[code]
	switch {
	case !found:
		c.ps.add(r.at(colParticipant), "code %s is not a participant in this programme: check the attendance sheet", code)
		return "", "", false
	case p.WithdrawnAt != nil:
		c.ps.add(r.at(colParticipant), "participant %s has withdrawn: their words and votes are not captured", code)
		return "", "", false
	}
	c.plan.attendees[p.ID] = true
	return p.ID, "", true
}

// codeProblem explains what is wrong with a typed participant code.
func codeProblem(code string) string {
	if n := len(code); n < domain.CodePayloadLen+1 || n > 10 {
		return "code " + strconv.Quote(truncate(code, 20)) + " is not a participant code: codes are 4 to 10 characters, like K7QX, or a team like T2"
	}
	for _, r := range code {
		if !strings.ContainsRune(domain.CodeAlphabet, r) {
			return "code " + strconv.Quote(code) + " has " + strconv.QuoteRune(r) +
				", which codes never use (they leave out 0 O 1 I L 2 Z 5 S 8 B U V): a character may be misread"
		}
	}
	if domain.CheckCode(code) != nil {
		return "code " + code + " does not pass its check character: a character may be mistyped"
	}
	return ""
}

func (c *checker) statement(r *record) (*domain.Statement, bool) {
	v := strings.TrimPrefix(strings.ToUpper(r.vals[colStatement]), "S")
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		c.ps.add(r.at(colStatement), "%q is not a statement number: write it as printed, like S12 or 12", truncate(r.vals[colStatement], 20))
		return nil, false
	}
	st, ok := c.sd.statements[n]
	if !ok {
		c.ps.add(r.at(colStatement), "statement S%d is not in the programme's statements", n)
	}
	return st, ok
}

func (c *checker) text(r *record) (string, bool) {
	t := r.vals[colText]
	if t == "" {
		c.ps.add(r.at(colText), "enter what was said, or clear the row")
		return "", false
	}
	if msg := domain.TextProblem(t, domain.MaxContributionChars); msg != "" {
		c.ps.add(r.at(colText), "%s", strings.TrimSuffix(msg, "."))
		return "", false
	}
	return t, true
}

// debateCount reads a tally's count; a single participant's vote counts
// one, so its count is blank or 1.
func (c *checker) debateCount(r *record, pid string) (int, bool) {
	if pid == "" {
		return c.count(r, 10_000, true)
	}
	if v := r.vals[colCount]; v != "" && v != "1" {
		c.ps.add(r.at(colCount), "a single participant's vote counts 1: leave the count blank or enter 1")
		return 0, false
	}
	return 1, true
}

// count reads a whole number between 0 and limit.
func (c *checker) count(r *record, limit int, required bool) (int, bool) {
	v := r.vals[colCount]
	if v == "" && required {
		c.ps.add(r.at(colCount), "enter the count")
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSuffix(v, ".0")) // spreadsheets may write 12 as 12.0
	switch {
	case err != nil:
		c.ps.add(r.at(colCount), "%q is not a whole number", truncate(v, 20))
		return 0, false
	case n < 0:
		c.ps.add(r.at(colCount), "the count %d is negative", n)
		return 0, false
	case n > limit:
		c.ps.add(r.at(colCount), "the count %d is more than %d: check it was typed correctly", n, limit)
		return 0, false
	}
	return n, true
}

func parsePhase(r *record, ps *problems) (domain.DebatePhase, bool) {
	switch strings.ToLower(r.vals[colPhase]) {
	case "before", "b", "pre":
		return domain.PhaseBefore, true
	case "after", "post":
		return domain.PhaseAfter, true
	}
	ps.add(r.at(colPhase), "%q is not a phase: use before or after", truncate(r.vals[colPhase], 20))
	return "", false
}

func parsePosition(r *record, ps *problems) (domain.DebatePosition, bool) {
	switch strings.ToLower(r.vals[colPosition]) {
	case "for", "f":
		return domain.PositionFor, true
	case "against", "a":
		return domain.PositionAgainst, true
	case "undecided", "u":
		return domain.PositionUndecided, true
	}
	ps.add(r.at(colPosition), "%q is not a position: use for, against or undecided", truncate(r.vals[colPosition], 20))
	return "", false
}

// sourceKey identifies a contribution row by its session and resolved
// content plus how many identical rows came before it in the file. The
// same row always gets the same key, whichever file format carried it, so
// re-importing adds nothing; a corrected row gets a new key.
func (c *checker) sourceKey(fields ...string) string {
	h := sha256.New()
	h.Write([]byte(c.sd.session.ID))
	for _, f := range fields {
		h.Write([]byte{0})
		h.Write([]byte(f))
	}
	var base [32]byte
	h.Sum(base[:0])
	n := c.occurrences[base]
	c.occurrences[base] = n + 1
	h.Write([]byte{0})
	h.Write([]byte(strconv.Itoa(n)))
	return "capture:" + hex.EncodeToString(h.Sum(nil)[:16])
}

// stableID makes the same record ID for the same session and key, so a
// re-imported tally or dot count replaces itself instead of adding to it.
func stableID(sessionID, key string) string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("peervoice-capture:"+sessionID+"|"+key)).String()
}
