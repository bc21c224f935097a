// Package domain holds peervoice's core types, their validation rules and the
// interfaces of the services that act on them. It imports no adapter: the
// store, web, privacy, analysis and report packages depend on it.
package domain

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Error codes. Adapters translate their own failures into these, so that a
// handler never sees an SQL error.
const (
	ENotFound  = "not_found"
	EConflict  = "conflict"
	EInvalid   = "invalid"
	EForbidden = "forbidden"
	EInternal  = "internal"
)

// Sentinel errors for errors.Is checks.
var (
	ErrNotFound  = &Error{Code: ENotFound, Message: "Not found."}
	ErrConflict  = &Error{Code: EConflict, Message: "That already exists."}
	ErrInvalid   = &Error{Code: EInvalid, Message: "That is not valid."}
	ErrForbidden = &Error{Code: EForbidden, Message: "You are not allowed to do that."}
)

// Error is an expected failure whose Message is safe to show to a user as
// written. Fields maps a form field or column to what is wrong with it.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k]
	}
	return e.Message + " (" + strings.Join(parts, "; ") + ")"
}

// Is lets errors.Is(err, ErrNotFound) match any Error with the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Errorf makes an Error with a formatted, user-safe message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first domain Error in err's chain, or
// EInternal for anything unexpected.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EInternal
}

// ErrorMessage returns a message safe to show: the domain message, or a
// generic one that reveals nothing about internals.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong. It has been logged; please try again."
}

// Problems collects field errors during validation.
type Problems map[string]string

// Add records a problem with a field; the first problem per field wins.
func (p Problems) Add(field, msg string) {
	if _, ok := p[field]; !ok {
		p[field] = msg
	}
}

// Err returns an invalid Error listing the problems, or nil if there are none.
func (p Problems) Err(what string) error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EInvalid, Message: what + " is not valid.", Fields: map[string]string(p)}
}
