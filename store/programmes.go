package store

import (
	"context"
	"encoding/json"
	"fmt"

	"peervoice/domain"
)

const programmeColumns = `id, slug, title, commissioner, purpose, template, start_date, end_date,
	target_participants, target_sites, target_sessions, suppression_threshold, retention_days,
	withdrawal_cutoff, created_at`

// CreateProgramme inserts a programme with its strategic areas.
func (s *DB) CreateProgramme(ctx context.Context, p *domain.Programme, areas []domain.StrategicArea) error {
	if p.ID == "" {
		p.ID = domain.NewID()
	}
	if p.CreatedAt.IsZero() {
		p.CreatedAt = s.now().UTC()
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		_, err := t.exec(ctx, `INSERT INTO programmes (`+programmeColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			p.ID, p.Slug, p.Title, p.Commissioner, p.Purpose, p.Template, string(p.StartDate), string(p.EndDate),
			p.TargetParticipants, p.TargetSites, p.TargetSessions, p.SuppressionThreshold, p.RetentionDays,
			string(p.WithdrawalCutoff), timestamp(p.CreatedAt))
		if err != nil {
			return fmt.Errorf("store: create programme %s: %w", p.Slug, err)
		}
		for i := range areas {
			if err := t.createArea(ctx, p.ID, &areas[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *DB) createArea(ctx context.Context, programmeID string, a *domain.StrategicArea) error {
	if a.ID == "" {
		a.ID = domain.NewID()
	}
	a.ProgrammeID = programmeID
	if err := a.Validate(); err != nil {
		return err
	}
	qs, _ := json.Marshal(a.Questions)
	_, err := s.exec(ctx, `INSERT INTO strategic_areas (id, programme_id, key, name, questions, position) VALUES (?,?,?,?,?,?)`,
		a.ID, programmeID, a.Key, a.Name, string(qs), a.Position)
	if err != nil {
		return fmt.Errorf("store: create area %s: %w", a.Key, err)
	}
	return nil
}

// Programme returns the programme with the given ID.
func (s *DB) Programme(ctx context.Context, id string) (*domain.Programme, error) {
	return s.oneProgramme(ctx, "id", id)
}

// ProgrammeBySlug returns the programme with the given slug.
func (s *DB) ProgrammeBySlug(ctx context.Context, slug string) (*domain.Programme, error) {
	return s.oneProgramme(ctx, "slug", slug)
}

func (s *DB) oneProgramme(ctx context.Context, column, value string) (*domain.Programme, error) {
	ps, err := s.programmes(ctx, `WHERE `+column+` = ?`, value)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, notFound("The programme " + fmt.Sprintf("%q", value))
	}
	return &ps[0], nil
}

// Programmes lists every programme by title.
func (s *DB) Programmes(ctx context.Context) ([]domain.Programme, error) {
	return s.programmes(ctx, `ORDER BY title, id`)
}

func (s *DB) programmes(ctx context.Context, where string, args ...any) ([]domain.Programme, error) {
	rows, err := s.query(ctx, `SELECT `+programmeColumns+` FROM programmes `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: programmes: %w", err)
	}
	defer rows.Close()
	var out []domain.Programme
	for rows.Next() {
		var p domain.Programme
		var start, end, cutoff, created string
		if err := rows.Scan(&p.ID, &p.Slug, &p.Title, &p.Commissioner, &p.Purpose, &p.Template, &start, &end,
			&p.TargetParticipants, &p.TargetSites, &p.TargetSessions, &p.SuppressionThreshold, &p.RetentionDays,
			&cutoff, &created); err != nil {
			return nil, fmt.Errorf("store: scan programme: %w", err)
		}
		p.StartDate, p.EndDate, p.WithdrawalCutoff = domain.Date(start), domain.Date(end), domain.Date(cutoff)
		p.CreatedAt = parseTimestamp(created)
		out = append(out, p)
	}
	return out, translate(rows.Err())
}

// Areas lists a programme's strategic areas in order.
func (s *DB) Areas(ctx context.Context, programmeID string) ([]domain.StrategicArea, error) {
	rows, err := s.query(ctx, `SELECT id, programme_id, key, name, questions, position FROM strategic_areas
		WHERE programme_id = ? ORDER BY position, key`, programmeID)
	if err != nil {
		return nil, fmt.Errorf("store: areas: %w", err)
	}
	defer rows.Close()
	var out []domain.StrategicArea
	for rows.Next() {
		var a domain.StrategicArea
		var qs string
		if err := rows.Scan(&a.ID, &a.ProgrammeID, &a.Key, &a.Name, &qs, &a.Position); err != nil {
			return nil, fmt.Errorf("store: scan area: %w", err)
		}
		if err := json.Unmarshal([]byte(qs), &a.Questions); err != nil {
			return nil, fmt.Errorf("store: area %s questions: %w", a.Key, err)
		}
		out = append(out, a)
	}
	return out, translate(rows.Err())
}

// CreateSite inserts a site.
func (s *DB) CreateSite(ctx context.Context, site *domain.Site) error {
	if site.ID == "" {
		site.ID = domain.NewID()
	}
	if err := site.Validate(); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO sites (id, programme_id, name, type, region, contact, security_notes) VALUES (?,?,?,?,?,?,?)`,
		site.ID, site.ProgrammeID, site.Name, string(site.Type), site.Region, site.Contact, site.SecurityNotes)
	if err != nil {
		return fmt.Errorf("store: create site %s: %w", site.Name, err)
	}
	return nil
}

// Sites lists a programme's sites by name.
func (s *DB) Sites(ctx context.Context, programmeID string) ([]domain.Site, error) {
	rows, err := s.query(ctx, `SELECT id, programme_id, name, type, region, contact, security_notes FROM sites
		WHERE programme_id = ? ORDER BY name`, programmeID)
	if err != nil {
		return nil, fmt.Errorf("store: sites: %w", err)
	}
	defer rows.Close()
	var out []domain.Site
	for rows.Next() {
		var x domain.Site
		var typ string
		if err := rows.Scan(&x.ID, &x.ProgrammeID, &x.Name, &typ, &x.Region, &x.Contact, &x.SecurityNotes); err != nil {
			return nil, fmt.Errorf("store: scan site: %w", err)
		}
		x.Type = domain.SiteType(typ)
		out = append(out, x)
	}
	return out, translate(rows.Err())
}

// CreateFacilitator inserts a peer facilitator.
func (s *DB) CreateFacilitator(ctx context.Context, f *domain.Facilitator) error {
	if f.ID == "" {
		f.ID = domain.NewID()
	}
	if f.CreatedAt.IsZero() {
		f.CreatedAt = s.now().UTC()
	}
	if err := f.Validate(); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO facilitators (id, name, email, lived_experience, created_at) VALUES (?,?,?,?,?)`,
		f.ID, f.Name, f.Email, f.LivedExperience, timestamp(f.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: create facilitator: %w", err)
	}
	return nil
}

// Facilitators lists every peer facilitator by name.
func (s *DB) Facilitators(ctx context.Context) ([]domain.Facilitator, error) {
	rows, err := s.query(ctx, `SELECT id, name, email, lived_experience, created_at FROM facilitators ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("store: facilitators: %w", err)
	}
	defer rows.Close()
	var out []domain.Facilitator
	for rows.Next() {
		var f domain.Facilitator
		var created string
		if err := rows.Scan(&f.ID, &f.Name, &f.Email, &f.LivedExperience, &created); err != nil {
			return nil, fmt.Errorf("store: scan facilitator: %w", err)
		}
		f.CreatedAt = parseTimestamp(created)
		out = append(out, f)
	}
	return out, translate(rows.Err())
}
