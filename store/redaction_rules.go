package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"peervoice/domain"
	"peervoice/privacy/intake"
)

var _ intake.RulesStore = (*DB)(nil)

// DecideRedactionRule records an analyst's decision on a phrase. A phrase
// is kept or redacted, not both: deciding one way removes a decision the
// other way, since redaction lets deny win and an undo would do nothing.
// Deciding the same way again updates the category, who and when.
func (s *DB) DecideRedactionRule(ctx context.Context, r *intake.Rule) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if r.ID == "" {
		r.ID = domain.NewID()
	}
	if r.DecidedAt.IsZero() {
		r.DecidedAt = s.now().UTC()
	}
	return s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		if _, err := t.exec(ctx, `DELETE FROM redaction_rules WHERE programme_id = ? AND phrase = ? AND kind <> ?`,
			r.ProgrammeID, r.Phrase, string(r.Kind)); err != nil {
			return fmt.Errorf("store: decide redaction rule: %w", err)
		}
		_, err := t.exec(ctx, `INSERT INTO redaction_rules (id, programme_id, phrase, kind, category, decided_by, decided_at)
			VALUES (?,?,?,?,?,?,?) ON CONFLICT (programme_id, phrase, kind) DO UPDATE SET
			category = excluded.category, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
			r.ID, r.ProgrammeID, r.Phrase, string(r.Kind), r.Category, r.DecidedBy, timestamp(r.DecidedAt))
		if err != nil {
			return fmt.Errorf("store: decide redaction rule: %w", err)
		}
		return t.queryRow(ctx, `SELECT id FROM redaction_rules WHERE programme_id = ? AND phrase = ? AND kind = ?`,
			r.ProgrammeID, r.Phrase, string(r.Kind)).Scan(&r.ID)
	})
}

// RedactionRules lists a programme's rules, allow before deny, by phrase.
func (s *DB) RedactionRules(ctx context.Context, programmeID string) ([]intake.Rule, error) {
	rows, err := s.query(ctx, `SELECT id, programme_id, phrase, kind, category, decided_by, decided_at
		FROM redaction_rules WHERE programme_id = ? ORDER BY kind, phrase`, programmeID)
	if err != nil {
		return nil, fmt.Errorf("store: redaction rules: %w", err)
	}
	defer rows.Close()
	var out []intake.Rule
	for rows.Next() {
		var r intake.Rule
		var kind, at string
		if err := rows.Scan(&r.ID, &r.ProgrammeID, &r.Phrase, &kind, &r.Category, &r.DecidedBy, &at); err != nil {
			return nil, fmt.Errorf("store: scan redaction rule: %w", err)
		}
		r.Kind, r.DecidedAt = intake.RuleKind(kind), parseTimestamp(at)
		out = append(out, r)
	}
	return out, translate(rows.Err())
}

// ReviewItem is a contribution waiting for redaction review, and whether
// its raw text is still kept (sealed) for the reviewer.
type ReviewItem struct {
	domain.Contribution
	RawKept bool
}

// PendingReview lists a programme's contributions whose redaction is not
// yet approved, at most limit of them: first those whose raw text is kept
// (redaction changed something, so there is something to check), each
// group oldest first. Flagged contributions
// (with the safeguarding lead) and withdrawn participants' are left out.
func (s *DB) PendingReview(ctx context.Context, programmeID string, limit int) ([]ReviewItem, error) {
	q := `SELECT c.` + strings.ReplaceAll(contributionColumns, ", ", ", c.") + `, c.raw_text IS NOT NULL
		FROM contributions c LEFT JOIN participants p ON p.id = c.participant_id
		WHERE c.programme_id = ? AND c.review = ? AND c.flagged = ? AND (p.id IS NULL OR p.withdrawn_at IS NULL)
		ORDER BY CASE WHEN c.raw_text IS NULL THEN 1 ELSE 0 END, c.created_at, c.id LIMIT ?`
	rows, err := s.query(ctx, q, programmeID, string(domain.ReviewPending), false, max(limit, 1))
	if err != nil {
		return nil, fmt.Errorf("store: pending review: %w", err)
	}
	defer rows.Close()
	var out []ReviewItem
	for rows.Next() {
		it, err := scanReviewItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, translate(rows.Err())
}

func scanReviewItem(rows *sql.Rows) (ReviewItem, error) {
	var it ReviewItem
	var session, activity, area, participant, key sql.NullString
	var review, created string
	if err := rows.Scan(&it.ID, &it.ProgrammeID, &session, &activity, &area, &participant, &it.Team, &it.Text,
		&review, &it.Flagged, &it.Source, &key, &created, &it.RawKept); err != nil {
		return it, fmt.Errorf("store: scan review item: %w", err)
	}
	it.SessionID, it.ActivityID, it.AreaID, it.ParticipantID = session.String, activity.String, area.String, participant.String
	it.Review, it.SourceKey, it.CreatedAt = domain.ReviewStatus(review), key.String, parseTimestamp(created)
	return it, nil
}

// ContributionByID returns one contribution, flagged or not, with whether
// its raw text is kept. Callers decide who may see it.
func (s *DB) ContributionByID(ctx context.Context, id string) (*ReviewItem, error) {
	rows, err := s.query(ctx, `SELECT `+contributionColumns+`, raw_text IS NOT NULL FROM contributions WHERE id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("store: contribution: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := translate(rows.Err()); err != nil {
			return nil, err
		}
		return nil, notFound("The contribution")
	}
	it, err := scanReviewItem(rows)
	return &it, err
}

// SetReview sets a contribution's review status.
func (s *DB) SetReview(ctx context.Context, contributionID string, status domain.ReviewStatus) error {
	if status != domain.ReviewPending && status != domain.ReviewApproved {
		return domain.Errorf(domain.EInvalid, "%q is not a review status.", status)
	}
	return s.updateContribution(ctx, `UPDATE contributions SET review = ? WHERE id = ?`, string(status), contributionID)
}

// SetRedactedText replaces a contribution's stored (redacted) text, as when
// a reviewer's decision re-redacts it from the raw text.
func (s *DB) SetRedactedText(ctx context.Context, contributionID, text string) error {
	c := domain.Contribution{Text: text, Review: domain.ReviewPending}
	if err := c.Validate(); err != nil {
		return err
	}
	return s.updateContribution(ctx, `UPDATE contributions SET text = ? WHERE id = ?`, text, contributionID)
}

func (s *DB) updateContribution(ctx context.Context, query string, args ...any) error {
	res, err := s.exec(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: update contribution: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return notFound("The contribution")
	}
	return nil
}
