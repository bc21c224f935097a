package retention

import (
	"context"
	"fmt"
	"time"

	"peervoice/domain"
)

// Policy is how retention runs. Its zero value is the default.
type Policy struct {
	// KeepRawAfterApproval keeps raw text after its redaction is approved,
	// until the retention period ends (config keep_raw_after_approval).
	// By default it is deleted on approval: once an analyst has accepted
	// the redaction, nobody needs the original.
	KeepRawAfterApproval bool
	// DryRun plans and reports without deleting anything.
	DryRun bool
	// Journal, if set, is a file outside the database to which every
	// deletion is appended; Reapply reads it too.
	Journal string
}

// Report is what a run did (or, on a dry run, would do).
type Report struct {
	At        time.Time  `json:"at"`
	DryRun    bool       `json:"dry_run"`
	Deletions []Deletion `json:"deletions"`
	Counts    Counts     `json:"counts"`
}

// Run deletes expired data with the default policy. The server calls it
// daily.
func Run(ctx context.Context, st Store, now time.Time) (Report, error) {
	return Policy{}.Run(ctx, st, now)
}

// Run plans the deletions due at now and carries them out in one
// transaction, recording each in the deletions table and the journal.
func (p Policy) Run(ctx context.Context, st Store, now time.Time) (Report, error) {
	ds, err := p.Plan(ctx, st, now)
	if err != nil {
		return Report{}, err
	}
	rep := Report{At: now.UTC(), DryRun: p.DryRun, Deletions: ds}
	if p.DryRun || len(ds) == 0 {
		return rep, nil
	}
	// The journal is written first: a deletion journalled but not applied
	// is simply applied by the next Reapply, the other way round it could
	// be lost with a restore.
	if err := appendJournal(p.Journal, ds); err != nil {
		return rep, err
	}
	rep.Counts, err = st.ApplyDeletions(ctx, ds, true)
	if err != nil {
		return rep, fmt.Errorf("retention: apply: %w", err)
	}
	return rep, nil
}

// Plan lists the deletions due at now, programme by programme.
func (p Policy) Plan(ctx context.Context, st Store, now time.Time) ([]Deletion, error) {
	progs, err := st.Programmes(ctx)
	if err != nil {
		return nil, fmt.Errorf("retention: programmes: %w", err)
	}
	var out []Deletion
	for i := range progs {
		ds, err := p.planProgramme(ctx, st, &progs[i], now.UTC())
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
	}
	return out, nil
}

func (p Policy) planProgramme(ctx context.Context, st Store, prog *domain.Programme, now time.Time) ([]Deletion, error) {
	keepFrom := now.AddDate(0, 0, -prog.RetentionDays)
	var out []Deletion
	add := func(kind Kind, ids []string) {
		for _, id := range ids {
			out = append(out, Deletion{ProgrammeID: prog.ID, Kind: kind, RecordID: id, DeletedAt: now})
		}
	}
	raw, err := st.RawTextDue(ctx, prog.ID, keepFrom, !p.KeepRawAfterApproval)
	if err != nil {
		return nil, fmt.Errorf("retention: raw text of %s: %w", prog.Slug, err)
	}
	add(RawText, raw)
	notes, err := st.ClosedNotesDue(ctx, prog.ID, keepFrom)
	if err != nil {
		return nil, fmt.Errorf("retention: concern notes of %s: %w", prog.Slug, err)
	}
	add(ConcernNotes, notes)
	expired, err := programmeExpired(ctx, st, prog, now)
	if err != nil {
		return nil, err
	}
	if expired {
		add(ProgrammeData, []string{prog.ID})
	}
	return out, nil
}

// programmeExpired reports whether the programme ended more than its
// retention period ago and still holds contribution data.
func programmeExpired(ctx context.Context, st Store, prog *domain.Programme, now time.Time) (bool, error) {
	if !prog.EndDate.Valid() || !prog.EndDate.AddDays(prog.RetentionDays).Before(domain.DateOf(now)) {
		return false, nil
	}
	has, err := st.HasProgrammeData(ctx, prog.ID)
	if err != nil {
		return false, fmt.Errorf("retention: data of %s: %w", prog.Slug, err)
	}
	return has, nil
}

// Reapply re-does every recorded deletion: those in the deletions table and
// those in the journal file, if one is given. Run it at start-up and after
// restoring a backup: rows a restore brought back are deleted again, and
// deletions known only to the journal are added back to the table.
func Reapply(ctx context.Context, st Store, journal string) (Counts, error) {
	ds, err := st.Deletions(ctx)
	if err != nil {
		return Counts{}, fmt.Errorf("retention: reapply: %w", err)
	}
	js, err := readJournal(journal)
	if err != nil {
		return Counts{}, err
	}
	c, err := st.ApplyDeletions(ctx, append(ds, js...), true)
	if err != nil {
		return c, fmt.Errorf("retention: reapply: %w", err)
	}
	return c, nil
}
