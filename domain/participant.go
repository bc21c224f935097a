package domain

import (
	"strings"
	"time"
)

// CodeAlphabet is the set of characters participant codes are made from. It
// leaves out characters that are easily confused when handwritten or read
// back from a tally sheet (0/O, 1/I/L, 5/S, 8/B, U/V), keeping at most one of
// each confusable pair (2 but not Z), so a misread is typed as a character
// that is not in codes at all. It has 24 characters: Luhn mod N only catches
// every single substitution when N is even.
const CodeAlphabet = "ACDEFGHJKMNPQRTWXY234679"

// CodePayloadLen is the number of random characters in a new code; one check
// character follows, so codes are four characters long.
const CodePayloadLen = 3

// Participant is a person who took part, known only by a pseudonymous code.
// There is no name, number or contact detail: see docs/decisions.
type Participant struct {
	ID           string       `json:"id"`
	ProgrammeID  string       `json:"programme_id"`
	Code         string       `json:"code"`
	SiteID       string       `json:"site_id,omitempty"`
	Consent      Consent      `json:"consent"`
	Demographics Demographics `json:"demographics"`
	ExternalRef  string       `json:"external_ref,omitempty"`
	WithdrawnAt  *time.Time   `json:"withdrawn_at,omitempty"`
	CreatedAt    time.Time    `json:"created_at"`
}

// Consent holds the three consent scopes and who recorded them when.
type Consent struct {
	TakePart      bool   `json:"take_part"`
	Quote         bool   `json:"quote"`
	Media         bool   `json:"media"`
	RecordedOn    Date   `json:"recorded_on,omitempty"`
	FacilitatorID string `json:"facilitator_id,omitempty"`
}

// Demographics are self-described and all optional; "prefer_not_to_say" and
// "" both mean nothing was given.
type Demographics struct {
	AgeBand       string `json:"age_band,omitempty"`
	Gender        string `json:"gender,omitempty"`
	Ethnicity     string `json:"ethnicity,omitempty"`
	SentenceStage string `json:"sentence_stage,omitempty"`
}

// Allowed demographic answers. Free text is not allowed here because small
// free-text answers identify people.
var (
	AgeBands       = []string{"18-20", "21-24", "25-29", "30-39", "40+", "prefer_not_to_say"}
	Genders        = []string{"woman", "man", "non_binary", "self_described", "prefer_not_to_say"}
	Ethnicities    = []string{"asian", "black", "mixed", "white", "other", "prefer_not_to_say"}
	SentenceStages = []string{"remand", "early", "middle", "pre_release", "on_licence", "community_order", "prefer_not_to_say"}
)

// Validate checks the participant's code and answers.
func (p *Participant) Validate() error {
	pr := Problems{}
	if err := CheckCode(p.Code); err != nil {
		pr.Add("code", ErrorMessage(err))
	}
	checkChoice(pr, "age_band", p.Demographics.AgeBand, AgeBands)
	checkChoice(pr, "gender", p.Demographics.Gender, Genders)
	checkChoice(pr, "ethnicity", p.Demographics.Ethnicity, Ethnicities)
	checkChoice(pr, "sentence_stage", p.Demographics.SentenceStage, SentenceStages)
	if p.Consent.RecordedOn != "" && !p.Consent.RecordedOn.Valid() {
		pr.Add("consent_date", "Enter the date consent was recorded.")
	}
	if (p.Consent.Quote || p.Consent.Media) && !p.Consent.TakePart {
		pr.Add("consent", "Quote or media consent needs consent to take part.")
	}
	checkText(pr, "external_ref", p.ExternalRef, 100)
	return pr.Err("The participant")
}

func checkChoice(pr Problems, field, v string, allowed []string) {
	if v == "" {
		return
	}
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	pr.Add(field, "Choose one of the listed answers.")
}

// codeSeparators are what people type between the characters of a code.
var codeSeparators = strings.NewReplacer(" ", "", "-", "")

// NormaliseCode upper-cases a typed code and strips spaces and hyphens.
func NormaliseCode(s string) string {
	return codeSeparators.Replace(strings.ToUpper(strings.TrimSpace(s)))
}

// CheckCode reports whether code is well formed and its check character
// matches. It uses the Luhn mod N algorithm over CodeAlphabet, which catches
// every single mistyped character and most swapped neighbours.
func CheckCode(code string) error {
	if len(code) < CodePayloadLen+1 || len(code) > 10 {
		return Errorf(EInvalid, "Participant code %q must be 4 to 10 characters.", code)
	}
	for _, r := range code {
		if !strings.ContainsRune(CodeAlphabet, r) {
			return Errorf(EInvalid, "Participant code %q has %q, which is not used in codes.", code, r)
		}
	}
	payload, check := code[:len(code)-1], code[len(code)-1]
	if CheckChar(payload) != check {
		return Errorf(EInvalid, "Participant code %q does not pass its check: a character may be mistyped.", code)
	}
	return nil
}

// CheckChar computes the Luhn mod N check character for payload.
func CheckChar(payload string) byte {
	n := len(CodeAlphabet)
	factor, sum := 2, 0
	for i := len(payload) - 1; i >= 0; i-- {
		v := strings.IndexByte(CodeAlphabet, payload[i]) * factor
		sum += v/n + v%n
		factor = 3 - factor
	}
	return CodeAlphabet[(n-sum%n)%n]
}

// NewCode makes a code from a source of random integers in [0, n), such as
// rand.IntN. Callers retry on a clash with an existing code.
func NewCode(intn func(n int) int, payloadLen int) string {
	b := make([]byte, payloadLen, payloadLen+1)
	for i := range b {
		b[i] = CodeAlphabet[intn(len(CodeAlphabet))]
	}
	return string(append(b, CheckChar(string(b))))
}
