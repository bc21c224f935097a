package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"peervoice/domain"
)

// CreateStatement inserts a card statement. Number 0 means "the next free
// number in the programme".
func (s *DB) CreateStatement(ctx context.Context, st *domain.Statement) error {
	if st.ID == "" {
		st.ID = domain.NewID()
	}
	if st.CreatedAt.IsZero() {
		st.CreatedAt = s.now().UTC()
	}
	return s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		if st.Number == 0 {
			if err := t.queryRow(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM statements WHERE programme_id = ?`,
				st.ProgrammeID).Scan(&st.Number); err != nil {
				return fmt.Errorf("store: next statement number: %w", translate(err))
			}
		}
		if err := st.Validate(); err != nil {
			return err
		}
		_, err := t.exec(ctx, `INSERT INTO statements (id, programme_id, number, area_id, text, moderation, external_ref, author_ref, created_at)
			VALUES (?,?,?,?,?,?,?,?,?)`, st.ID, st.ProgrammeID, st.Number, nullable(st.AreaID), st.Text, st.Moderation,
			st.ExternalRef, st.AuthorRef, timestamp(st.CreatedAt))
		if err != nil {
			return fmt.Errorf("store: create statement %d: %w", st.Number, err)
		}
		return nil
	})
}

// Statements lists a programme's statements by number.
func (s *DB) Statements(ctx context.Context, programmeID string) ([]domain.Statement, error) {
	rows, err := s.query(ctx, `SELECT id, programme_id, number, area_id, text, moderation, external_ref, author_ref, created_at
		FROM statements WHERE programme_id = ? ORDER BY number`, programmeID)
	if err != nil {
		return nil, fmt.Errorf("store: statements: %w", err)
	}
	defer rows.Close()
	var out []domain.Statement
	for rows.Next() {
		var st domain.Statement
		var area sql.NullString
		var created string
		if err := rows.Scan(&st.ID, &st.ProgrammeID, &st.Number, &area, &st.Text, &st.Moderation, &st.ExternalRef, &st.AuthorRef, &created); err != nil {
			return nil, fmt.Errorf("store: scan statement: %w", err)
		}
		st.AreaID, st.CreatedAt = area.String, parseTimestamp(created)
		out = append(out, st)
	}
	return out, translate(rows.Err())
}

const voteBatch = 500

// PutVotes records votes in one transaction; a later vote by the same
// participant on the same statement replaces the earlier one.
func (s *DB) PutVotes(ctx context.Context, vs []domain.Vote) error {
	now := s.now().UTC()
	for i := range vs {
		if vs[i].Value < -1 || vs[i].Value > 1 {
			return domain.Errorf(domain.EInvalid, "Vote %d has value %d: use agree (1), disagree (-1) or pass (0).", i+1, vs[i].Value)
		}
		if vs[i].CreatedAt.IsZero() {
			vs[i].CreatedAt = now
		}
	}
	return s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		for start := 0; start < len(vs); start += voteBatch {
			if err := t.upsertVotes(ctx, vs[start:min(start+voteBatch, len(vs))]); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *DB) upsertVotes(ctx context.Context, vs []domain.Vote) error {
	var b strings.Builder
	b.WriteString(`INSERT INTO votes (statement_id, participant_id, value, created_at) VALUES `)
	args := make([]any, 0, len(vs)*4)
	for i, v := range vs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`(?,?,?,?)`)
		args = append(args, v.StatementID, v.ParticipantID, v.Value, timestamp(v.CreatedAt))
	}
	b.WriteString(` ON CONFLICT (statement_id, participant_id) DO UPDATE SET value = excluded.value, created_at = excluded.created_at`)
	if _, err := s.exec(ctx, b.String(), args...); err != nil {
		return fmt.Errorf("store: put votes: %w", err)
	}
	return nil
}

// Votes lists a programme's votes, leaving out withdrawn participants.
func (s *DB) Votes(ctx context.Context, programmeID string) ([]domain.Vote, error) {
	rows, err := s.query(ctx, `SELECT v.statement_id, v.participant_id, v.value, v.created_at
		FROM votes v JOIN statements st ON st.id = v.statement_id JOIN participants p ON p.id = v.participant_id
		WHERE st.programme_id = ? AND p.withdrawn_at IS NULL ORDER BY st.number, p.code`, programmeID)
	if err != nil {
		return nil, fmt.Errorf("store: votes: %w", err)
	}
	defer rows.Close()
	var out []domain.Vote
	for rows.Next() {
		var v domain.Vote
		var created string
		if err := rows.Scan(&v.StatementID, &v.ParticipantID, &v.Value, &created); err != nil {
			return nil, fmt.Errorf("store: scan vote: %w", err)
		}
		v.CreatedAt = parseTimestamp(created)
		out = append(out, v)
	}
	return out, translate(rows.Err())
}

// DebateVotes lists an activity's debate votes, leaving out withdrawn participants.
func (s *DB) DebateVotes(ctx context.Context, activityID string) ([]domain.DebateVote, error) {
	rows, err := s.query(ctx, `SELECT d.id, d.activity_id, d.participant_id, d.phase, d.position, d.count
		FROM debate_votes d LEFT JOIN participants p ON p.id = d.participant_id
		WHERE d.activity_id = ? AND (p.id IS NULL OR p.withdrawn_at IS NULL) ORDER BY d.phase DESC, d.id`, activityID)
	if err != nil {
		return nil, fmt.Errorf("store: debate votes: %w", err)
	}
	defer rows.Close()
	var out []domain.DebateVote
	for rows.Next() {
		var v domain.DebateVote
		var participant sql.NullString
		var phase, position string
		if err := rows.Scan(&v.ID, &v.ActivityID, &participant, &phase, &position, &v.Count); err != nil {
			return nil, fmt.Errorf("store: scan debate vote: %w", err)
		}
		v.ParticipantID, v.Phase, v.Position = participant.String, domain.DebatePhase(phase), domain.DebatePosition(position)
		out = append(out, v)
	}
	return out, translate(rows.Err())
}
