package scheduling

import (
	"strconv"
	"strings"
	"time"

	"peervoice/domain"
)

// Wellbeing is the facilitator's answer to the wellbeing check.
type Wellbeing string

// Wellbeing answers.
const (
	WellbeingGood       Wellbeing = "good"
	WellbeingOkay       Wellbeing = "okay"
	WellbeingStruggling Wellbeing = "struggling"
)

// WellbeingOptions lists the answers with labels.
var WellbeingOptions = []struct {
	Value Wellbeing
	Label string
}{
	{WellbeingGood, "Good"},
	{WellbeingOkay, "Okay"},
	{WellbeingStruggling, "Struggling: wants support"},
}

// Debrief is the conversation after a session.
type Debrief struct {
	SessionID  string    `json:"session_id"`
	HowItWent  string    `json:"how_it_went"`
	Wellbeing  Wellbeing `json:"wellbeing"`
	FollowUp   bool      `json:"follow_up"`
	Notes      string    `json:"notes"`
	RecordedBy string    `json:"recorded_by"`
	RecordedAt time.Time `json:"recorded_at"`
}

// NeedsAttention reports whether the coordinator should be alerted: a
// follow-up was asked for, or the facilitator is struggling.
func (d Debrief) NeedsAttention() bool { return d.FollowUp || d.Wellbeing == WellbeingStruggling }

// Validate checks the debrief's own rules.
func (d *Debrief) Validate() error {
	pr := domain.Problems{}
	if strings.TrimSpace(d.HowItWent) == "" {
		pr.Add("how_it_went", "Say how the session went.")
	} else if msg := domain.TextProblem(d.HowItWent, 5000); msg != "" {
		pr.Add("how_it_went", msg)
	}
	known := false
	for _, w := range WellbeingOptions {
		known = known || w.Value == d.Wellbeing
	}
	if !known {
		pr.Add("wellbeing", "Choose how the facilitators are doing.")
	}
	if msg := domain.TextProblem(d.Notes, 5000); msg != "" {
		pr.Add("notes", msg)
	}
	return pr.Err("The debrief")
}

// PaymentKind says whether a ledger line is a sessional fee or an expense.
type PaymentKind string

// Payment kinds.
const (
	PaymentFee     PaymentKind = "fee"
	PaymentExpense PaymentKind = "expense"
)

// Payment is one line of a facilitator's fees and expenses ledger.
type Payment struct {
	ID            string      `json:"id"`
	ProgrammeID   string      `json:"programme_id"`
	FacilitatorID string      `json:"facilitator_id"`
	SessionID     string      `json:"session_id,omitempty"`
	Kind          PaymentKind `json:"kind"`
	AmountPence   int         `json:"amount_pence"`
	Date          domain.Date `json:"date"`
	Description   string      `json:"description"`
}

// maxPence caps one line at £100,000, far above any sessional fee, so a
// slipped digit is caught.
const maxPence = 10_000_000

// Validate checks the ledger line's own rules.
func (p *Payment) Validate() error {
	pr := domain.Problems{}
	if p.FacilitatorID == "" {
		pr.Add("facilitator_id", "Choose the facilitator.")
	}
	if p.Kind != PaymentFee && p.Kind != PaymentExpense {
		pr.Add("kind", "Choose fee or expense.")
	}
	if p.AmountPence <= 0 || p.AmountPence > maxPence {
		pr.Add("amount", "Enter an amount in pounds between £0.01 and £100,000, like 75.00.")
	}
	if !p.Date.Valid() {
		pr.Add("date", "Enter the date, for example 2026-09-03.")
	}
	if msg := domain.TextProblem(p.Description, 300); msg != "" {
		pr.Add("description", msg)
	}
	return pr.Err("The ledger entry")
}

// ParsePounds reads an amount typed in pounds ("75", "£75.50", "1,200.5")
// as pence. It refuses more than two decimal places and negative amounts.
func ParsePounds(s string) (int, bool) {
	s = strings.NewReplacer("£", "", ",", "", " ", "").Replace(strings.TrimSpace(s))
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(frac) > 2 || strings.HasPrefix(whole, "-") || strings.HasPrefix(whole, "+") {
		return 0, false
	}
	w, err := strconv.Atoi(whole)
	if err != nil || w > maxPence/100 {
		return 0, false
	}
	f := 0
	if frac != "" {
		if f, err = strconv.Atoi(frac); err != nil || strings.HasPrefix(frac, "-") {
			return 0, false
		}
		if len(frac) == 1 {
			f *= 10
		}
	}
	return w*100 + f, true
}

// Pounds writes pence as pounds with two decimals: 7550 -> "75.50".
func Pounds(pence int) string {
	return strconv.Itoa(pence/100) + "." + pad2(pence%100)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
