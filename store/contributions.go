package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"peervoice/domain"
)

const contributionColumns = `id, programme_id, session_id, activity_id, area_id, participant_id, team, text,
	review, flagged, source, source_key, created_at`

// contributionBatch is how many rows go in one multi-row INSERT: large
// enough to amortise round trips, small enough for SQLite's variable limit.
const contributionBatch = 400

// CreateContributions inserts contributions in batches inside one
// transaction. Rows whose (programme, source key) already exist are skipped,
// so importing the same file twice adds nothing.
func (s *DB) CreateContributions(ctx context.Context, cs []domain.Contribution) (int, error) {
	now := s.now().UTC()
	for i := range cs {
		c := &cs[i]
		if c.ID == "" {
			c.ID = domain.NewID()
		}
		if c.CreatedAt.IsZero() {
			c.CreatedAt = now
		}
		if c.Review == "" {
			c.Review = domain.ReviewPending
		}
		if err := c.Validate(); err != nil {
			return 0, fmt.Errorf("contribution %d: %w", i+1, err)
		}
	}
	added := 0
	err := s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		for start := 0; start < len(cs); start += contributionBatch {
			n, err := t.insertContributions(ctx, cs[start:min(start+contributionBatch, len(cs))])
			if err != nil {
				return err
			}
			added += n
		}
		return nil
	})
	return added, err
}

func (s *DB) insertContributions(ctx context.Context, cs []domain.Contribution) (int, error) {
	var b strings.Builder
	b.WriteString(`INSERT INTO contributions (` + contributionColumns + `) VALUES `)
	args := make([]any, 0, len(cs)*13)
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`(?,?,?,?,?,?,?,?,?,?,?,?,?)`)
		args = append(args, c.ID, c.ProgrammeID, nullable(c.SessionID), nullable(c.ActivityID), nullable(c.AreaID),
			nullable(c.ParticipantID), c.Team, c.Text, string(c.Review), c.Flagged, c.Source, nullable(c.SourceKey),
			timestamp(c.CreatedAt))
	}
	b.WriteString(` ON CONFLICT DO NOTHING`)
	res, err := s.exec(ctx, b.String(), args...)
	if err != nil {
		return 0, fmt.Errorf("store: insert contributions: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Contributions lists contributions matching f, oldest first. Flagged
// contributions (held for safeguarding) and those of withdrawn participants
// are left out unless asked for.
func (s *DB) Contributions(ctx context.Context, f domain.ContributionFilter) ([]domain.Contribution, error) {
	where, args := []string{"c.programme_id = ?", "(p.id IS NULL OR p.withdrawn_at IS NULL)"}, []any{f.ProgrammeID}
	if f.SessionID != "" {
		where, args = append(where, "c.session_id = ?"), append(args, f.SessionID)
	}
	if f.AreaID != "" {
		where, args = append(where, "c.area_id = ?"), append(args, f.AreaID)
	}
	if !f.IncludeFlagged {
		where = append(where, "c.flagged = ?")
		args = append(args, false)
	}
	q := `SELECT c.` + strings.ReplaceAll(contributionColumns, ", ", ", c.") + ` FROM contributions c
		LEFT JOIN participants p ON p.id = c.participant_id
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY c.created_at, c.id`
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	return queryAll(ctx, s, "contributions", q, scanContribution, args...)
}

func scanContribution(rows *sql.Rows) (domain.Contribution, error) {
	var c domain.Contribution
	var session, activity, area, participant, key sql.NullString
	var review, created string
	if err := rows.Scan(&c.ID, &c.ProgrammeID, &session, &activity, &area, &participant, &c.Team, &c.Text,
		&review, &c.Flagged, &c.Source, &key, &created); err != nil {
		return c, fmt.Errorf("store: scan contribution: %w", err)
	}
	c.SessionID, c.ActivityID, c.AreaID, c.ParticipantID = session.String, activity.String, area.String, participant.String
	c.Review, c.SourceKey, c.CreatedAt = domain.ReviewStatus(review), key.String, parseTimestamp(created)
	return c, nil
}

// CountContributions counts a programme's visible contributions by area and
// site. Callers pass the result through suppression before showing it.
func (s *DB) CountContributions(ctx context.Context, programmeID string) ([]domain.AreaSiteCount, error) {
	// Count per (area, session) on the covering index first, then fold
	// sessions into sites: far cheaper than joining every row.
	rows, err := s.query(ctx, `SELECT g.area, COALESCE(x.site_id, ''), SUM(g.n) FROM (
			SELECT COALESCE(c.area_id, '') AS area, c.session_id AS sess, COUNT(*) AS n
			FROM contributions c
			WHERE c.programme_id = ? AND c.flagged = ? AND (c.participant_id IS NULL OR c.participant_id NOT IN
				(SELECT p.id FROM participants p WHERE p.programme_id = ? AND p.withdrawn_at IS NOT NULL))
			GROUP BY c.area_id, c.session_id) g
		LEFT JOIN sessions x ON x.id = g.sess
		GROUP BY g.area, x.site_id ORDER BY 1, 2`, programmeID, false, programmeID)
	if err != nil {
		return nil, fmt.Errorf("store: count contributions: %w", err)
	}
	defer rows.Close()
	var out []domain.AreaSiteCount
	for rows.Next() {
		var c domain.AreaSiteCount
		if err := rows.Scan(&c.AreaID, &c.SiteID, &c.Count); err != nil {
			return nil, fmt.Errorf("store: scan count: %w", err)
		}
		out = append(out, c)
	}
	return out, translate(rows.Err())
}
