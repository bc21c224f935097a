package retention

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// appendJournal adds deletions to the journal file, one JSON object a line,
// and syncs it. It holds IDs only, never content.
func appendJournal(path string, ds []Deletion) error {
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("retention: open journal: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, d := range ds {
		if err := enc.Encode(d); err != nil {
			f.Close()
			return fmt.Errorf("retention: write journal: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("retention: write journal: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("retention: sync journal: %w", err)
	}
	return f.Close()
}

// readJournal reads the journal; a missing file is an empty journal. A
// torn last line (a crash mid-append) is ignored: its deletion was not yet
// applied either.
func readJournal(path string) ([]Deletion, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("retention: open journal: %w", err)
	}
	defer f.Close()
	var out []Deletion
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		var d Deletion
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil || d.Kind == "" || d.RecordID == "" {
			if !sc.Scan() {
				break
			}
			return nil, fmt.Errorf("retention: journal %s line %d is damaged", path, line)
		}
		out = append(out, d)
	}
	return out, sc.Err()
}
