package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"peervoice/domain"
	"peervoice/scheduling"
)

// This file holds what running a programme needs beyond creating it:
// editing a programme, its areas, sites and sessions; facilitators'
// training, clearances and availability; debriefs; the fees ledger.

// UpdateProgramme saves a programme's editable settings. The slug and
// template stay as they were created: links and exports use them.
func (s *DB) UpdateProgramme(ctx context.Context, p *domain.Programme) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.updateOne(ctx, "The programme", `UPDATE programmes SET title = ?, commissioner = ?, purpose = ?, start_date = ?,
		end_date = ?, target_participants = ?, target_sites = ?, target_sessions = ?, suppression_threshold = ?,
		retention_days = ?, withdrawal_cutoff = ? WHERE id = ?`, p.Title, p.Commissioner, p.Purpose, string(p.StartDate),
		string(p.EndDate), p.TargetParticipants, p.TargetSites, p.TargetSessions, p.SuppressionThreshold, p.RetentionDays,
		string(p.WithdrawalCutoff), p.ID)
}

// AddArea adds a strategic area after the programme's existing ones.
func (s *DB) AddArea(ctx context.Context, programmeID string, a *domain.StrategicArea) error {
	return s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		if err := t.queryRow(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM strategic_areas WHERE programme_id = ?`,
			programmeID).Scan(&a.Position); err != nil {
			return fmt.Errorf("store: next area position: %w", translate(err))
		}
		return t.createArea(ctx, programmeID, a)
	})
}

// UpdateArea saves an area's name and guiding questions. Its key stays, as
// coded contributions and imports refer to it.
func (s *DB) UpdateArea(ctx context.Context, a *domain.StrategicArea) error {
	if err := a.Validate(); err != nil {
		return err
	}
	qs, _ := json.Marshal(a.Questions)
	return s.updateOne(ctx, "The strategic area", `UPDATE strategic_areas SET name = ?, questions = ? WHERE id = ? AND programme_id = ?`,
		a.Name, string(qs), a.ID, a.ProgrammeID)
}

// UpdateSite saves a site's details; it stays in its programme.
func (s *DB) UpdateSite(ctx context.Context, site *domain.Site) error {
	if err := site.Validate(); err != nil {
		return err
	}
	return s.updateOne(ctx, "The site", `UPDATE sites SET name = ?, type = ?, region = ?, contact = ?, security_notes = ?
		WHERE id = ? AND programme_id = ?`, site.Name, string(site.Type), site.Region, site.Contact, site.SecurityNotes,
		site.ID, site.ProgrammeID)
}

// Facilitator returns one peer facilitator.
func (s *DB) Facilitator(ctx context.Context, id string) (*domain.Facilitator, error) {
	var f domain.Facilitator
	var created string
	err := s.queryRow(ctx, `SELECT id, name, email, lived_experience, created_at FROM facilitators WHERE id = ?`, id).
		Scan(&f.ID, &f.Name, &f.Email, &f.LivedExperience, &created)
	if err == sql.ErrNoRows {
		return nil, notFound("The facilitator")
	}
	if err != nil {
		return nil, fmt.Errorf("store: facilitator: %w", translate(err))
	}
	f.CreatedAt = parseTimestamp(created)
	return &f, nil
}

// UpdateFacilitator saves a facilitator's profile.
func (s *DB) UpdateFacilitator(ctx context.Context, f *domain.Facilitator) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return s.updateOne(ctx, "The facilitator", `UPDATE facilitators SET name = ?, email = ?, lived_experience = ? WHERE id = ?`,
		f.Name, f.Email, f.LivedExperience, f.ID)
}

// AddTraining records a completed course.
func (s *DB) AddTraining(ctx context.Context, t *scheduling.Training) error {
	if t.ID == "" {
		t.ID = domain.NewID()
	}
	if err := t.Validate(); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO facilitator_training (id, facilitator_id, kind, completed_on, expires_on) VALUES (?,?,?,?,?)`,
		t.ID, t.FacilitatorID, string(t.Kind), string(t.CompletedOn), string(t.ExpiresOn))
	if err != nil {
		return fmt.Errorf("store: add training: %w", err)
	}
	return nil
}

