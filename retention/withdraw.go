package retention

import (
	"context"
	"errors"
	"fmt"
	"time"

	"peervoice/domain"
)

// WithdrawStore is what a withdrawal needs; *store.DB implements it.
type WithdrawStore interface {
	ParticipantByCode(ctx context.Context, programmeID, code string) (*domain.Participant, error)
	// ParticipantData counts the participant's contributions and votes.
	ParticipantData(ctx context.Context, participantID string) (Counts, error)
	ApplyDeletions(ctx context.Context, ds []Deletion, record bool) (Counts, error)
}

// FindForWithdrawal looks up the participant a typed code names. A code
// that fails its check character is refused before any lookup, with a
// message saying so, because a mistyped code could name somebody else.
func FindForWithdrawal(ctx context.Context, st WithdrawStore, prog *domain.Programme, typed string) (*domain.Participant, error) {
	code := domain.NormaliseCode(typed)
	if err := domain.CheckCode(code); err != nil {
		return nil, err
	}
	p, err := st.ParticipantByCode(ctx, prog.ID, code)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, domain.Errorf(domain.ENotFound, "No participant in %s has the code %s. Check the code on the consent form.", prog.Slug, code)
	}
	if err != nil {
		return nil, fmt.Errorf("withdraw: find %s: %w", code, err)
	}
	if p.WithdrawnAt != nil {
		return nil, domain.Errorf(domain.EConflict, "Participant %s already withdrew on %s.", code, domain.DateOf(*p.WithdrawnAt))
	}
	return p, nil
}

// Outcome is what a withdrawal did.
type Outcome struct {
	Participant *domain.Participant
	// Purged is true when the withdrawal came on or before the cut-off, so
	// the participant's data was deleted for good. After the cut-off it is
	// kept (the report it fed may be published) but left out of every
	// future output.
	Purged bool
	Counts Counts
}

// Withdraw withdraws p at time now. On or before the programme's
// withdrawal cut-off their contributions and votes are deleted; after it,
// they stay but every read path leaves them out. Either way the withdrawal
// is recorded as a deletion, in the table and in the journal file if one is
// named, so a restore does not undo it.
func Withdraw(ctx context.Context, st WithdrawStore, prog *domain.Programme, p *domain.Participant, now time.Time, journal string) (Outcome, error) {
	now = now.UTC()
	out := Outcome{Participant: p, Purged: prog.WithdrawalOpen(domain.DateOf(now))}
	ds := []Deletion{{ProgrammeID: prog.ID, Kind: Withdrawal, RecordID: p.ID, DeletedAt: now}}
	if out.Purged {
		ds = append(ds, Deletion{ProgrammeID: prog.ID, Kind: ParticipantData, RecordID: p.ID, DeletedAt: now})
	}
	if err := appendJournal(journal, ds); err != nil {
		return out, err
	}
	c, err := st.ApplyDeletions(ctx, ds, true)
	if err != nil {
		return out, fmt.Errorf("withdraw %s: %w", p.Code, err)
	}
	out.Counts = c
	p.WithdrawnAt = &now
	return out, nil
}
