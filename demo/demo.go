package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"peervoice/domain"
	"peervoice/scheduling"
)

// Slug is the demo programme's slug.
const Slug = "hmpps-long-term-strategy"

// Seed fixes every random choice, so two loads produce the same programme.
const Seed = 20260901

// Login is a demo account and the role it holds in the demo programme.
type Login struct {
	Email string
	Name  string
	Role  domain.Role // "" for the global admin
}

// Logins are the demo accounts, all sharing one password.
var Logins = []Login{
	{"admin@demo.test", "Ada Admin", ""},
	{"coordinator@demo.test", "Chris Coordinator", domain.RoleCoordinator},
	{"facilitator@demo.test", "Jordan Okafor", domain.RoleFacilitator},
	{"facilitator2@demo.test", "Kayleigh Marsh", domain.RoleFacilitator},
	{"analyst@demo.test", "Alex Analyst", domain.RoleAnalyst},
	{"safeguarding@demo.test", "Sam Safeguarding", domain.RoleSafeguardingLead},
	{"decisionmaker@demo.test", "Dana Decision-maker", domain.RoleDecisionMaker},
}

// Options tune a load.
type Options struct {
	// PasswordHash is given to every demo login.
	PasswordHash string
	// Intake, if set, is applied to each contribution before it is stored:
	// the privacy pipeline (redaction and screening) plugs in here.
	Intake func(c *domain.Contribution) error
}

// Summary says what a load created.
type Summary struct {
	Programme     *domain.Programme
	Sites         int
	Sessions      int
	Participants  int
	Contributions int
	Statements    int
	Votes         int
}

// Load creates the demo programme in one transaction. If the demo is
// already there it returns a conflict error and changes nothing.
func Load(ctx context.Context, st domain.Store, opts Options) (*Summary, error) {
	if _, err := st.ProgrammeBySlug(ctx, Slug); err == nil {
		return nil, domain.Errorf(domain.EConflict, "The demo programme %q is already loaded; nothing was changed.", Slug)
	} else if domain.ErrorCode(err) != domain.ENotFound {
		return nil, err
	}
	var sum *Summary
	err := st.InTx(ctx, func(tx domain.Store) error {
		b := &builder{st: tx, rng: rand.New(rand.NewPCG(Seed, Seed>>3)), opts: opts}
		var err error
		sum, err = b.build(ctx)
		return err
	})
	return sum, err
}

// builder holds the state of one load.
type builder struct {
	st   domain.Store
	rng  *rand.Rand
	opts Options
	sum  Summary

	prog         *domain.Programme
	areas        map[string]domain.StrategicArea
	sites        []domain.Site
	facilitators []domain.Facilitator
	sessions     []plannedSession
	participants []domain.Participant
	stance       map[string]int // participant ID → latent opinion group
}

// plannedSession is a session with its plan and who came.
type plannedSession struct {
	domain.Session
	activities []domain.Activity
	attendees  []domain.Participant
	areaKeys   []string
	statements []domain.Statement
}

func (b *builder) build(ctx context.Context) (*Summary, error) {
	steps := []func(context.Context) error{
		b.programme, b.addSites, b.addFacilitators, b.addParticipants, b.addSessions,
		b.addStatements, b.addContributions, b.addVotes, b.addDebates, b.addDots, b.addFacilitation, b.addUsers,
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
	}
	b.sum.Programme = b.prog
	return &b.sum, nil
}

func (b *builder) programme(ctx context.Context) error {
	b.prog = &domain.Programme{
		Slug:                 Slug,
		Title:                "HMPPS long-term strategy: voices of young adults",
		Commissioner:         "HM Prison and Probation Service (fictional demo)",
		Purpose:              "Involve young adults in custody and on probation in shaping the long-term strategy, through peer-led sessions on six strategic areas.",
		Template:             "hmpps_strategy",
		StartDate:            "2026-08-17",
		EndDate:              "2027-03-31",
		TargetParticipants:   110,
		TargetSites:          7,
		TargetSessions:       20,
		SuppressionThreshold: domain.DefaultThreshold,
		RetentionDays:        730,
		WithdrawalCutoff:     "2026-12-18",
	}
	areas := make([]domain.StrategicArea, len(Areas))
	for i, a := range Areas {
		areas[i] = domain.StrategicArea{Key: a.Key, Name: a.Name, Questions: a.Questions, Position: i + 1}
	}
	if err := b.st.CreateProgramme(ctx, b.prog, areas); err != nil {
		return err
	}
	b.areas = map[string]domain.StrategicArea{}
	for _, a := range areas {
		b.areas[a.Key] = a
	}
	return nil
}