// Training lists every facilitator's courses, or one facilitator's if
// facilitatorID is set, by expiry.
func (s *DB) Training(ctx context.Context, facilitatorID string) ([]scheduling.Training, error) {
	rows, err := s.query(ctx, `SELECT id, facilitator_id, kind, completed_on, expires_on FROM facilitator_training
		WHERE ? = '' OR facilitator_id = ? ORDER BY expires_on, kind, id`, facilitatorID, facilitatorID)
	if err != nil {
		return nil, fmt.Errorf("store: training: %w", err)
	}
	defer rows.Close()
	var out []scheduling.Training
	for rows.Next() {
		var t scheduling.Training
		var kind, done, expires string
		if err := rows.Scan(&t.ID, &t.FacilitatorID, &kind, &done, &expires); err != nil {
			return nil, fmt.Errorf("store: scan training: %w", err)
		}
		t.Kind, t.CompletedOn, t.ExpiresOn = scheduling.TrainingKind(kind), domain.Date(done), domain.Date(expires)
		out = append(out, t)
	}
	return out, translate(rows.Err())
}

// PutClearance records a facilitator's clearance for a site, replacing
// any earlier one for the same site.
func (s *DB) PutClearance(ctx context.Context, c *scheduling.Clearance) error {
	if err := c.Validate(); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO facilitator_clearances (facilitator_id, site_id, status, expires_on) VALUES (?,?,?,?)
		ON CONFLICT (facilitator_id, site_id) DO UPDATE SET status = excluded.status, expires_on = excluded.expires_on`,
		c.FacilitatorID, c.SiteID, string(c.Status), string(c.ExpiresOn))
	if err != nil {
		return fmt.Errorf("store: put clearance: %w", err)
	}
	return nil
}

// Clearances lists every clearance for the programme's sites.
func (s *DB) Clearances(ctx context.Context, programmeID string) ([]scheduling.Clearance, error) {
	rows, err := s.query(ctx, `SELECT c.facilitator_id, c.site_id, c.status, c.expires_on FROM facilitator_clearances c
		JOIN sites ON sites.id = c.site_id WHERE sites.programme_id = ? ORDER BY sites.name, c.facilitator_id`, programmeID)
	if err != nil {
		return nil, fmt.Errorf("store: clearances: %w", err)
	}
	defer rows.Close()
	var out []scheduling.Clearance
	for rows.Next() {
		var c scheduling.Clearance
		var status, expires string
		if err := rows.Scan(&c.FacilitatorID, &c.SiteID, &status, &expires); err != nil {
			return nil, fmt.Errorf("store: scan clearance: %w", err)
		}
		c.Status, c.ExpiresOn = scheduling.ClearanceStatus(status), domain.Date(expires)
		out = append(out, c)
	}
	return out, translate(rows.Err())
}

// AddUnavailable records a day a facilitator cannot work. Recording it
// twice is harmless.
func (s *DB) AddUnavailable(ctx context.Context, u scheduling.Unavailable) error {
	if !u.Date.Valid() {
		return &domain.Error{Code: domain.EInvalid, Message: "The date is not valid.",
			Fields: map[string]string{"unavailable_on": "Enter the date, for example 2026-09-03."}}
	}
	_, err := s.exec(ctx, `INSERT INTO facilitator_unavailable (facilitator_id, date) VALUES (?, ?) ON CONFLICT DO NOTHING`,
		u.FacilitatorID, string(u.Date))
	if err != nil {
		return fmt.Errorf("store: add unavailable day: %w", err)
	}
	return nil
}

// Unavailable lists every facilitator's unavailable days by date.
func (s *DB) Unavailable(ctx context.Context) ([]scheduling.Unavailable, error) {
	rows, err := s.query(ctx, `SELECT facilitator_id, date FROM facilitator_unavailable ORDER BY date, facilitator_id`)
	if err != nil {
		return nil, fmt.Errorf("store: unavailable days: %w", err)
	}
	defer rows.Close()
	var out []scheduling.Unavailable
	for rows.Next() {
		var u scheduling.Unavailable
		var d string
		if err := rows.Scan(&u.FacilitatorID, &d); err != nil {
			return nil, fmt.Errorf("store: scan unavailable day: %w", err)
		}
		u.Date = domain.Date(d)
		out = append(out, u)
	}
	return out, translate(rows.Err())
}

// SessionsOn lists every programme's sessions on one date: a facilitator
// booked in one programme is not free in another.
func (s *DB) SessionsOn(ctx context.Context, d domain.Date) ([]domain.Session, error) {
	return s.sessions(ctx, `WHERE date = ? ORDER BY start_time, id`, string(d))
}

// UpdateSession saves a session after checking it against its programme.
func (s *DB) UpdateSession(ctx context.Context, x *domain.Session) error {
	p, err := s.Programme(ctx, x.ProgrammeID)
	if err != nil {
		return err
	}
	if err := x.Validate(p); err != nil {
		return err
	}
	return s.updateOne(ctx, "The session", `UPDATE sessions SET site_id = ?, title = ?, date = ?, start_time = ?, end_time = ?,
		lead_facilitator_id = ?, co_facilitator_id = ?, target_group = ?, status = ? WHERE id = ? AND programme_id = ?`,
		x.SiteID, x.Title, string(x.Date), x.StartTime, x.EndTime, x.LeadFacilitatorID, nullable(x.CoFacilitatorID),
		x.TargetGroup, string(x.Status), x.ID, x.ProgrammeID)
}

// LinkStatements attaches statements to a statement-card activity.
func (s *DB) LinkStatements(ctx context.Context, activityID string, statementIDs []string) error {
	return s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		for _, id := range statementIDs {
			if _, err := t.exec(ctx, `INSERT INTO activity_statements (activity_id, statement_id) VALUES (?, ?) ON CONFLICT DO NOTHING`,
				activityID, id); err != nil {
				return fmt.Errorf("store: link statement: %w", err)
			}
		}
		return nil
	})
}

// ActivityStatements maps each statement-card activity of a session to
// the IDs of its statements.
func (s *DB) ActivityStatements(ctx context.Context, sessionID string) (map[string][]string, error) {
	rows, err := s.query(ctx, `SELECT l.activity_id, l.statement_id FROM activity_statements l
		JOIN activities a ON a.id = l.activity_id JOIN statements st ON st.id = l.statement_id
		WHERE a.session_id = ? ORDER BY st.number`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: activity statements: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var a, st string
		if err := rows.Scan(&a, &st); err != nil {
			return nil, fmt.Errorf("store: scan activity statement: %w", err)
		}
		out[a] = append(out[a], st)
	}
	return out, translate(rows.Err())
}

// UpdateParticipantRecord saves a participant's consent, demographics and
// site. The code never changes: it is printed on paper and in outputs.
func (s *DB) UpdateParticipantRecord(ctx context.Context, p *domain.Participant) error {
	if err := p.Validate(); err != nil {
		return err
	}
	c, d := p.Consent, p.Demographics
	return s.updateOne(ctx, "The participant", `UPDATE participants SET site_id = ?, consent_take_part = ?, consent_quote = ?,
		consent_media = ?, consent_on = ?, consent_facilitator_id = ?, age_band = ?, gender = ?, ethnicity = ?,
		sentence_stage = ? WHERE id = ? AND programme_id = ?`, nullable(p.SiteID), c.TakePart, c.Quote, c.Media,
		string(c.RecordedOn), nullable(c.FacilitatorID), d.AgeBand, d.Gender, d.Ethnicity, d.SentenceStage, p.ID, p.ProgrammeID)
}

// PutDebrief records a session's debrief, replacing an earlier one.
func (s *DB) PutDebrief(ctx context.Context, d *scheduling.Debrief) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if d.RecordedAt.IsZero() {
		d.RecordedAt = s.now().UTC()
	}
	_, err := s.exec(ctx, `INSERT INTO session_debriefs (session_id, how_it_went, wellbeing, follow_up, notes, recorded_by, recorded_at)
		VALUES (?,?,?,?,?,?,?) ON CONFLICT (session_id) DO UPDATE SET how_it_went = excluded.how_it_went,
		wellbeing = excluded.wellbeing, follow_up = excluded.follow_up, notes = excluded.notes,
		recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
		d.SessionID, d.HowItWent, string(d.Wellbeing), d.FollowUp, d.Notes, d.RecordedBy, timestamp(d.RecordedAt))
	if err != nil {
		return fmt.Errorf("store: put debrief: %w", err)
	}
	return nil
}

