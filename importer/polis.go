// Package importer brings data into a programme from files: Polis export
// folders, and the CSV and XLSX capture templates. Every import runs in one
// transaction and is idempotent: importing the same file twice adds nothing.
package importer

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"time"

	"peervoice/domain"
	"peervoice/polis"
)

// PolisOptions say where a Polis export goes.
type PolisOptions struct {
	// Programme is the slug of an existing programme to add to; empty
	// creates a new programme.
	Programme string
	// Name names a new programme's slug, usually the export folder's name.
	Name string
}

// PolisResult says what an import did.
type PolisResult struct {
	Programme    *domain.Programme
	Created      bool
	Statements   int
	Participants int
	Votes        int
}

// ImportPolis stores a Polis export in one transaction. Participants and
// statements keep their Polis IDs as external references, moderated-out
// statements stay moderated out, and each participant's latest vote is the
// one stored.
func ImportPolis(ctx context.Context, st domain.Store, e *polis.Export, opts PolisOptions) (*PolisResult, error) {
	res := &PolisResult{}
	err := st.InTx(ctx, func(tx domain.Store) error {
		p, created, err := polisProgramme(ctx, tx, e, opts)
		if err != nil {
			return err
		}
		res.Programme, res.Created = p, created
		statements, err := importStatements(ctx, tx, p.ID, e, res)
		if err != nil {
			return err
		}
		participants, err := importParticipants(ctx, tx, p.ID, e, res)
		if err != nil {
			return err
		}
		return importVotes(ctx, tx, e, statements, participants, res)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func polisProgramme(ctx context.Context, st domain.Store, e *polis.Export, opts PolisOptions) (*domain.Programme, bool, error) {
	if opts.Programme != "" {
		p, err := st.ProgrammeBySlug(ctx, opts.Programme)
		return p, false, err
	}
	slug, err := freeSlug(ctx, st, slugify(opts.Name))
	if err != nil {
		return nil, false, err
	}
	first, last := timeRange(e)
	p := &domain.Programme{
		Slug: slug, Title: polisTitle(e, opts.Name), Template: "polis_import",
		Purpose:   "Imported from a Polis conversation export. Data gathered using the Polis software (compdemocracy.org/polis), CC BY 4.0, The Computational Democracy Project.",
		StartDate: domain.DateOf(first), EndDate: domain.DateOf(last),
		SuppressionThreshold: domain.DefaultThreshold, RetentionDays: domain.DefaultRetentionDays,
	}
	if err := st.CreateProgramme(ctx, p, nil); err != nil {
		return nil, false, err
	}
	return p, true, nil
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slugify(name string) string {
	s := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if len(s) > 50 {
		s = strings.Trim(s[:50], "-")
	}
	if s == "" {
		s = "polis-import"
	}
	return s
}

// freeSlug returns base, or base-2, base-3, ... if base is taken.
func freeSlug(ctx context.Context, st domain.Store, base string) (string, error) {
	slug := base
	for n := 2; ; n++ {
		_, err := st.ProgrammeBySlug(ctx, slug)
		if domain.ErrorCode(err) == domain.ENotFound {
			return slug, nil
		}
		if err != nil {
			return "", err
		}
		slug = base + "-" + strconv.Itoa(n)
	}
}

func polisTitle(e *polis.Export, name string) string {
	for _, row := range e.Summary {
		if row.Key == "topic" && strings.TrimSpace(row.Value) != "" {
			return truncate(strings.TrimSpace(row.Value), 200)
		}
	}
	return "Polis conversation " + name
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// timeRange returns the first and last moments of the conversation.
func timeRange(e *polis.Export) (time.Time, time.Time) {
	var lo, hi int64
	note := func(ts int64) {
		if ts > 0 && (lo == 0 || ts < lo) {
			lo = ts
		}
		hi = max(hi, ts)
	}
	for _, c := range e.Comments {
		note(c.Timestamp)
	}
	for _, v := range e.Votes {
		note(v.Timestamp)
	}
	if lo == 0 {
		now := time.Now()
		return now, now
	}
	return time.UnixMilli(lo), time.UnixMilli(hi)
}

// importStatements adds the comments not already in the programme and
// returns every Polis comment ID's statement ID.
func importStatements(ctx context.Context, st domain.Store, programmeID string, e *polis.Export, res *PolisResult) (map[int]string, error) {
	existing, err := st.Statements(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	ids := map[int]string{}
	for _, s := range existing {
		if n, ok := polis.ParseRef(s.ExternalRef); ok {
			ids[n] = s.ID
		}
	}
	for _, c := range e.Comments {
		if _, ok := ids[c.ID]; ok {
			continue
		}
		s := &domain.Statement{ProgrammeID: programmeID, Text: c.Body, Moderation: c.Moderated,
			ExternalRef: polis.Ref(c.ID), AuthorRef: strconv.Itoa(c.AuthorID), CreatedAt: time.UnixMilli(c.Timestamp)}
		if err := st.CreateStatement(ctx, s); err != nil {
			return nil, fmt.Errorf("comments.csv, comment %d: %w", c.ID, err)
		}
		ids[c.ID] = s.ID
		res.Statements++
	}
	return ids, nil
}

// importParticipants adds a participant for every Polis voter not already
// in the programme, with a fresh pseudonymous code, and returns every Polis
// participant ID's participant ID.
func importParticipants(ctx context.Context, st domain.Store, programmeID string, e *polis.Export, res *PolisResult) (map[int]string, error) {
	existing, err := st.Participants(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	ids, codes := map[int]string{}, map[string]bool{}
	for _, p := range existing {
		codes[p.Code] = true
		if n, ok := polis.ParseRef(p.ExternalRef); ok {
			ids[n] = p.ID
		}
	}
	voters := polisVoters(e)
	rng := rand.New(rand.NewPCG(seedOf(programmeID), 1))
	payload := domain.CodePayloadLen
	if len(voters)+len(existing) > 2000 {
		payload++
	}
	for _, v := range voters {
		if _, ok := ids[v]; ok {
			continue
		}
		code := domain.NewCode(rng.IntN, payload)
		for codes[code] {
			code = domain.NewCode(rng.IntN, payload)
		}
		codes[code] = true
		p := &domain.Participant{ProgrammeID: programmeID, Code: code, ExternalRef: polis.Ref(v),
			Consent: domain.Consent{TakePart: true}}
		if err := st.CreateParticipant(ctx, p); err != nil {
			return nil, fmt.Errorf("participant %d: %w", v, err)
		}
		ids[v] = p.ID
		res.Participants++
	}
	return ids, nil
}

// polisVoters lists every participant ID in the export, in first-seen order.
func polisVoters(e *polis.Export) []int {
	seen := map[int]bool{}
	var out []int
	add := func(id int) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, p := range e.Participants {
		add(p.ID)
	}
	for _, v := range e.Votes {
		add(v.VoterID)
	}
	return out
}

func seedOf(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func importVotes(ctx context.Context, st domain.Store, e *polis.Export, statements, participants map[int]string, res *PolisResult) error {
	latest := e.LatestVotes()
	votes := make([]domain.Vote, 0, len(latest))
	for i, v := range latest {
		sid, ok := statements[v.CommentID]
		if !ok {
			return domain.Errorf(domain.EInvalid, "votes.csv: vote %d is on comment %d, which comments.csv does not have.", i+1, v.CommentID)
		}
		votes = append(votes, domain.Vote{StatementID: sid, ParticipantID: participants[v.VoterID], Value: int(v.Value),
			CreatedAt: time.UnixMilli(v.Timestamp)})
	}
	res.Votes = len(votes)
	return st.PutVotes(ctx, votes)
}
