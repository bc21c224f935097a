package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
)

// auditLockClass is the first key of the PostgreSQL advisory lock that
// serialises appends ("audt"). The second key is a hash of the current
// schema, so separate deployments sharing one database do not queue on
// each other while every server of one deployment does.
const auditLockClass = 0x61756474

const auditColumns = `seq, at, actor_id, action, resource, resource_id, programme_id, addr, prev_hash, hash`

// AppendAudit adds e to the end of the audit chain. It stamps At with the
// current time if zero, normalises it to UTC microseconds, and fills in
// Seq, PrevHash and Hash. Appends from any number of goroutines or server
// processes form one chain: SQLite's BEGIN IMMEDIATE and a PostgreSQL
// advisory lock each make read-head-then-insert atomic. Inside InTx the
// entry commits or rolls back with the caller's writes; append it last
// there, since the lock is then held until the caller commits.
func (s *DB) AppendAudit(ctx context.Context, e *domain.AuditEvent) error {
	c := *e
	if c.At.IsZero() {
		c.At = s.now()
	}
	c.At = audit.Normalise(c.At)
	if err := audit.Validate(c); err != nil {
		return err
	}
	err := s.InTx(ctx, func(tx domain.Store) error { return tx.(*DB).appendAudit(ctx, &c) })
	if err != nil {
		return fmt.Errorf("store: append audit: %w", err)
	}
	*e = c
	return nil
}

// appendAudit links e to the current head and inserts it. It must run in a
// transaction.
func (s *DB) appendAudit(ctx context.Context, e *domain.AuditEvent) error {
	if err := s.lockAudit(ctx); err != nil {
		return err
	}
	seq, hash, err := s.auditHead(ctx)
	if err != nil {
		return err
	}
	e.Seq, e.PrevHash = seq+1, hash
	e.Hash = audit.Hash(*e)
	_, err = s.exec(ctx, `INSERT INTO audit_events (`+auditColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?)`,
		e.Seq, audit.FormatTime(e.At), e.ActorID, e.Action, e.Resource, e.ResourceID, e.ProgrammeID,
		e.Addr, e.PrevHash, e.Hash)
	return err
}

// lockAudit takes the append lock until the transaction ends. SQLite needs
// none: the transaction began IMMEDIATE, so it already holds the write lock.
func (s *DB) lockAudit(ctx context.Context) error {
	if s.engine != Postgres {
		return nil
	}
	_, err := s.exec(ctx, fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d, hashtext(current_schema()))`, auditLockClass))
	if err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	return nil
}

// auditHead returns the newest entry's seq and hash, or 0 and the genesis
// hash for an empty log.
func (s *DB) auditHead(ctx context.Context) (int64, string, error) {
	var seq int64
	var hash string
	err := s.queryRow(ctx, `SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`).Scan(&seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, audit.GenesisHash, nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("read head: %w", translate(err))
	}
	return seq, hash, nil
}

// AuditEvents returns the entries matching f, newest first.
func (s *DB) AuditEvents(ctx context.Context, f audit.Filter) ([]domain.AuditEvent, error) {
	where, args := auditWhere(f)
	args = append(args, f.PageSize(), max(f.Offset, 0))
	rows, err := s.query(ctx, `SELECT `+auditColumns+` FROM audit_events`+where+
		` ORDER BY seq DESC LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: audit events: %w", err)
	}
	defer rows.Close()
	var out []domain.AuditEvent
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, fmt.Errorf("store: audit events: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: audit events: %w", translate(err))
	}
	return out, nil
}

// auditWhere builds the WHERE clause for f's non-zero fields.
func auditWhere(f audit.Filter) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) {
		conds = append(conds, cond)
		args = append(args, arg)
	}
	equal := [][2]string{{"actor_id", f.ActorID}, {"action", f.Action}, {"resource", f.Resource},
		{"resource_id", f.ResourceID}, {"programme_id", f.ProgrammeID}}
	for _, cv := range equal {
		if cv[1] != "" {
			add(cv[0]+" = ?", cv[1])
		}
	}
	if !f.Since.IsZero() {
		add("at >= ?", audit.FormatTime(f.Since))
	}
	if !f.Until.IsZero() {
		add("at < ?", audit.FormatTime(f.Until))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// AuditChain calls fn with every entry in ascending seq order, from one
// consistent snapshot, stopping at the first error fn returns. Verification
// streams through it, so the whole log is never held in memory.
func (s *DB) AuditChain(ctx context.Context, fn func(domain.AuditEvent) error) error {
	rows, err := s.query(ctx, `SELECT `+auditColumns+` FROM audit_events ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("store: audit chain: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return fmt.Errorf("store: audit chain: %w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: audit chain: %w", translate(err))
	}
	return nil
}

// scanAudit reads one row selected as auditColumns.
func scanAudit(rows *sql.Rows) (domain.AuditEvent, error) {
	var e domain.AuditEvent
	var at string
	err := rows.Scan(&e.Seq, &at, &e.ActorID, &e.Action, &e.Resource, &e.ResourceID, &e.ProgrammeID,
		&e.Addr, &e.PrevHash, &e.Hash)
	if err != nil {
		return e, translate(err)
	}
	e.At = parseTimestamp(at)
	return e, nil
}
