package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"

	"peervoice/domain"
)

// SQLite extended result codes for constraint failures.
const (
	sqliteConstraintCheck      = 275
	sqliteConstraintForeignKey = 787
	sqliteConstraintNotNull    = 1299
	sqliteConstraintPrimaryKey = 1555
	sqliteConstraintUnique     = 2067
)

// translate turns driver errors into domain errors, keeping the original in
// the chain for logs. Anything unrecognised passes through unchanged.
func translate(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return wrap(domain.ErrNotFound, err)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqliteConstraintUnique, sqliteConstraintPrimaryKey:
			return wrap(domain.ErrConflict, err)
		case sqliteConstraintForeignKey, sqliteConstraintCheck, sqliteConstraintNotNull:
			return wrap(domain.ErrInvalid, err)
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return wrap(domain.ErrConflict, err)
		case "23503", "23514", "23502", "22P02", "22001":
			return wrap(domain.ErrInvalid, err)
		}
	}
	return err
}

// wrapped is a domain error that keeps the driver error for logging.
type wrapped struct {
	domain *domain.Error
	cause  error
}

func wrap(d *domain.Error, cause error) error { return &wrapped{domain: d, cause: cause} }

func (w *wrapped) Error() string { return fmt.Sprintf("%s: %v", w.domain.Message, w.cause) }

// As exposes the domain error to errors.As and domain.ErrorMessage.
func (w *wrapped) As(target any) bool {
	if t, ok := target.(**domain.Error); ok {
		*t = w.domain
		return true
	}
	return false
}

func (w *wrapped) Is(target error) bool { return w.domain.Is(target) }
func (w *wrapped) Unwrap() error        { return w.cause }

// notFound names what was not found in a user-safe message.
func notFound(what string) error {
	return domain.Errorf(domain.ENotFound, "%s was not found.", what)
}
