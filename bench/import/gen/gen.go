// Package gen builds what the capture-import benchmarks and tests need: a
// programme with one delivered session, and capture CSV files of realistic,
// varied contributions. It is seeded, so a run is repeatable.
package gen

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"

	"peervoice/domain"
)

// Fixture is a programme with one delivered session and its plan.
type Fixture struct {
	Programme    *domain.Programme
	Session      *domain.Session
	Areas        []domain.StrategicArea
	Activities   []domain.Activity // A1 discussion, A2 debate, A3 statement cards, A4 dots
	Participants []domain.Participant
	Withdrawn    domain.Participant
	Statements   []domain.Statement
}

// Setup creates the fixture in st, with the given number of participants
// (plus one who has withdrawn) and statements S1..S(statements).
func Setup(ctx context.Context, st domain.Store, slug string, participants, statements int) (*Fixture, error) {
	f := &Fixture{}
	err := st.InTx(ctx, func(tx domain.Store) error {
		if err := f.programme(ctx, tx, slug); err != nil {
			return err
		}
		if err := f.plan(ctx, tx); err != nil {
			return err
		}
		if err := f.people(ctx, tx, participants); err != nil {
			return err
		}
		return f.cards(ctx, tx, statements)
	})
	if err != nil {
		return nil, fmt.Errorf("gen: setup: %w", err)
	}
	return f, nil
}

func (f *Fixture) programme(ctx context.Context, st domain.Store, slug string) error {
	f.Programme = &domain.Programme{Slug: slug, Title: "Import test " + slug, StartDate: "2026-01-01", EndDate: "2026-12-31",
		SuppressionThreshold: 5, RetentionDays: 365}
	f.Areas = []domain.StrategicArea{{Key: "safety", Name: "Safety", Position: 1}, {Key: "education", Name: "Education and work", Position: 2}}
	if err := st.CreateProgramme(ctx, f.Programme, f.Areas); err != nil {
		return err
	}
	areas, err := st.Areas(ctx, f.Programme.ID)
	f.Areas = areas
	return err
}

func (f *Fixture) plan(ctx context.Context, st domain.Store) error {
	site := &domain.Site{ProgrammeID: f.Programme.ID, Name: "HMP Example", Type: domain.SiteCatC}
	if err := st.CreateSite(ctx, site); err != nil {
		return err
	}
	lead := &domain.Facilitator{Name: "Lead", Email: f.Programme.Slug + "@example.org"}
	if err := st.CreateFacilitator(ctx, lead); err != nil {
		return err
	}
	f.Session = &domain.Session{ProgrammeID: f.Programme.ID, SiteID: site.ID, Title: "Visit one", Date: "2026-03-02",
		StartTime: "09:30", LeadFacilitatorID: lead.ID, Status: domain.SessionDelivered}
	if err := st.CreateSession(ctx, f.Session); err != nil {
		return err
	}
	f.Activities = []domain.Activity{
		{Kind: domain.ActivityDiscussion, Title: "What makes you feel safe", AreaID: f.Areas[0].ID, Minutes: 30},
		{Kind: domain.ActivityDebate, Title: "This house believes education should come first", Minutes: 30},
		{Kind: domain.ActivityStatementCards, Title: "Statement cards", Minutes: 20},
		{Kind: domain.ActivityDotPriorities, Title: "Priorities", Minutes: 15},
	}
	for i := range f.Activities {
		f.Activities[i].SessionID, f.Activities[i].Position = f.Session.ID, i+1
		if err := st.CreateActivity(ctx, &f.Activities[i]); err != nil {
			return err
		}
	}
	return nil
}

func (f *Fixture) people(ctx context.Context, st domain.Store, n int) error {
	rng := rand.New(rand.NewPCG(7, 11))
	seen := map[string]bool{}
	for len(f.Participants) <= n {
		code := domain.NewCode(rng.IntN, domain.CodePayloadLen+1)
		if seen[code] {
			continue
		}
		seen[code] = true
		p := domain.Participant{ProgrammeID: f.Programme.ID, Code: code, SiteID: f.Session.SiteID,
			Consent: domain.Consent{TakePart: true}}
		if len(f.Participants) == n {
			at := f.Session.CreatedAt
			p.WithdrawnAt = &at
		}
		if err := st.CreateParticipant(ctx, &p); err != nil {
			return err
		}
		if p.WithdrawnAt != nil {
			f.Withdrawn = p
			return nil
		}
		f.Participants = append(f.Participants, p)
	}
	return nil
}

