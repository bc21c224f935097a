package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"peervoice/bench/import/gen"
	"peervoice/importer"
	"peervoice/store"
)

// BenchmarkImportCSV100k imports 100,000 contributions from one CSV file
// into a fresh session, through redaction and screening, on each engine.
// rows/s is the whole import (parse, check, intake, write); the intake-%
// metric is the share of the time spent redacting and screening.
//
//	go test ./importer -run '^$' -bench ImportCSV100k -benchtime 1x
func BenchmarkImportCSV100k(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchImport(b, openSQLite) })
	b.Run("postgres", func(b *testing.B) { benchImport(b, openPostgres) })
}

func benchImport(b *testing.B, open func(testing.TB) *store.DB) {
	const rows = 100_000
	ctx := context.Background()
	var total, intake time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := open(b)
		fx, err := gen.Setup(ctx, s, fmt.Sprintf("bench-%d", i), 40, 10)
		if err != nil {
			b.Fatal(err)
		}
		var file bytes.Buffer
		if err := fx.WriteContributions(&file, rows, 1); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(file.Len()))
		b.StartTimer()
		start := time.Now()
		res, err := importer.ImportCSV(ctx, s, &file, importer.CaptureOptions{SessionID: fx.Session.ID, Pipeline: pipeline})
		if err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		intake += res.Timings.Intake
		if res.Contributions.Added != rows {
			b.Fatalf("added %d of %d rows", res.Contributions.Added, rows)
		}
	}
	b.ReportMetric(float64(rows*b.N)/total.Seconds(), "rows/s")
	b.ReportMetric(100*intake.Seconds()/total.Seconds(), "intake-%")
}
