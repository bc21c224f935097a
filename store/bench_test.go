package store

import (
	"context"
	"fmt"
	"testing"

	"peervoice/domain"
)

// benchEngines runs a benchmark on both engines.
func benchEngines(b *testing.B, f func(b *testing.B, s *DB)) {
	b.Run("sqlite", func(b *testing.B) { f(b, openSQLite(b)) })
	b.Run("postgres", func(b *testing.B) { f(b, openPostgres(b)) })
}

// benchProgramme makes a programme with six areas and seven sites, each
// site with three sessions, and returns the sessions and areas.
func benchProgramme(b *testing.B, s *DB) (*domain.Programme, []domain.Session, []domain.StrategicArea) {
	ctx := context.Background()
	p := &domain.Programme{Slug: "bench", Title: "Bench", StartDate: "2026-01-01", EndDate: "2026-12-31", SuppressionThreshold: 5, RetentionDays: 365}
	var areas []domain.StrategicArea
	for i := range 6 {
		areas = append(areas, domain.StrategicArea{Key: fmt.Sprintf("area%d", i), Name: fmt.Sprintf("Area %d", i), Position: i})
	}
	must(b, s.CreateProgramme(ctx, p, areas))
	lead := &domain.Facilitator{Name: "Lead", Email: "lead@example.org"}
	must(b, s.CreateFacilitator(ctx, lead))
	var sessions []domain.Session
	for i := range 7 {
		site := &domain.Site{ProgrammeID: p.ID, Name: fmt.Sprintf("Site %d", i), Type: domain.SiteCatC}
		must(b, s.CreateSite(ctx, site))
		for k := range 3 {
			x := domain.Session{ProgrammeID: p.ID, SiteID: site.ID, Title: "S", Date: domain.Date(fmt.Sprintf("2026-0%d-1%d", i+1, k)),
				StartTime: "09:30", LeadFacilitatorID: lead.ID, Status: domain.SessionDelivered}
			must(b, s.CreateSession(ctx, &x))
			sessions = append(sessions, x)
		}
	}
	return p, sessions, areas
}

func benchContributions(p *domain.Programme, sessions []domain.Session, areas []domain.StrategicArea, n, offset int) []domain.Contribution {
	cs := make([]domain.Contribution, n)
	for i := range cs {
		k := offset + i
		cs[i] = domain.Contribution{ProgrammeID: p.ID, SessionID: sessions[k%len(sessions)].ID, AreaID: areas[k%len(areas)].ID,
			Text: "The kiosk on the wing is broken half the time and nobody fixes it, so I can't book visits.", Source: "bench"}
	}
	return cs
}

// BenchmarkInsertContributionSingle inserts one contribution per call, each
// in its own transaction: the cost of typing entries one at a time.
func BenchmarkInsertContributionSingle(b *testing.B) {
	benchEngines(b, func(b *testing.B, s *DB) {
		p, sessions, areas := benchProgramme(b, s)
		ctx := context.Background()
		b.ResetTimer()
		for i := range b.N {
			if _, err := s.CreateContributions(ctx, benchContributions(p, sessions, areas, 1, i)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	})
}

// BenchmarkInsertContributionBatch inserts 1,000 contributions per call in
// one transaction: the cost of an import.
func BenchmarkInsertContributionBatch(b *testing.B) {
	benchEngines(b, func(b *testing.B, s *DB) {
		p, sessions, areas := benchProgramme(b, s)
		ctx := context.Background()
		b.ResetTimer()
		for i := range b.N {
			if _, err := s.CreateContributions(ctx, benchContributions(p, sessions, areas, 1000, i*1000)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*1000)/b.Elapsed().Seconds(), "rows/s")
	})
}

// BenchmarkCountByAreaSite counts contributions by area and site at 100k
// and 1M rows.
func BenchmarkCountByAreaSite(b *testing.B) {
	for _, rows := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			benchEngines(b, func(b *testing.B, s *DB) {
				p, sessions, areas := benchProgramme(b, s)
				ctx := context.Background()
				for off := 0; off < rows; off += 10_000 {
					if _, err := s.CreateContributions(ctx, benchContributions(p, sessions, areas, 10_000, off)); err != nil {
						b.Fatal(err)
					}
				}
				b.ResetTimer()
				for range b.N {
					counts, err := s.CountContributions(ctx, p.ID)
					if err != nil || len(counts) != 42 {
						b.Fatalf("counts %d, %v", len(counts), err)
					}
				}
			})
		})
	}
}