func (f *Fixture) cards(ctx context.Context, st domain.Store, n int) error {
	for i := 1; i <= n; i++ {
		s := domain.Statement{ProgrammeID: f.Programme.ID, Number: i, Text: "Statement number " + strconv.Itoa(i)}
		if err := st.CreateStatement(ctx, &s); err != nil {
			return err
		}
		f.Statements = append(f.Statements, s)
	}
	return nil
}

// Header returns the CSV header block and column names for the session.
func (f *Fixture) Header() string {
	return "format,peervoice-capture-1\nsession," + f.Session.ID + "\ncheck code," + f.Session.CheckCode +
		"\nkind,activity,area,participant,phase,position,statement,vote,option,count,text\n"
}

// WriteContributions writes a capture CSV of n contribution rows: varied
// sentences, some attributed to participants or teams, some carrying
// names, numbers and places for the redactor to find.
func (f *Fixture) WriteContributions(w io.Writer, n int, seed uint64) error {
	if _, err := io.WriteString(w, f.Header()); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	rng := rand.New(rand.NewPCG(seed, 3))
	for i := 0; i < n; i++ {
		who := ""
		switch rng.IntN(4) {
		case 0:
			who = f.Participants[rng.IntN(len(f.Participants))].Code
		case 1:
			who = "T" + strconv.Itoa(1+rng.IntN(6))
		}
		area := f.Areas[rng.IntN(len(f.Areas))].Key
		if err := cw.Write([]string{"contribution", "A1", area, who, "", "", "", "", "", "", Sentence(rng)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

var (
	openers = []string{"i think", "to be honest", "the thing is", "on our wing", "when i was on remand", "most lads reckon",
		"for me personally", "nobody tells you that", "what would help is", "the main problem is"}
	topics = []string{"the staff never have time to talk", "education gets cancelled every other week",
		"you wait weeks for a healthcare appointment", "the gym is the only thing that keeps me sane",
		"the kitchen job pays next to nothing", "family visits get cancelled without notice",
		"the listeners do a better job than anyone", "there is no help with housing before release",
		"canteen prices went up again", "the bang up is 23 hours most days", "the course waiting list is too long",
		"nobody explains the IEP scheme properly", "the phones on the landing are always broken",
		"probation keep changing my officer", "i cant get my ID sorted before release"}
	names  = []string{"Jamie", "Kyle Thompson", "Shannon", "Marcus Williams", "Reece", "Connor", "Grace", "Tyrone"}
	extras = []string{"my mate %s said the same", "ask %s, he was there", "%s from the OMU lost my paperwork",
		"call me on 07700 900%03d when im out", "my number was A%04dBC back then", "i live near SW1A %dAA",
		"it happened on %d March last year"}
	closers = []string{"and that needs to change", "innit", "so what is the point", "but nobody listens",
		"which makes it worse", "and it has been like that for years", ""}
)

// Sentence returns one contribution's text, between about 8 and 60 words.
func Sentence(rng *rand.Rand) string {
	var b strings.Builder
	for k := 1 + rng.IntN(3); k > 0; k-- {
		b.WriteString(openers[rng.IntN(len(openers))])
		b.WriteByte(' ')
		b.WriteString(topics[rng.IntN(len(topics))])
		if rng.IntN(5) == 0 {
			b.WriteString(", ")
			b.WriteString(extra(rng))
		}
		if c := closers[rng.IntN(len(closers))]; c != "" {
			b.WriteByte(' ')
			b.WriteString(c)
		}
		b.WriteString(". ")
	}
	return strings.TrimSpace(b.String())
}

func extra(rng *rand.Rand) string {
	e := extras[rng.IntN(len(extras))]
	if strings.Contains(e, "%s") {
		return fmt.Sprintf(e, names[rng.IntN(len(names))])
	}
	return fmt.Sprintf(e, 1+rng.IntN(28))
}
