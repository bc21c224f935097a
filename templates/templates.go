// Package templates holds the programme templates a coordinator starts from:
// the HMPPS long-term strategy, a youth commission on policing, and a blank
// programme. A template supplies defaults and strategic areas; the
// coordinator adds dates, targets and anything else that differs.
package templates

import (
	"fmt"
	"sort"
	"strings"

	"peervoice/demo"
	"peervoice/domain"
)

// Template is one starting point for a programme.
type Template struct {
	// Key is the short name used on the command line ("hmpps").
	Key string
	// Name is stored in Programme.Template ("hmpps_strategy").
	Name string
	// Label is the human title of the template.
	Label string
	// Programme holds the defaults; Slug, Title and dates are left empty.
	Programme domain.Programme
	// Areas are the strategic areas with their guiding questions.
	Areas []domain.StrategicArea
}

// Template keys.
const (
	HMPPS = "hmpps"
	Youth = "youth"
	Blank = "blank"
)

// registry builds each template afresh, so callers can change what they get
// without touching anyone else's copy.
var registry = map[string]func() Template{
	HMPPS: hmpps,
	Youth: youth,
	Blank: blank,
}

// Keys lists the template keys in display order.
func Keys() []string { return []string{HMPPS, Youth, Blank} }

// Lookup finds a template by its key or its stored name, ignoring case.
func Lookup(key string) (Template, error) {
	k := strings.ToLower(strings.TrimSpace(key))
	for _, build := range registry {
		t := build()
		if k == t.Key || k == t.Name {
			return t, nil
		}
	}
	keys := Keys()
	sort.Strings(keys)
	return Template{}, domain.Errorf(domain.EInvalid, "%q is not a programme template: choose one of %s.", key, strings.Join(keys, ", "))
}

// New returns the programme defaults and strategic areas of the template
// with the given key. An unknown key gives the blank template: check the key
// with Lookup first when it comes from a user.
func New(key string) (domain.Programme, []domain.StrategicArea) {
	t, err := Lookup(key)
	if err != nil {
		t = blank()
	}
	return t.Programme, t.Areas
}

// defaults are the settings every template shares.
func defaults(name string) domain.Programme {
	return domain.Programme{
		Template:             name,
		SuppressionThreshold: domain.DefaultThreshold,
		RetentionDays:        domain.DefaultRetentionDays,
	}
}

// areas numbers a list of areas from 1 in the given order.
func areas(list []domain.StrategicArea) []domain.StrategicArea {
	for i := range list {
		list[i].Position = i + 1
	}
	return list
}

func hmpps() Template {
	p := defaults("hmpps_strategy")
	p.Commissioner = "HM Prison and Probation Service"
	p.Purpose = "Involve people in prison and on probation in shaping the long-term strategy, through peer-led sessions on six strategic areas."
	p.TargetParticipants, p.TargetSites = 110, 7
	list := make([]domain.StrategicArea, len(demo.Areas))
	for i, a := range demo.Areas {
		list[i] = domain.StrategicArea{Key: a.Key, Name: a.Name, Questions: append([]string(nil), a.Questions...)}
	}
	return Template{Key: HMPPS, Name: p.Template, Label: "HMPPS long-term strategy", Programme: p, Areas: areas(list)}
}

func youth() Template {
	p := defaults("youth_policing")
	p.Commissioner = "Police and Crime Commissioner"
	p.Purpose = "A youth commission of up to 35 young people consults their peers about policing and presents recommendations to the police and the Police and Crime Commissioner."
	p.TargetParticipants = 35
	return Template{Key: Youth, Name: p.Template, Label: "Youth commission on policing", Programme: p, Areas: areas(youthAreas())}
}

func youthAreas() []domain.StrategicArea {
	return []domain.StrategicArea{
		{Key: "stop_search", Name: "Stop and search", Questions: []string{
			"Have you or your friends been stopped and searched? How did it feel?",
			"What would make a stop and search fair and respectful?",
			"Should officers explain why they are stopping you, and how?",
			"What should happen after a stop and search that went wrong?",
		}},
		{Key: "trust", Name: "Trust and confidence", Questions: []string{
			"Do young people where you live trust the police? Why or why not?",
			"What could the police do to earn young people's trust?",
			"Would you call the police if you needed help? What would stop you?",
			"How do the news and social media shape what you think of the police?",
		}},
		{Key: "victims", Name: "Young people as victims", Questions: []string{
			"If something happened to you, who would you tell first?",
			"What stops young people reporting crime against them?",
			"How should the police treat a young person who reports a crime?",
			"What support do young victims need that they do not get?",
		}},
		{Key: "online", Name: "Policing online", Questions: []string{
			"What harms do young people face online?",
			"Should the police be more visible online? Where?",
			"How easy is it to report something that happened online?",
			"What should schools, apps and the police each do about online harm?",
		}},
		{Key: "engagement", Name: "Engagement and scrutiny", Questions: []string{
			"How should the police listen to young people?",
			"Should young people help check how the police use their powers?",
			"What would make you take part in a police panel or forum?",
			"How should the police tell young people what changed after they spoke up?",
		}},
	}
}

func blank() Template {
	p := defaults(Blank)
	return Template{Key: Blank, Name: Blank, Label: "Blank programme", Programme: p}
}

// Describe is a one-line summary of a template for listings.
func (t Template) Describe() string {
	return fmt.Sprintf("%s: %s (%d strategic areas)", t.Key, t.Label, len(t.Areas))
}
