package store

import (
	"context"
	"fmt"

	"peervoice/crypt"
	"peervoice/domain"
	"peervoice/retention"
)

// SetRawText keeps a contribution's raw (pre-redaction) text, sealed by the
// crypt package. Plain text is refused: raw text is kept encrypted or not
// at all.
func (s *DB) SetRawText(ctx context.Context, contributionID string, sealed []byte) error {
	if sealed == nil {
		return domain.Errorf(domain.EInvalid, "There is no raw text to keep.")
	}
	if err := checkSealed(sealed); err != nil {
		return err
	}
	res, err := s.exec(ctx, `UPDATE contributions SET raw_text = ? WHERE id = ?`, sealed, contributionID)
	if err != nil {
		return fmt.Errorf("store: set raw text: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return notFound("The contribution")
	}
	return nil
}

// RawText returns a contribution's sealed raw text. A contribution without
// one (never kept, or purged) is not found.
func (s *DB) RawText(ctx context.Context, contributionID string) ([]byte, error) {
	var sealed []byte
	err := s.queryRow(ctx, `SELECT raw_text FROM contributions WHERE id = ? AND raw_text IS NOT NULL`, contributionID).Scan(&sealed)
	if err != nil {
		if domain.ErrorCode(translate(err)) == domain.ENotFound {
			return nil, notFound("The raw text of that contribution")
		}
		return nil, fmt.Errorf("store: raw text: %w", translate(err))
	}
	return sealed, nil
}

// PurgeRawText deletes a contribution's raw text, as when its redaction is
// approved, and records the deletion so a restore does not bring it back.
func (s *DB) PurgeRawText(ctx context.Context, contributionID string) error {
	return s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		var programmeID string
		if err := t.queryRow(ctx, `SELECT programme_id FROM contributions WHERE id = ?`, contributionID).Scan(&programmeID); err != nil {
			return fmt.Errorf("store: purge raw text: %w", translate(err))
		}
		_, err := t.ApplyDeletions(ctx, []retention.Deletion{{ProgrammeID: programmeID, Kind: retention.RawText,
			RecordID: contributionID, DeletedAt: s.now().UTC()}}, true)
		return err
	})
}

// encryptedColumns are every column holding sealed values, with the purpose
// their associated data names. Key rotation walks all of them.
var encryptedColumns = []struct{ table, column, purpose string }{
	{"contributions", "raw_text", crypt.PurposeRawText},
	{"safeguarding_concerns", "notes", crypt.PurposeNotes},
}

// rewrapBatch is how many sealed values a rotation reads at a time.
const rewrapBatch = 500

// Rewrap passes every sealed value in every encrypted column through fn,
// which returns the value re-sealed and whether it changed, and writes the
// changed ones back, all in one transaction: a rotation lands whole or not
// at all, and running it again only touches what is left.
func (s *DB) Rewrap(ctx context.Context, fn func(sealed, aad []byte) ([]byte, bool, error)) (changed, unchanged int, err error) {
	err = s.InTx(ctx, func(tx domain.Store) error {
		t := tx.(*DB)
		for _, col := range encryptedColumns {
			c, u, err := t.rewrapColumn(ctx, col.table, col.column, col.purpose, fn)
			if err != nil {
				return err
			}
			changed, unchanged = changed+c, unchanged+u
		}
		return nil
	})
	return changed, unchanged, err
}

func (s *DB) rewrapColumn(ctx context.Context, table, column, purpose string, fn func(sealed, aad []byte) ([]byte, bool, error)) (changed, unchanged int, err error) {
	after := ""
	for {
		ids, values, err := s.sealedPage(ctx, table, column, after)
		if err != nil || len(ids) == 0 {
			return changed, unchanged, err
		}
		for i, id := range ids {
			out, did, err := fn(values[i], crypt.AAD(purpose, id))
			if err != nil {
				return changed, unchanged, fmt.Errorf("store: rewrap %s.%s of %s: %w", table, column, id, err)
			}
			if !did {
				unchanged++
				continue
			}
			if _, err := s.exec(ctx, `UPDATE `+table+` SET `+column+` = ? WHERE id = ?`, out, id); err != nil {
				return changed, unchanged, fmt.Errorf("store: rewrap %s.%s: %w", table, column, err)
			}
			changed++
		}
		after = ids[len(ids)-1]
	}
}

// sealedPage reads one page of sealed values in ID order after the given ID.
func (s *DB) sealedPage(ctx context.Context, table, column, after string) ([]string, [][]byte, error) {
	rows, err := s.query(ctx, fmt.Sprintf(`SELECT id, %s FROM %s WHERE %s IS NOT NULL AND id > ? ORDER BY id LIMIT %d`,
		column, table, column, rewrapBatch), after)
	if err != nil {
		return nil, nil, fmt.Errorf("store: read %s.%s: %w", table, column, err)
	}
	defer rows.Close()
	var ids []string
	var values [][]byte
	for rows.Next() {
		var id string
		var v []byte
		if err := rows.Scan(&id, &v); err != nil {
			return nil, nil, fmt.Errorf("store: scan %s.%s: %w", table, column, err)
		}
		ids, values = append(ids, id), append(values, v)
	}
	return ids, values, translate(rows.Err())
}
