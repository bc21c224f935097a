package store

import (
	"context"
	"database/sql"
	"fmt"

	"peervoice/domain"
)

const participantColumns = `id, programme_id, code, site_id, consent_take_part, consent_quote, consent_media,
	consent_on, consent_facilitator_id, age_band, gender, ethnicity, sentence_stage, external_ref, withdrawn_at, created_at`

// CreateParticipant inserts a participant. A code already used in the
// programme is a conflict.
func (s *DB) CreateParticipant(ctx context.Context, p *domain.Participant) error {
	if p.ID == "" {
		p.ID = domain.NewID()
	}
	if p.CreatedAt.IsZero() {
		p.CreatedAt = s.now().UTC()
	}
	p.Code = domain.NormaliseCode(p.Code)
	if err := p.Validate(); err != nil {
		return err
	}
	var withdrawn any
	if p.WithdrawnAt != nil {
		withdrawn = timestamp(*p.WithdrawnAt)
	}
	c, d := p.Consent, p.Demographics
	_, err := s.exec(ctx, `INSERT INTO participants (`+participantColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		p.ID, p.ProgrammeID, p.Code, nullable(p.SiteID), c.TakePart, c.Quote, c.Media, string(c.RecordedOn),
		nullable(c.FacilitatorID), d.AgeBand, d.Gender, d.Ethnicity, d.SentenceStage, p.ExternalRef, withdrawn,
		timestamp(p.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: create participant %s: %w", p.Code, err)
	}
	return nil
}

// Participants lists a programme's participants by code.
func (s *DB) Participants(ctx context.Context, programmeID string) ([]domain.Participant, error) {
	return s.participants(ctx, `WHERE programme_id = ? ORDER BY code`, programmeID)
}

// ParticipantByCode finds a participant by their code, however it was typed.
func (s *DB) ParticipantByCode(ctx context.Context, programmeID, code string) (*domain.Participant, error) {
	ps, err := s.participants(ctx, `WHERE programme_id = ? AND code = ?`, programmeID, domain.NormaliseCode(code))
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, notFound(fmt.Sprintf("Participant code %q", code))
	}
	return &ps[0], nil
}

func (s *DB) participants(ctx context.Context, where string, args ...any) ([]domain.Participant, error) {
	return queryAll(ctx, s, "participants", `SELECT `+participantColumns+` FROM participants `+where, scanParticipant, args...)
}

func scanParticipant(rows *sql.Rows) (domain.Participant, error) {
	var p domain.Participant
	var site, facilitator, withdrawn sql.NullString
	var consentOn, created string
	c, d := &p.Consent, &p.Demographics
	if err := rows.Scan(&p.ID, &p.ProgrammeID, &p.Code, &site, &c.TakePart, &c.Quote, &c.Media, &consentOn,
		&facilitator, &d.AgeBand, &d.Gender, &d.Ethnicity, &d.SentenceStage, &p.ExternalRef, &withdrawn, &created); err != nil {
		return p, fmt.Errorf("store: scan participant: %w", err)
	}
	p.SiteID, c.FacilitatorID, c.RecordedOn = site.String, facilitator.String, domain.Date(consentOn)
	p.CreatedAt = parseTimestamp(created)
	if withdrawn.Valid {
		t := parseTimestamp(withdrawn.String)
		p.WithdrawnAt = &t
	}
	return p, nil
}

// RecordAttendance notes that a participant attended a session. Recording
// it twice is harmless.
func (s *DB) RecordAttendance(ctx context.Context, sessionID, participantID string) error {
	_, err := s.exec(ctx, `INSERT INTO attendance (session_id, participant_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
		sessionID, participantID)
	if err != nil {
		return fmt.Errorf("store: record attendance: %w", err)
	}
	return nil
}

// Attendees lists the IDs of the participants who attended a session, in
// code order, leaving out anyone who has withdrawn.
func (s *DB) Attendees(ctx context.Context, sessionID string) ([]string, error) {
	rows, err := s.query(ctx, `SELECT p.id FROM attendance a JOIN participants p ON p.id = a.participant_id
		WHERE a.session_id = ? AND p.withdrawn_at IS NULL ORDER BY p.code`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: attendees: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: scan attendee: %w", err)
		}
		out = append(out, id)
	}
	return out, translate(rows.Err())
}
