package screen

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
)

// The lexicons are plain text so that the safeguarding lead's team can
// extend them without touching Go: one pattern a line, "#" comments,
// section headers in square brackets. See pattern.go for the syntax.
//
//go:embed lexicon/*.txt
var lexiconFS embed.FS

// tier says how much a trigger needs from its sentence before it flags.
type tier int

const (
	// tierDirect triggers carry their own subject or target ("kill myself",
	// "they said they'll stab me") and flag unless masked by an idiom.
	tierDirect tier = iota
	// tierTopic triggers name a risky subject ("self harm", "debt",
	// "phone") and flag only with personal or specific cues around them.
	tierTopic
	// tierStrong triggers are specific on their own ("an officer brings
	// spice in") but can be talked down by policy talk, fiction or a
	// hypothetical ("officers bringing in drugs should be sacked").
	tierStrong
)

// rule is one trigger pattern of a category.
type rule struct {
	category string
	tier     tier
	label    string // reason prefix, e.g. "first-person self-harm"
	pat      pattern
}

// engine holds the compiled lexicons. It is built once and only read
// afterwards, which is what makes Screen safe for concurrent use.
type engine struct {
	rules    []rule
	ruleSet  patternSet // the rules' patterns, same order as rules
	idioms   []idiom
	idiomSet patternSet
	cues     map[string][]pattern
	// cueAll holds every cue pattern of cueNames in one set, so a sentence
	// is scanned once for all cues; cueRange[name] is that cue's slice of
	// pattern indexes.
	cueAll   patternSet
	cueRange map[string][2]int
	weak     map[string]*patternSet // weak signals per category (weak.go)
}

// idiom is a figure of speech whose trigger words are not meant literally.
// A soft idiom (section [soft] in idioms.txt) only hides triggers that lie
// wholly inside it.
type idiom struct {
	pat  pattern
	soft bool
}

// categoryFiles lists the lexicon file of each category in output order.
var categoryFiles = []struct{ category, file string }{
	{SelfHarm, "self_harm.txt"},
	{HarmToOthers, "harm_to_others.txt"},
	{ChildProtection, "child_protection.txt"},
	{AtRisk, "at_risk.txt"},
	{AllegationAgainstStaff, "allegation_against_staff.txt"},
	{Security, "security.txt"},
	{UndisclosedOffence, "undisclosed_offence.txt"},
}

// cueNames are the sections cues.txt must define.
var cueNames = []string{
	"first_person", "specific", "intent", "generic", "generic_people", "fiction", "opinion",
	"hypothetical", "negator", "conditional", "community", "past_general",
	"reassurance", "recovery", "relapse",
}

// loadEngine reads and compiles every lexicon file.
func loadEngine() (*engine, error) {
	macros, err := loadMacros("lexicon/macros.txt")
	if err != nil {
		return nil, err
	}
	e := &engine{cues: map[string][]pattern{}}
	if err := e.loadCues(macros); err != nil {
		return nil, err
	}
	if err := e.loadIdioms(macros); err != nil {
		return nil, err
	}
	for _, cf := range categoryFiles {
		if err := e.loadCategory(cf.category, "lexicon/"+cf.file, macros); err != nil {
			return nil, err
		}
	}
	if err := e.loadWeak(macros); err != nil {
		return nil, err
	}
	e.buildIndexes()
	return e, nil
}

// buildIndexes indexes every pattern group by first word.
func (e *engine) buildIndexes() {
	rulePats := make([]pattern, len(e.rules))
	for i, r := range e.rules {
		rulePats[i] = r.pat
	}
	e.ruleSet = newPatternSet(rulePats)
	idiomPats := make([]pattern, len(e.idioms))
	for i, id := range e.idioms {
		idiomPats[i] = id.pat
	}
	e.idiomSet = newPatternSet(idiomPats)
	var all []pattern
	e.cueRange = map[string][2]int{}
	for _, name := range cueNames {
		e.cueRange[name] = [2]int{len(all), len(all) + len(e.cues[name])}
		all = append(all, e.cues[name]...)
	}
	e.cueAll = newPatternSet(all)
}

// section is a header and the pattern lines under it.
type section struct {
	header string
	lines  []string
}

// readSections splits a lexicon file into sections; lines before the first
// header belong to a section with an empty header.
func readSections(path string) ([]section, error) {
	data, err := lexiconFS.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("screen: read lexicon %s: %w", path, err)
	}
	secs := []section{{}}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			secs = append(secs, section{header: strings.Trim(line, "[]")})
		default:
			last := &secs[len(secs)-1]
			last.lines = append(last.lines, line)
		}
	}
	return secs, sc.Err()
}

