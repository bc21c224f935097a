package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"sync"
	"time"

	"peervoice/domain"
	"peervoice/privacy/intake"
	"peervoice/store"
)

// CaptureOptions say where a capture file goes and how.
type CaptureOptions struct {
	// SessionID is the session being imported into; the file must name
	// the same session and its check code.
	SessionID string
	// Pipeline redacts and screens every contribution before it is
	// stored. It is required.
	Pipeline Intake
	// Progress, if set, is told how far each stage ("intake", "write")
	// has got, in rows.
	Progress func(stage string, done, total int)
	// DryRun checks and redacts the file but writes nothing.
	DryRun bool
}

// KindCount says what happened to one kind of row.
type KindCount struct {
	// Added rows were new.
	Added int `json:"added"`
	// Updated rows replaced a different earlier value (a corrected vote,
	// tally or dot count).
	Updated int `json:"updated"`
	// Skipped rows were already in the database, from an earlier import.
	Skipped int `json:"skipped"`
}

// CaptureResult says what an import did.
type CaptureResult struct {
	Session        *domain.Session
	Contributions  KindCount
	DebateVotes    KindCount
	StatementVotes KindCount
	DotVotes       KindCount
	Rankings       KindCount
	// Blank is the number of template rows left unfilled.
	Blank int
	// Flagged is the number of new contributions the safeguarding screen
	// held back; Redacted the number with something redacted.
	Flagged, Redacted int
	// Timings break the import down, for benchmarks.
	Timings Timings
}

// Timings are how long each stage of an import took.
type Timings struct {
	Check, Intake, Write time.Duration
}

// Intake is the privacy pipeline a contribution passes through before it
// is stored: *intake.Pipeline. It is an interface so that the benchmark
// can measure the import with parts of the pipeline left out.
type Intake interface {
	Apply(c *domain.Contribution) intake.Outcome
}

// Writer is what an import needs beyond domain.Store: votes whose ID is
// stable, replaced on re-import rather than added again. *store.DB has it.
type Writer interface {
	PutDebateVotes(ctx context.Context, vs []domain.DebateVote) error
	PutDotVotes(ctx context.Context, vs []domain.DotVote) error
}

// RankingWriter stores team rankings, replacing any with the same activity
// and source key. *store.DB has it.
type RankingWriter interface {
	PutTeamRankings(ctx context.Context, rs []store.TeamRanking) (added, updated, same int, err error)
}

// ImportCSV reads a CSV capture file and imports it into a session.
func ImportCSV(ctx context.Context, st domain.Store, r io.Reader, opts CaptureOptions) (*CaptureResult, error) {
	c, err := ReadCSV(r)
	if err != nil {
		return nil, err
	}
	return ImportCapture(ctx, st, c, opts)
}

// ImportXLSX reads an XLSX capture workbook and imports it into a session.
func ImportXLSX(ctx context.Context, st domain.Store, r io.Reader, opts CaptureOptions) (*CaptureResult, error) {
	c, err := ReadXLSX(r)
	if err != nil {
		return nil, err
	}
	return ImportCapture(ctx, st, c, opts)
}

// ImportCapture checks every row of a parsed file against the session,
// passes each contribution through the privacy pipeline, and stores the
// lot in one transaction. Any problem anywhere imports nothing and is
// returned, with all the others, in a *FileError.
func ImportCapture(ctx context.Context, st domain.Store, c *Capture, opts CaptureOptions) (*CaptureResult, error) {
	if opts.Pipeline == nil {
		return nil, errors.New("import: no privacy pipeline: contributions must be redacted and screened")
	}
	start := time.Now()
	p, sess, err := checkCapture(ctx, st, c, opts.SessionID)
	if err != nil {
		return nil, err
	}
	res := &CaptureResult{Session: sess, Blank: p.blank}
	res.Timings.Check = time.Since(start)
	start = time.Now()
	if err := applyIntake(p, opts, res); err != nil {
		return nil, err
	}
	res.Timings.Intake = time.Since(start)
	if opts.DryRun {
		res.Contributions.Added = len(p.contributions)
		res.Rankings.Added = len(p.rankings)
		return res, nil
	}
	start = time.Now()
	err = st.InTx(ctx, func(tx domain.Store) error { return writePlan(ctx, tx, p, opts, res) })
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	res.Timings.Write = time.Since(start)
	return res, nil
}

