package importer_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"peervoice/bench/import/gen"
	"peervoice/importer"
)

// FuzzReadCSV feeds arbitrary bytes to the CSV reader: it must never
// panic, and must either parse or explain itself in a *FileError.
//
//	go test ./importer -run '^$' -fuzz FuzzReadCSV -fuzztime 60s
func FuzzReadCSV(f *testing.F) {
	example, err := os.ReadFile("testdata/example.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	for _, seed := range []string{"", "format,peervoice-capture-1\n", "%PDF-1.7", "PK\x03\x04", "\xff\xfe",
		"format,peervoice-capture-1\nsession,x\ncheck code,y\nkind\n\"unclosed", "a,b\n\x00"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := importer.ReadCSV(bytes.NewReader(data))
		if err != nil {
			checkFileError(t, err)
			return
		}
		if c.SessionID == "" && c.Rows() > 0 && !utf8.Valid(data) {
			t.Fatal("parsed rows from a file that is not UTF-8")
		}
	})
}

// FuzzCaptureRows puts arbitrary rows under a valid header and checks them
// against a real session without writing: any mix of cells must give an
// import plan or a list of row problems, never a panic or another error.
//
//	go test ./importer -run '^$' -fuzz FuzzCaptureRows -fuzztime 60s
func FuzzCaptureRows(f *testing.F) {
	s := openSQLite(f)
	fx, err := gen.Setup(context.Background(), s, "fuzz", 8, 6)
	if err != nil {
		f.Fatal(err)
	}
	for _, line := range goodLines(fx) {
		f.Add(line)
	}
	for _, c := range badCases {
		if file := c.file(fx); strings.HasPrefix(file, fx.Header()) {
			f.Add(strings.TrimPrefix(file, fx.Header()))
		}
	}
	f.Fuzz(func(t *testing.T, rows string) {
		c, err := importer.ReadCSV(strings.NewReader(fx.Header() + rows))
		if err != nil {
			checkFileError(t, err)
			return
		}
		res, err := importer.ImportCapture(context.Background(), s, c,
			importer.CaptureOptions{SessionID: fx.Session.ID, Pipeline: pipeline, DryRun: true})
		if err != nil {
			checkFileError(t, err)
			return
		}
		if res.Contributions.Added+res.Blank > c.Rows() {
			t.Fatalf("more contributions (%d) than rows (%d)", res.Contributions.Added, c.Rows())
		}
	})
}

// checkFileError fails unless err is a *FileError whose every problem
// says something.
func checkFileError(t *testing.T, err error) {
	t.Helper()
	var fe *importer.FileError
	if !errors.As(err, &fe) || len(fe.Problems) == 0 {
		t.Fatalf("error %v (%T) is not a *FileError with problems", err, err)
	}
	for _, p := range fe.Problems {
		if p.Message == "" {
			t.Fatalf("a problem with no message at %v", p.Location)
		}
	}
}