func compileAll(path string, lines []string, macros map[string][]string) ([]pattern, error) {
	pats := make([]pattern, 0, len(lines))
	for _, l := range lines {
		p, err := compilePattern(l, macros)
		if err != nil {
			return nil, fmt.Errorf("screen: %s: %w", path, err)
		}
		pats = append(pats, p)
	}
	return pats, nil
}

func (e *engine) loadIdioms(macros map[string][]string) error {
	const path = "lexicon/idioms.txt"
	secs, err := readSections(path)
	if err != nil {
		return err
	}
	for _, s := range secs {
		pats, err := compileAll(path, s.lines, macros)
		if err != nil {
			return err
		}
		for _, p := range pats {
			e.idioms = append(e.idioms, idiom{pat: p, soft: s.header == "soft"})
		}
	}
	return nil
}

func (e *engine) loadCues(macros map[string][]string) error {
	const path = "lexicon/cues.txt"
	secs, err := readSections(path)
	if err != nil {
		return err
	}
	for _, s := range secs {
		pats, err := compileAll(path, s.lines, macros)
		if err != nil {
			return err
		}
		e.cues[s.header] = append(e.cues[s.header], pats...)
	}
	for _, name := range cueNames {
		if len(e.cues[name]) == 0 {
			return fmt.Errorf("screen: %s: no [%s] section", path, name)
		}
	}
	return nil
}

// loadCategory reads a category file whose headers look like
// "[direct] first-person self-harm" or "[topic] self-harm with a personal cue".
func (e *engine) loadCategory(category, path string, macros map[string][]string) error {
	secs, err := readSections(path)
	if err != nil {
		return err
	}
	for _, s := range secs {
		if len(s.lines) == 0 {
			continue
		}
		t, label, err := parseHeader(s.header)
		if err != nil {
			return fmt.Errorf("screen: %s: %w", path, err)
		}
		pats, err := compileAll(path, s.lines, macros)
		if err != nil {
			return err
		}
		for _, p := range pats {
			e.rules = append(e.rules, rule{category: category, tier: t, label: label, pat: p})
		}
	}
	return nil
}

func parseHeader(h string) (tier, string, error) {
	kind, label, _ := strings.Cut(h, "]")
	label = strings.TrimSpace(label)
	switch strings.TrimSpace(kind) {
	case "direct":
		return tierDirect, label, nil
	case "topic":
		return tierTopic, label, nil
	case "strong":
		return tierStrong, label, nil
	}
	return 0, "", fmt.Errorf("section header %q: want [direct], [strong] or [topic]", h)
}

// loadMacros reads "@name = a|b_c|@other" lines, expanding references to
// earlier macros, including inside phrases ("that_@person").
func loadMacros(path string) (map[string][]string, error) {
	secs, err := readSections(path)
	if err != nil {
		return nil, err
	}
	macros := map[string][]string{}
	for _, s := range secs {
		for _, line := range s.lines {
			name, body, ok := strings.Cut(line, "=")
			name = strings.TrimSpace(name)
			if !ok || !strings.HasPrefix(name, "@") {
				return nil, fmt.Errorf("screen: %s: bad macro line %q", path, line)
			}
			var entries []string
			for _, alt := range strings.Split(strings.TrimSpace(body), "|") {
				exp, err := expandEntry(alt, macros)
				if err != nil {
					return nil, fmt.Errorf("screen: %s: macro %s: %w", path, name, err)
				}
				entries = append(entries, exp...)
			}
			macros[name[1:]] = entries
		}
	}
	return macros, nil
}

// expandEntry turns "that_@person" into "that_him", "that_her", ...
func expandEntry(entry string, macros map[string][]string) ([]string, error) {
	out := []string{""}
	for _, part := range strings.Split(entry, "_") {
		options := []string{part}
		if strings.HasPrefix(part, "@") {
			m, ok := macros[part[1:]]
			if !ok {
				return nil, fmt.Errorf("unknown macro %s", part)
			}
			options = m
		}
		out = crossJoin(out, options)
	}
	return out, nil
}

func crossJoin(prefixes, options []string) []string {
	next := make([]string, 0, len(prefixes)*len(options))
	for _, p := range prefixes {
		for _, o := range options {
			if p == "" {
				next = append(next, o)
			} else {
				next = append(next, p+"_"+o)
			}
		}
	}
	return next
}
