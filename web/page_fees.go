package web

import (
	"encoding/csv"
	"net/http"
	"sort"
	"strings"

	"peervoice/audit"
	"peervoice/domain"
	"peervoice/policy"
	"peervoice/scheduling"
)

// resourcePayment names ledger lines in the audit log.
const resourcePayment = "payment"

// feesData is the programme's ledger of sessional fees and expenses, its
// totals per facilitator, and the form to add a line.
type feesData struct {
	Programme    *domain.Programme
	Ledger       Table
	Totals       Table
	Form         paymentForm
	Facilitators []Option
	Sessions     []Option
	Kinds        []Option
	CSVHref      string
}

// paymentForm is what the ledger form sends.
type paymentForm struct {
	FacilitatorID, SessionID, Kind, Amount, Date, Description string
}

func readPaymentForm(r *http.Request) paymentForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return paymentForm{FacilitatorID: v("facilitator_id"), SessionID: v("session_id"), Kind: v("kind"), Amount: v("amount"),
		Date: v("date"), Description: v("description")}
}

// Validate checks the line against its own rules and the programme's
// facilitators and sessions.
func (f paymentForm) Validate(p *domain.Programme, facs map[string]string, sessions []domain.Session) (scheduling.Payment, *Errors) {
	e := &Errors{}
	pence, ok := scheduling.ParsePounds(f.Amount)
	if !ok && f.Amount != "" {
		e.Add("amount", "Enter the amount in pounds and pence, like 75.00.")
	}
	pay := scheduling.Payment{ProgrammeID: p.ID, FacilitatorID: f.FacilitatorID, SessionID: f.SessionID, Kind: scheduling.PaymentKind(f.Kind),
		AmountPence: pence, Date: parseDateField(e, "date", f.Date, "the date"), Description: f.Description}
	if _, known := facs[f.FacilitatorID]; f.FacilitatorID != "" && !known {
		e.Add("facilitator_id", "Choose a facilitator from the list.")
	}
	if _, known := sessionTitles(sessions)[f.SessionID]; f.SessionID != "" && !known {
		e.Add("session_id", "Choose one of the programme's sessions.")
	}
	if err := pay.Validate(); err != nil {
		e.addDomain(err, "amount")
	}
	return pay, e
}

// ledger is what the fees page and the CSV export both show.
type ledger struct {
	payments []scheduling.Payment
	names    map[string]string
	emails   map[string]string
	sessions []domain.Session
}

func (s *Server) loadLedger(r *http.Request, p *domain.Programme) (ledger, error) {
	l := ledger{names: map[string]string{}, emails: map[string]string{}}
	rs, err := s.run()
	if err != nil {
		return l, err
	}
	if l.payments, err = rs.Payments(r.Context(), p.ID); err != nil {
		return l, err
	}
	facs, err := s.store.Facilitators(r.Context())
	if err != nil {
		return l, err
	}
	for _, f := range facs {
		l.names[f.ID], l.emails[f.ID] = f.Name, f.Email
	}
	l.sessions, err = s.store.Sessions(r.Context(), p.ID)
	return l, err
}

func (s *Server) feesPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Read, policy.Facilitation)
	if err != nil {
		return err
	}
	f := paymentForm{Kind: string(scheduling.PaymentFee), Date: string(domain.DateOf(s.now()))}
	return s.renderFees(w, r, p, f, nil)
}

func (s *Server) renderFees(w http.ResponseWriter, r *http.Request, p *domain.Programme, f paymentForm, e *Errors) error {
	l, err := s.loadLedger(r, p)
	if err != nil {
		return err
	}
	facs, err := s.store.Facilitators(r.Context())
	if err != nil {
		return err
	}
	d := feesData{Programme: p, Form: f, Ledger: l.table(), Totals: l.totals(), CSVHref: "/programmes/" + p.Slug + "/fees.csv",
		Facilitators: facilitatorOptions(facs, "Choose a facilitator"), Sessions: sessionOptions(l.sessions),
		Kinds: []Option{{Value: string(scheduling.PaymentFee), Text: "Sessional fee"}, {Value: string(scheduling.PaymentExpense), Text: "Expense"}}}
	v := s.view(r, "Fees and expenses: "+p.Title, d)
	v.Back = "/programmes/" + p.Slug
	if e != nil {
		v.Errors = e
	}
	return s.render(w, r, "fees", v)
}

