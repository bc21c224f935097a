package pack

import (
	"context"
	"io"
	"testing"
)

// BenchmarkRender renders the pack of a demo session (20 pre-printed codes,
// six activities, three areas, 22 statements).
func BenchmarkRender(b *testing.B) {
	db := demoStore(b)
	d, err := Load(context.Background(), db, demoSessions(b, db)[0].ID)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadAndRender adds loading from SQLite, as the CLI and the web
// download do.
func BenchmarkLoadAndRender(b *testing.B) {
	db := demoStore(b)
	id := demoSessions(b, db)[0].ID
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		d, err := Load(ctx, db, id)
		if err != nil {
			b.Fatal(err)
		}
		if err := Render(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