func (b *builder) addSites(ctx context.Context) error {
	for _, s := range Sites {
		site := domain.Site{ProgrammeID: b.prog.ID, Name: s.Name, Type: domain.SiteType(s.Type), Region: s.Region,
			Contact: s.Contact, SecurityNotes: s.SecurityNotes}
		if err := b.st.CreateSite(ctx, &site); err != nil {
			return err
		}
		b.sites = append(b.sites, site)
	}
	b.sum.Sites = len(b.sites)
	return nil
}

func (b *builder) addFacilitators(ctx context.Context) error {
	existing, err := b.st.Facilitators(ctx)
	if err != nil {
		return err
	}
	byEmail := map[string]domain.Facilitator{}
	for _, f := range existing {
		byEmail[f.Email] = f
	}
	for _, s := range Facilitators {
		f, ok := byEmail[s.Email]
		if !ok {
			f = domain.Facilitator{Name: s.Name, Email: s.Email, LivedExperience: s.LivedExperience}
			if err := b.st.CreateFacilitator(ctx, &f); err != nil {
				return err
			}
		}
		b.facilitators = append(b.facilitators, f)
	}
	return nil
}

// siteShares spreads 110 participants over the seven sites roughly as the
// seed programme did: more in the larger establishments.
var siteShares = []int{20, 16, 18, 17, 14, 11, 14}

func (b *builder) addParticipants(ctx context.Context) error {
	used := map[string]bool{}
	b.stance = map[string]int{}
	for si, n := range siteShares {
		for range n {
			code := domain.NewCode(b.rng.IntN, domain.CodePayloadLen)
			for used[code] {
				code = domain.NewCode(b.rng.IntN, domain.CodePayloadLen)
			}
			used[code] = true
			p := domain.Participant{ProgrammeID: b.prog.ID, Code: code, SiteID: b.sites[si].ID,
				Consent: b.consent(si), Demographics: b.demographics(si)}
			if err := b.st.CreateParticipant(ctx, &p); err != nil {
				return err
			}
			b.participants = append(b.participants, p)
			b.stance[p.ID] = b.rng.IntN(3)
		}
	}
	b.sum.Participants = len(b.participants)
	return nil
}

func (b *builder) consent(site int) domain.Consent {
	quote := b.rng.Float64() < 0.8
	return domain.Consent{TakePart: true, Quote: quote, Media: quote && b.rng.Float64() < 0.35,
		FacilitatorID: b.facilitators[site%len(b.facilitators)].ID}
}