// checkCapture checks the file against the session without writing.
func checkCapture(ctx context.Context, st domain.Store, c *Capture, sessionID string) (*plan, *domain.Session, error) {
	if sessionID == "" {
		return nil, nil, domain.Errorf(domain.EInvalid, "Choose the session to import into.")
	}
	sd, err := loadSessionData(ctx, st, sessionID)
	if err != nil {
		return nil, nil, fmt.Errorf("import: session %s: %w", sessionID, err)
	}
	ch := newChecker(sd, c.Source)
	ch.plan.contributions = make([]domain.Contribution, 0, countKind(c.records, KindContribution))
	ch.plan.contribAt = make([]Location, 0, cap(ch.plan.contributions))
	ch.checkSession(c)
	for i := range c.records {
		ch.check(&c.records[i])
	}
	if len(ch.ps.list) == 0 && len(c.records) == ch.plan.blank {
		ch.ps.add(Location{}, "the file has no filled-in rows, so there is nothing to import (is it truncated, or still a blank template?)")
	}
	return ch.plan, sd.session, ch.ps.err()
}

func countKind(rs []record, k Kind) int {
	n := 0
	for i := range rs {
		if rs[i].kind == k {
			n++
		}
	}
	return n
}

// applyIntake redacts and screens contributions on every core; the
// privacy pipeline is most of an import's cost. It then re-checks each,
// as redaction changes the text.
func applyIntake(p *plan, opts CaptureOptions, res *CaptureResult) error {
	cs := p.contributions
	redacted := make([]bool, len(cs))
	inParallel(len(cs), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			redacted[i] = len(opts.Pipeline.Apply(&cs[i]).Redactions) > 0
		}
	}, func(done int) {
		if opts.Progress != nil {
			opts.Progress("intake", done, len(cs))
		}
	})
	if err := recheck(p, redacted, res); err != nil {
		return err
	}
	return redactRankings(p, opts.Pipeline)
}

// redactRankings passes each ranked idea through the privacy pipeline as
// if it were the team's contribution, and keeps only the redacted text.
// Rankings have no safeguarding queue of their own, so an idea the screen
// flags is stored as the team's flagged contribution, which reaches the
// safeguarding lead, and the ranking keeps a placeholder in its place.
func redactRankings(p *plan, pipe Intake) error {
	ps := &problems{}
	for i := range p.rankings {
		r := &p.rankings[i]
		c := p.rankAsContrib[i]
		c.ID, c.Text = domain.NewID(), r.Idea
		pipe.Apply(&c)
		r.Idea = c.Text
		if c.Flagged {
			p.contributions = append(p.contributions, c)
			p.contribAt = append(p.contribAt, p.rankAt[i])
			r.Idea = HeldIdea
		}
		if err := r.Validate(); err != nil {
			ps.add(p.rankAt[i], "after redaction: %v", err)
		}
	}
	return ps.err()
}

// HeldIdea stands in for a ranked idea the safeguarding screen flagged.
const HeldIdea = "[held for the safeguarding lead]"

