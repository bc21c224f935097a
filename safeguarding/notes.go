package safeguarding

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"peervoice/crypt"
	"peervoice/domain"
	"peervoice/privacy/screen"
)

// errNoKey refuses to write safeguarding content in plain text.
var errNoKey = domain.Errorf(domain.EInvalid,
	"Notes cannot be saved because no encryption key is configured (key_file or PEERVOICE_KEY_FILE). Ask the system admin to set one; the concern itself can still be raised without a note.")

// appendNote adds one dated, signed entry to r's notes and re-seals them.
// Notes are append-only from the workflow's point of view: nobody edits
// what was written earlier.
func (s *Service) appendNote(r *Record, actorID, note string) error {
	if s.keys == nil {
		return errNoKey
	}
	notes, err := s.plainNotes(r)
	if err != nil {
		return err
	}
	entry := fmt.Sprintf("[%s] %s: %s", s.now().UTC().Format("2006-01-02 15:04 UTC"), actorID, strings.TrimSpace(note))
	if notes != "" {
		entry = notes + "\n" + entry
	}
	sealed, err := s.keys.Seal([]byte(entry), crypt.AAD(crypt.PurposeNotes, r.ID))
	if err != nil {
		return fmt.Errorf("safeguarding: seal notes: %w", err)
	}
	r.SealedNotes = sealed
	return nil
}

// plainNotes opens r's notes; a concern whose notes cannot be opened is not
// written to, so nothing earlier is lost.
func (s *Service) plainNotes(r *Record) (string, error) {
	if r.SealedNotes == nil {
		return "", nil
	}
	if s.keys == nil {
		return "", errNoKey
	}
	plain, err := s.keys.Open(r.SealedNotes, crypt.AAD(crypt.PurposeNotes, r.ID))
	if err != nil {
		return "", fmt.Errorf("safeguarding: open notes of %s: %w", r.ID, err)
	}
	return string(plain), nil
}

// openNotes is plainNotes for display: a failure becomes a message in place
// of the notes, so the lead still sees the concern itself.
func (s *Service) openNotes(r *Record) string {
	notes, err := s.plainNotes(r)
	switch {
	case err == nil:
		return notes
	case s.keys == nil:
		return "(The notes are encrypted and no key is configured on this server.)"
	case errors.Is(err, crypt.ErrUnknownKey):
		return "(The notes were encrypted with a key this server does not hold; finish the key rotation.)"
	default:
		return "(The notes could not be decrypted: they may be damaged. Tell the system admin.)"
	}
}

// AfterIntake is the privacy intake's last step, run once a contribution is
// stored: it keeps the raw text sealed for redaction review (only when a
// key is configured and redaction changed something), and opens a concern
// if the screen flagged it. raw is the text as typed, before redaction.
func (s *Service) AfterIntake(ctx context.Context, c domain.Contribution, raw string, res screen.Result) error {
	if s.keys != nil && raw != "" && raw != c.Text {
		sealed, err := s.keys.Seal([]byte(raw), crypt.AAD(crypt.PurposeRawText, c.ID))
		if err != nil {
			return fmt.Errorf("safeguarding: seal raw text: %w", err)
		}
		if err := s.store.SetRawText(ctx, c.ID, sealed); err != nil {
			return fmt.Errorf("safeguarding: keep raw text of %s: %w", c.ID, err)
		}
	}
	if !res.Flag {
		return nil
	}
	_, err := s.FromScreen(ctx, c.ID, c.ProgrammeID, c.SessionID, res)
	return err
}

// OpenMissing opens a concern for every flagged contribution of the
// programme that has none, screening its stored (redacted) text for the
// categories and reasons. It catches contributions that arrived by a path
// that did not call AfterIntake, such as the demo loader or an import, and
// is safe to run at every start-up. It returns how many it opened.
func (s *Service) OpenMissing(ctx context.Context, programmeID string) (int, error) {
	cs, err := s.store.FlaggedWithoutConcern(ctx, programmeID)
	if err != nil {
		return 0, fmt.Errorf("safeguarding: open missing: %w", err)
	}
	for _, c := range cs {
		res := screen.Screen(c.Text)
		if !res.Flag {
			// Flagged by hand or before redaction: keep it routed to the lead.
			res = screen.Result{Flag: true, Categories: []string{}, Reasons: []string{"flagged at intake"}}
		}
		// The clock starts when the contribution arrived, not now: the
		// disclosure has been waiting since then.
		if _, err := s.fromScreen(ctx, c, res, c.CreatedAt); err != nil {
			return 0, err
		}
	}
	return len(cs), nil
}