// Debriefs lists the debriefs of a programme's sessions, or of one
// session if sessionID is set.
func (s *DB) Debriefs(ctx context.Context, programmeID, sessionID string) ([]scheduling.Debrief, error) {
	rows, err := s.query(ctx, `SELECT d.session_id, d.how_it_went, d.wellbeing, d.follow_up, d.notes, d.recorded_by, d.recorded_at
		FROM session_debriefs d JOIN sessions x ON x.id = d.session_id
		WHERE x.programme_id = ? AND (? = '' OR x.id = ?) ORDER BY x.date, x.start_time`, programmeID, sessionID, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: debriefs: %w", err)
	}
	defer rows.Close()
	var out []scheduling.Debrief
	for rows.Next() {
		var d scheduling.Debrief
		var wellbeing, at string
		if err := rows.Scan(&d.SessionID, &d.HowItWent, &wellbeing, &d.FollowUp, &d.Notes, &d.RecordedBy, &at); err != nil {
			return nil, fmt.Errorf("store: scan debrief: %w", err)
		}
		d.Wellbeing, d.RecordedAt = scheduling.Wellbeing(wellbeing), parseTimestamp(at)
		out = append(out, d)
	}
	return out, translate(rows.Err())
}

// AddPayment adds a line to the fees and expenses ledger.
func (s *DB) AddPayment(ctx context.Context, p *scheduling.Payment) error {
	if p.ID == "" {
		p.ID = domain.NewID()
	}
	if err := p.Validate(); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO facilitator_payments (id, programme_id, facilitator_id, session_id, kind, amount_pence, date, description)
		VALUES (?,?,?,?,?,?,?,?)`, p.ID, p.ProgrammeID, p.FacilitatorID, nullable(p.SessionID), string(p.Kind), p.AmountPence,
		string(p.Date), p.Description)
	if err != nil {
		return fmt.Errorf("store: add payment: %w", err)
	}
	return nil
}

// Payments lists a programme's ledger by date.
func (s *DB) Payments(ctx context.Context, programmeID string) ([]scheduling.Payment, error) {
	rows, err := s.query(ctx, `SELECT id, programme_id, facilitator_id, session_id, kind, amount_pence, date, description
		FROM facilitator_payments WHERE programme_id = ? ORDER BY date, id`, programmeID)
	if err != nil {
		return nil, fmt.Errorf("store: payments: %w", err)
	}
	defer rows.Close()
	var out []scheduling.Payment
	for rows.Next() {
		var p scheduling.Payment
		var session sql.NullString
		var kind, date string
		if err := rows.Scan(&p.ID, &p.ProgrammeID, &p.FacilitatorID, &session, &kind, &p.AmountPence, &date, &p.Description); err != nil {
			return nil, fmt.Errorf("store: scan payment: %w", err)
		}
		p.SessionID, p.Kind, p.Date = session.String, scheduling.PaymentKind(kind), domain.Date(date)
		out = append(out, p)
	}
	return out, translate(rows.Err())
}