func sessionOptions(ss []domain.Session) []Option {
	out := []Option{{Value: "", Text: "Not for one session"}}
	for _, x := range ss {
		out = append(out, Option{Value: x.ID, Text: formatDate(x.Date) + ": " + x.Title})
	}
	return out
}

func kindText(k scheduling.PaymentKind) string {
	if k == scheduling.PaymentExpense {
		return "Expense"
	}
	return "Sessional fee"
}

func (l ledger) table() Table {
	titles := sessionTitles(l.sessions)
	t := Table{Caption: "Ledger", Head: []Cell{{Text: "Date"}, {Text: "Facilitator"}, {Text: "Type"}, {Text: "Session"},
		{Text: "Description"}, {Text: "Amount (£)", Numeric: true}}}
	for _, p := range l.payments {
		t.Rows = append(t.Rows, []Cell{{Text: formatDate(p.Date)}, {Text: l.names[p.FacilitatorID]}, {Text: kindText(p.Kind)},
			{Text: titles[p.SessionID]}, {Text: p.Description}, {Text: scheduling.Pounds(p.AmountPence), Numeric: true}})
	}
	return t
}

// totals sums fees and expenses per facilitator, by name.
func (l ledger) totals() Table {
	fees, expenses := map[string]int{}, map[string]int{}
	for _, p := range l.payments {
		if p.Kind == scheduling.PaymentExpense {
			expenses[p.FacilitatorID] += p.AmountPence
		} else {
			fees[p.FacilitatorID] += p.AmountPence
		}
	}
	ids := make([]string, 0, len(l.names))
	for id := range l.names {
		if fees[id]+expenses[id] > 0 {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return l.names[ids[i]] < l.names[ids[j]] })
	t := Table{Caption: "Totals", Head: []Cell{{Text: "Facilitator"}, {Text: "Fees (£)", Numeric: true}, {Text: "Expenses (£)", Numeric: true}, {Text: "Total (£)", Numeric: true}}}
	for _, id := range ids {
		t.Rows = append(t.Rows, []Cell{{Text: l.names[id]}, {Text: scheduling.Pounds(fees[id]), Numeric: true},
			{Text: scheduling.Pounds(expenses[id]), Numeric: true}, {Text: scheduling.Pounds(fees[id] + expenses[id]), Numeric: true}})
	}
	return t
}

func (s *Server) feesAdd(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Write, policy.Facilitation)
	if err != nil {
		return err
	}
	l, err := s.loadLedger(r, p)
	if err != nil {
		return err
	}
	f := readPaymentForm(r)
	pay, e := f.Validate(p, l.names, l.sessions)
	if e.Any() {
		return s.renderFees(w, r, p, f, e)
	}
	rs, err := s.run()
	if err != nil {
		return err
	}
	if err := rs.AddPayment(r.Context(), &pay); err != nil {
		return err
	}
	if err := s.record(r, audit.ActionCreate, resourcePayment, pay.ID, p.ID); err != nil {
		return err
	}
	return redirectTo(w, r, "/programmes/"+p.Slug+"/fees")
}

// feesCSV exports the ledger for payroll: one line per payment.
func (s *Server) feesCSV(w http.ResponseWriter, r *http.Request) error {
	p, err := s.visibleProgramme(r, policy.Read, policy.Facilitation)
	if err != nil {
		return err
	}
	l, err := s.loadLedger(r, p)
	if err != nil {
		return err
	}
	if err := s.record(r, audit.ActionExport, resourcePayment, "", p.ID); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+p.Slug+`-fees.csv"`)
	return l.writeCSV(csv.NewWriter(w))
}

func (l ledger) writeCSV(cw *csv.Writer) error {
	titles := sessionTitles(l.sessions)
	rows := [][]string{{"date", "facilitator", "email", "type", "session", "description", "amount_gbp"}}
	for _, p := range l.payments {
		rows = append(rows, []string{string(p.Date), l.names[p.FacilitatorID], l.emails[p.FacilitatorID], string(p.Kind),
			titles[p.SessionID], p.Description, scheduling.Pounds(p.AmountPence)})
	}
	for _, row := range rows {
		for i := range row {
			row[i] = csvSafe(row[i])
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// csvSafe stops a spreadsheet from running text as a formula (CSV
// injection): a cell starting with = + - @ or a control character is
// prefixed with an apostrophe.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
