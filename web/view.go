package web

import (
	"peervoice/domain"
)

// View is what every page template receives: the layout's needs plus the
// page's own Data. Decisions are made in Go and arrive here as plain values.
type View struct {
	Title  string
	User   *domain.User
	Nav    []NavItem
	CSRF   string
	Back   string
	Errors *Errors
	Banner *Banner
	Data   any
}

// NavItem is one link in the service navigation.
type NavItem struct {
	Text, Href string
	Current    bool
}

// Banner is a notification banner shown above the page content.
type Banner struct {
	Heading, Text string
	Success       bool
}

// Errors are field-keyed validation messages, kept in the order they were
// added so that the error summary lists them in form order.
type Errors struct {
	order []string
	msgs  map[string]string
}

// FieldError is one line of the error summary. Field is the ID of the input
// the summary links to; "" for a problem with the whole form.
type FieldError struct {
	Field, Message string
}

// Add records a problem with a field; the first problem per field wins.
func (e *Errors) Add(field, msg string) {
	if e.msgs == nil {
		e.msgs = map[string]string{}
	}
	if _, ok := e.msgs[field]; !ok {
		e.order = append(e.order, field)
		e.msgs[field] = msg
	}
}

// Get returns the problem with a field, or "".
func (e *Errors) Get(field string) string {
	if e == nil {
		return ""
	}
	return e.msgs[field]
}

// Any reports whether there are problems.
func (e *Errors) Any() bool { return e != nil && len(e.order) > 0 }

// List returns the problems in order, for the error summary.
func (e *Errors) List() []FieldError {
	if e == nil {
		return nil
	}
	out := make([]FieldError, len(e.order))
	for i, f := range e.order {
		out[i] = FieldError{Field: f, Message: e.msgs[f]}
	}
	return out
}

// addDomain copies the field problems of a domain error, or its message.
func (e *Errors) addDomain(err error, fallbackField string) {
	de, ok := asDomain(err)
	if !ok || len(de.Fields) == 0 {
		e.Add(fallbackField, domain.ErrorMessage(err))
		return
	}
	for f, m := range de.Fields {
		e.Add(f, m)
	}
}

// Option is a choice in a select, radios or checkboxes.
type Option struct {
	Value, Text string
}

// Cell is one table cell; Href makes it a link.
type Cell struct {
	Text, Href string
	Numeric    bool
}

// Table is the data for the table partial.
type Table struct {
	Caption string
	Head    []Cell
	Rows    [][]Cell
}

// SummaryRow is one row of a summary list.
type SummaryRow struct {
	Key, Value string
}