// inParallel calls work on chunks of [0, n) from one goroutine per core,
// and progress (never concurrently) with the count done so far.
func inParallel(n int, work func(lo, hi int), progress func(done int)) {
	const chunk = 512
	var mu sync.Mutex
	var wg sync.WaitGroup
	next, done := 0, 0
	claim := func() (int, int) {
		mu.Lock()
		defer mu.Unlock()
		lo := next
		next = min(next+chunk, n)
		return lo, next
	}
	for range min(runtime.GOMAXPROCS(0), max(1, n/chunk)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for lo, hi := claim(); lo < hi; lo, hi = claim() {
				work(lo, hi)
				mu.Lock()
				done += hi - lo
				progress(done)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

// recheck validates the redacted contributions and counts the outcomes.
func recheck(p *plan, redacted []bool, res *CaptureResult) error {
	ps := &problems{}
	for i := range p.contributions {
		c := &p.contributions[i]
		if err := c.Validate(); err != nil {
			ps.add(p.contribAt[i], "after redaction: %v", err)
		}
		if c.Flagged {
			res.Flagged++
		}
		if redacted[i] {
			res.Redacted++
		}
	}
	return ps.err()
}

// writeChunk is how many contributions are written between progress
// reports.
const writeChunk = 5000

// writePlan stores a checked plan inside the import's transaction.
func writePlan(ctx context.Context, tx domain.Store, p *plan, opts CaptureOptions, res *CaptureResult) error {
	if err := writeContributions(ctx, tx, p, opts, res); err != nil {
		return err
	}
	if err := writeVotes(ctx, tx, p, res); err != nil {
		return err
	}
	if len(p.debate)+len(p.dots) > 0 {
		w, ok := tx.(Writer)
		if !ok {
			return errors.New("this store cannot import debate or dot votes")
		}
		if err := writeDebate(ctx, tx, w, p, res); err != nil {
			return err
		}
		if err := writeDots(ctx, tx, w, p, res); err != nil {
			return err
		}
	}
	if err := writeRankings(ctx, tx, p, res); err != nil {
		return err
	}
	return recordAttendance(ctx, tx, p, res.Session.ID)
}

func writeRankings(ctx context.Context, tx domain.Store, p *plan, res *CaptureResult) error {
	if len(p.rankings) == 0 {
		return nil
	}
	w, ok := tx.(RankingWriter)
	if !ok {
		return errors.New("this store cannot import team rankings")
	}
	added, updated, same, err := w.PutTeamRankings(ctx, p.rankings)
	if err != nil {
		return fmt.Errorf("team rankings: %w", err)
	}
	res.Rankings.Added, res.Rankings.Updated, res.Rankings.Skipped = added, updated, same
	return nil
}

func writeContributions(ctx context.Context, tx domain.Store, p *plan, opts CaptureOptions, res *CaptureResult) error {
	cs := p.contributions
	for lo := 0; lo < len(cs); lo += writeChunk {
		hi := min(lo+writeChunk, len(cs))
		n, err := tx.CreateContributions(ctx, cs[lo:hi])
		if err != nil {
			return fmt.Errorf("contributions: %w", err)
		}
		res.Contributions.Added += n
		res.Contributions.Skipped += hi - lo - n
		if opts.Progress != nil {
			opts.Progress("write", hi, len(cs))
		}
	}
	return nil
}

// writeVotes stores statement votes that are new or changed.
func writeVotes(ctx context.Context, tx domain.Store, p *plan, res *CaptureResult) error {
	if len(p.votes) == 0 {
		return nil
	}
	existing, err := tx.Votes(ctx, res.Session.ProgrammeID)
	if err != nil {
		return err
	}
	old := make(map[string]int, len(existing))
	for _, v := range existing {
		old[v.StatementID+"|"+v.ParticipantID] = v.Value
	}
	var put []domain.Vote
	for _, v := range p.votes {
		prev, ok := old[v.StatementID+"|"+v.ParticipantID]
		count(&res.StatementVotes, ok, ok && prev == v.Value)
		if !ok || prev != v.Value {
			put = append(put, v)
		}
	}
	return tx.PutVotes(ctx, put)
}

// count classifies one row as added, updated or skipped.
func count(k *KindCount, existed, same bool) {
	switch {
	case !existed:
		k.Added++
	case same:
		k.Skipped++
	default:
		k.Updated++
	}
}

func writeDebate(ctx context.Context, tx domain.Store, w Writer, p *plan, res *CaptureResult) error {
	return writeChanged(ctx, p.debate, &res.DebateVotes, tx.DebateVotes, w.PutDebateVotes,
		func(v domain.DebateVote) (string, string) { return v.ID, v.ActivityID },
		func(a, b domain.DebateVote) bool { return a.Position == b.Position && a.Count == b.Count })
}

func writeDots(ctx context.Context, tx domain.Store, w Writer, p *plan, res *CaptureResult) error {
	return writeChanged(ctx, p.dots, &res.DotVotes, tx.DotVotes, w.PutDotVotes,
		func(v domain.DotVote) (string, string) { return v.ID, v.ActivityID },
		func(a, b domain.DotVote) bool { return a.Dots == b.Dots && a.Option == b.Option })
}

// writeChanged writes the votes of a kind whose stable ID is new or whose
// value changed, counting each as added, updated or already there. read
// lists an activity's stored votes; keys gives a vote's ID and activity.
func writeChanged[T any](ctx context.Context, vs []T, k *KindCount,
	read func(context.Context, string) ([]T, error), put func(context.Context, []T) error,
	keys func(T) (string, string), same func(a, b T) bool) error {
	old := map[string]T{}
	for _, act := range activitiesOf(vs, func(v T) string { _, a := keys(v); return a }) {
		stored, err := read(ctx, act)
		if err != nil {
			return err
		}
		for _, v := range stored {
			id, _ := keys(v)
			old[id] = v
		}
	}
	var changed []T
	for _, v := range vs {
		id, _ := keys(v)
		prev, ok := old[id]
		unchanged := ok && same(prev, v)
		count(k, ok, unchanged)
		if !unchanged {
			changed = append(changed, v)
		}
	}
	return put(ctx, changed)
}

// activitiesOf lists the distinct activities of some votes, sorted.
func activitiesOf[T any](vs []T, id func(T) string) []string {
	seen := map[string]bool{}
	for _, v := range vs {
		seen[id(v)] = true
	}
	out := make([]string, 0, len(seen))
	for a := range seen {
		out = append(out, a)
	}
	return sortedStrings(out)
}

// recordAttendance notes that everyone named in the file attended.
func recordAttendance(ctx context.Context, tx domain.Store, p *plan, sessionID string) error {
	ids := make([]string, 0, len(p.attendees))
	for id := range p.attendees {
		ids = append(ids, id)
	}
	for _, id := range sortedStrings(ids) {
		if err := tx.RecordAttendance(ctx, sessionID, id); err != nil {
			return err
		}
	}
	return nil
}

func sortedStrings(s []string) []string {
	sort.Strings(s)
	return s
}