func (b *builder) demographics(site int) domain.Demographics {
	d := domain.Demographics{
		AgeBand:       pick(b.rng, []string{"18-20", "18-20", "21-24", "21-24", "21-24", "25-29", "prefer_not_to_say"}),
		Ethnicity:     pick(b.rng, []string{"white", "white", "white", "black", "black", "asian", "mixed", "other", "prefer_not_to_say"}),
		SentenceStage: pick(b.rng, []string{"remand", "early", "middle", "middle", "pre_release", "prefer_not_to_say"}),
		Gender:        pick(b.rng, []string{"man", "man", "man", "woman", "non_binary", "prefer_not_to_say"}),
	}
	switch domain.SiteType(Sites[site].Type) {
	case domain.SiteWomensPrison:
		d.Gender = pick(b.rng, []string{"woman", "woman", "woman", "woman", "non_binary", "prefer_not_to_say"})
	case domain.SiteApprovedPremises, domain.SiteProbationOffice:
		d.SentenceStage = pick(b.rng, []string{"on_licence", "on_licence", "community_order", "prefer_not_to_say"})
	case domain.SiteYOI:
		d.AgeBand = pick(b.rng, []string{"18-20", "18-20", "21-24", "prefer_not_to_say"})
	}
	return d
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// sessionsPerSite gives 20 sessions over the seven sites.
var sessionsPerSite = []int{3, 3, 3, 3, 3, 3, 2}

// addSessions schedules the sessions on weekdays over September and October
// 2026, two days apart, so no facilitator is ever double-booked.
func (b *builder) addSessions(ctx context.Context) error {
	day := domain.Date("2026-09-01")
	n := 0
	for si, count := range sessionsPerSite {
		attendees := b.siteParticipants(b.sites[si].ID)
		for k := range count {
			day = nextWeekday(day.AddDays(2))
			lead := b.facilitators[n%len(b.facilitators)]
			co := b.facilitators[(n+1+n/len(b.facilitators))%len(b.facilitators)]
			if co.ID == lead.ID {
				co = b.facilitators[(n+2)%len(b.facilitators)]
			}
			ps := plannedSession{Session: domain.Session{
				ProgrammeID: b.prog.ID, SiteID: b.sites[si].ID, Date: day, StartTime: "09:30", EndTime: "12:00",
				Title:             fmt.Sprintf("%s, session %d", b.sites[si].Name, k+1),
				LeadFacilitatorID: lead.ID, CoFacilitatorID: co.ID, TargetGroup: targetGroup(si),
				Status: domain.SessionDelivered,
			}}
			ps.areaKeys = []string{Areas[n%6].Key, Areas[(n+2)%6].Key, Areas[(n+4)%6].Key}
			ps.attendees = b.sample(attendees, min(len(attendees), 9+b.rng.IntN(4)))
			if err := b.createSession(ctx, &ps); err != nil {
				return err
			}
			b.sessions = append(b.sessions, ps)
			n++
		}
	}
	b.sum.Sessions = len(b.sessions)
	return nil
}

func targetGroup(site int) string {
	switch domain.SiteType(Sites[site].Type) {
	case domain.SiteWomensPrison:
		return "Young women aged 18-25"
	case domain.SiteApprovedPremises, domain.SiteProbationOffice:
		return "Young adults on licence or community orders"
	}
	return "Young adults aged 18-25"
}

func nextWeekday(d domain.Date) domain.Date {
	for wd := d.Time().Weekday(); wd == 0 || wd == 6; wd = d.Time().Weekday() {
		d = d.AddDays(1)
	}
	return d
}

func (b *builder) siteParticipants(siteID string) []domain.Participant {
	var out []domain.Participant
	for _, p := range b.participants {
		if p.SiteID == siteID {
			out = append(out, p)
		}
	}
	return out
}

// sample returns n participants chosen without replacement, in a stable order.
func (b *builder) sample(ps []domain.Participant, n int) []domain.Participant {
	idx := b.rng.Perm(len(ps))[:n]
	out := make([]domain.Participant, n)
	for i, j := range idx {
		out[i] = ps[j]
	}
	return out
}

func (b *builder) createSession(ctx context.Context, ps *plannedSession) error {
	if err := b.st.CreateSession(ctx, &ps.Session); err != nil {
		return err
	}
	for _, p := range ps.attendees {
		if err := b.st.RecordAttendance(ctx, ps.ID, p.ID); err != nil {
			return err
		}
	}
	plan := []domain.Activity{
		{Kind: domain.ActivityDebate, AreaID: b.areas[ps.areaKeys[0]].ID, Title: b.motion(ps.areaKeys[0]), Minutes: 30},
		{Kind: domain.ActivityTeamWork, AreaID: b.areas[ps.areaKeys[1]].ID, Title: "Team work: " + b.areas[ps.areaKeys[1]].Name,
			Prompt: Areas[areaIndex(ps.areaKeys[1])].Questions[0], Minutes: 40},
		{Kind: domain.ActivityPresentation, AreaID: b.areas[ps.areaKeys[1]].ID, Title: "Teams present back", Minutes: 20},
		{Kind: domain.ActivityStatementCards, Title: "Statement cards", Minutes: 20},
		{Kind: domain.ActivityDotPriorities, AreaID: b.areas[ps.areaKeys[2]].ID, Title: "Dot priorities: " + b.areas[ps.areaKeys[2]].Name, Minutes: 15},
		{Kind: domain.ActivityDiscussion, AreaID: b.areas[ps.areaKeys[2]].ID, Title: "Open discussion", Minutes: 25},
	}
	for i := range plan {
		plan[i].SessionID, plan[i].Position = ps.ID, i+1
		if err := b.st.CreateActivity(ctx, &plan[i]); err != nil {
			return err
		}
	}
	ps.activities = plan
	return nil
}

func areaIndex(key string) int {
	for i, a := range Areas {
		if a.Key == key {
			return i
		}
	}
	return 0
}

// motion picks the area's first motion, so each motion is debated at
// several sessions and the pooled result is large enough to report.
func (b *builder) motion(area string) string {
	for _, m := range Motions {
		if m.Area == area {
			return m.Motion
		}
	}
	return "This house believes that things must change."
}

func (b *builder) addStatements(ctx context.Context) error {
	var all []domain.Statement
	for i, s := range Statements {
		st := domain.Statement{ProgrammeID: b.prog.ID, Number: i + 1, AreaID: b.areas[s.Area].ID, Text: s.Text,
			Moderation: domain.ModeratedIn}
		if err := b.st.CreateStatement(ctx, &st); err != nil {
			return err
		}
		all = append(all, st)
	}
	for i := range b.sessions {
		// Each session votes on a dozen cards, overlapping with others so
		// that opinion groups can form across sites.
		start := (i * 7) % len(all)
		for k := range 12 {
			b.sessions[i].statements = append(b.sessions[i].statements, all[(start+k)%len(all)])
		}
	}
	b.sum.Statements = len(all)
	return nil
}

// addContributions spreads each area's contributions over the sessions
// that covered that area, attributing most to an attendee, some to a team
// and some to nobody (unprefixed lines on a flipchart).
func (b *builder) addContributions(ctx context.Context) error {
	var batch []domain.Contribution
	for _, area := range Areas {
		covering := b.sessionsCovering(area.Key)
		for i, text := range area.Contributions {
			batch = append(batch, b.contribution(covering[i%len(covering)], area.Key, text, "demo:"+area.Key+":"+itoa(i)))
		}
	}
	for i, text := range append(append([]string{}, IdentifierContributions...), DisclosureContributions...) {
		ps := &b.sessions[(i*3)%len(b.sessions)]
		batch = append(batch, b.contribution(ps, ps.areaKeys[i%3], text, "demo:special:"+itoa(i)))
	}
	if b.opts.Intake != nil {
		for i := range batch {
			if err := b.opts.Intake(&batch[i]); err != nil {
				return err
			}
		}
	}
	n, err := b.st.CreateContributions(ctx, batch)
	b.sum.Contributions = n
	return err
}

func (b *builder) sessionsCovering(area string) []*plannedSession {
	var out []*plannedSession
	for i := range b.sessions {
		for _, k := range b.sessions[i].areaKeys {
			if k == area {
				out = append(out, &b.sessions[i])
			}
		}
	}
	return out
}

func (b *builder) contribution(ps *plannedSession, area, text, key string) domain.Contribution {
	c := domain.Contribution{ProgrammeID: b.prog.ID, SessionID: ps.ID, AreaID: b.areas[area].ID, Text: text,
		Source: "demo", SourceKey: key, Review: domain.ReviewPending}
	for _, a := range ps.activities {
		if a.AreaID == c.AreaID && (a.Kind == domain.ActivityTeamWork || a.Kind == domain.ActivityDiscussion || a.Kind == domain.ActivityDebate) {
			c.ActivityID = a.ID
			break
		}
	}
	switch r := b.rng.Float64(); {
	case r < 0.7:
		c.ParticipantID = pick(b.rng, ps.attendees).ID
	case r < 0.85:
		c.Team = "T" + itoa(1+b.rng.IntN(3))
	}
	return c
}

// addVotes makes card votes with three planted opinion groups, so that the
// opinion analysis finds real structure: each group leans one way on each
// statement, and individuals follow their group's lean most of the time.
func (b *builder) addVotes(ctx context.Context) error {
	lean := map[string][3]int{}
	for _, ps := range b.sessions {
		for _, st := range ps.statements {
			if _, ok := lean[st.ID]; !ok {
				lean[st.ID] = [3]int{b.rng.IntN(3) - 1, b.rng.IntN(3) - 1, b.rng.IntN(3) - 1}
			}
		}
	}
	var votes []domain.Vote
	seen := map[[2]string]bool{}
	for _, ps := range b.sessions {
		for _, p := range ps.attendees {
			for _, st := range ps.statements {
				if seen[[2]string{st.ID, p.ID}] {
					continue
				}
				seen[[2]string{st.ID, p.ID}] = true
				votes = append(votes, domain.Vote{StatementID: st.ID, ParticipantID: p.ID, Value: b.vote(lean[st.ID][b.stance[p.ID]])})
			}
		}
	}
	b.sum.Votes = len(votes)
	return b.st.PutVotes(ctx, votes)
}

func (b *builder) vote(lean int) int {
	switch r := b.rng.Float64(); {
	case r < 0.1:
		return domain.Pass
	case r < 0.75 && lean != 0:
		return lean
	default:
		return b.rng.IntN(3) - 1
	}
}

// addDebates records each attendee's vote before and after each debate; a
// debate persuades some of the undecided and a few of those against.
func (b *builder) addDebates(ctx context.Context) error {
	positions := []domain.DebatePosition{domain.PositionFor, domain.PositionAgainst, domain.PositionUndecided}
	for _, ps := range b.sessions {
		debate := ps.activities[0]
		var vs []domain.DebateVote
		for _, p := range ps.attendees {
			before := pick(b.rng, positions)
			after := before
			if before != domain.PositionFor && b.rng.Float64() < 0.45 {
				after = domain.PositionFor
			} else if before == domain.PositionFor && b.rng.Float64() < 0.1 {
				after = domain.PositionUndecided
			}
			vs = append(vs,
				domain.DebateVote{ActivityID: debate.ID, ParticipantID: p.ID, Phase: domain.PhaseBefore, Position: before, Count: 1},
				domain.DebateVote{ActivityID: debate.ID, ParticipantID: p.ID, Phase: domain.PhaseAfter, Position: after, Count: 1})
		}
		if err := b.st.CreateDebateVotes(ctx, vs); err != nil {
			return err
		}
	}
	return nil
}

// addDots has each attendee place three dots on the dot-priorities
// activity's options, favouring some options more than others, so the
// ranking has a clear top and a contested middle.
func (b *builder) addDots(ctx context.Context) error {
	for _, ps := range b.sessions {
		act := ps.activities[4]
		ideas := TeamIdeas[ps.areaKeys[2]]
		options := ideas[:min(6, len(ideas))]
		var vs []domain.DotVote
		for _, p := range ps.attendees {
			placed := map[string]int{}
			for range 3 {
				// Squaring a uniform draw skews choices towards the first options.
				r := b.rng.Float64()
				placed[options[int(r*r*float64(len(options)))]]++
			}
			for _, o := range options {
				if placed[o] > 0 {
					vs = append(vs, domain.DotVote{ActivityID: act.ID, ParticipantID: p.ID, Option: o, Dots: placed[o]})
				}
			}
		}
		if err := b.st.CreateDotVotes(ctx, vs); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) addUsers(ctx context.Context) error {
	for _, l := range Logins {
		u := domain.User{Email: l.Email, Name: l.Name, PasswordHash: b.opts.PasswordHash, IsAdmin: l.Role == ""}
		if f := b.facilitatorByEmail(l.Email); f != nil {
			u.FacilitatorID = f.ID
		}
		if existing, err := b.st.UserByEmail(ctx, l.Email); err == nil {
			u = *existing
		} else if err := b.st.CreateUser(ctx, &u); err != nil {
			return err
		}
		if l.Role != "" {
			if err := b.st.AddMembership(ctx, domain.Membership{UserID: u.ID, ProgrammeID: b.prog.ID, Role: l.Role}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *builder) facilitatorByEmail(email string) *domain.Facilitator {
	for i := range b.facilitators {
		if strings.EqualFold(b.facilitators[i].Email, email) {
			return &b.facilitators[i]
		}
	}
	return nil
}

func itoa(n int) string { return fmt.Sprint(n) }

// facilitationStore is the part of the store that holds clearances,
// training, debriefs and the fees ledger. The real store has it; a store
// without it gets a demo without them.
type facilitationStore interface {
	PutClearance(ctx context.Context, c *scheduling.Clearance) error
	AddTraining(ctx context.Context, t *scheduling.Training) error
	PutDebrief(ctx context.Context, d *scheduling.Debrief) error
	AddPayment(ctx context.Context, p *scheduling.Payment) error
}

// addFacilitation clears every facilitator for every site, records their
// training, a debrief for each session and the sessional fees. One
// clearance and one course expire soon after the demo's reference date,
// and one debrief asks for follow-up, so the coordinator's warnings and
// alerts have something to show.
func (b *builder) addFacilitation(ctx context.Context) error {
	fs, ok := b.st.(facilitationStore)
	if !ok {
		return nil
	}
	for i, f := range b.facilitators {
		for j, site := range b.sites {
			expires := domain.Date("2027-08-31")
			if i == 2 && j == 3 {
				expires = "2026-12-07"
			}
			c := scheduling.Clearance{FacilitatorID: f.ID, SiteID: site.ID, Status: scheduling.ClearanceGranted, ExpiresOn: expires}
			if err := fs.PutClearance(ctx, &c); err != nil {
				return err
			}
		}
		for k, kind := range []scheduling.TrainingKind{scheduling.TrainingSafeguarding, scheduling.TrainingFacilitation, scheduling.TrainingDataProtection} {
			expires := domain.Date("2027-07-31")
			if i == 1 && k == 0 {
				expires = "2026-12-04"
			}
			t := scheduling.Training{FacilitatorID: f.ID, Kind: kind, CompletedOn: "2026-07-20", ExpiresOn: expires}
			if err := fs.AddTraining(ctx, &t); err != nil {
				return err
			}
		}
	}
	for i, ps := range b.sessions {
		if err := b.debriefAndPay(ctx, fs, i, ps); err != nil {
			return err
		}
	}
	return nil
}

var debriefNotes = []string{
	"Good energy. The debate got everyone talking and the team work ran over, which was fine.",
	"Quieter group at first; the statement cards helped people who did not want to speak.",
	"Two participants left early for visits. The rest stayed engaged to the end.",
	"Strong session. Officers outside the room were respectful and did not interrupt.",
}

func (b *builder) debriefAndPay(ctx context.Context, fs facilitationStore, i int, ps plannedSession) error {
	d := scheduling.Debrief{SessionID: ps.ID, HowItWent: debriefNotes[i%len(debriefNotes)], Wellbeing: scheduling.WellbeingGood,
		RecordedBy: ps.LeadFacilitatorID}
	if i == 7 {
		d.HowItWent = "A participant talked about a friend who died in custody. We followed the protocol but it was heavy."
		d.FollowUp, d.Wellbeing = true, scheduling.WellbeingStruggling
	}
	if err := fs.PutDebrief(ctx, &d); err != nil {
		return err
	}
	for _, fac := range []string{ps.LeadFacilitatorID, ps.CoFacilitatorID} {
		lines := []scheduling.Payment{
			{ProgrammeID: b.prog.ID, FacilitatorID: fac, SessionID: ps.ID, Kind: scheduling.PaymentFee, AmountPence: 15000, Date: ps.Date, Description: "Sessional fee"},
			{ProgrammeID: b.prog.ID, FacilitatorID: fac, SessionID: ps.ID, Kind: scheduling.PaymentExpense, AmountPence: 1840 + 230*(i%5), Date: ps.Date, Description: "Travel"},
		}
		for k := range lines {
			if err := fs.AddPayment(ctx, &lines[k]); err != nil {
				return err
			}
		}
	}
	return nil
}
