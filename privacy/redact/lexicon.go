package redact

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"sync"
)

//go:embed data/given.txt data/surnames.txt data/ambiguous.txt data/words.txt data/keep.txt data/names_broad.txt
var dataFS embed.FS

// wordFlag describes what a lower-cased word is, so one map lookup per token
// answers every question the name rules ask.
type wordFlag uint16

const (
	fGiven     wordFlag = 1 << iota // in the given-name gazetteer
	fSurname                        // in the surname gazetteer
	fAmbiguous                      // a name that is also an ordinary word
	fWord                           // an ordinary English word
	fKeep                           // a place, establishment or acronym
	fMonth                          // a month name or abbreviation
	fWeekday                        // a weekday name or abbreviation
	fTitle                          // a title that precedes a name
	fStop                           // a function word that never starts a name
	fStreet                         // a street-type word (Road, Close, ...)
	fRefCue                         // a word that announces a reference number
	fSpeech                         // a verb that follows a speaker's name
	fPhrase                         // the first word of a multi-word keep phrase
	fFlat                           // "flat", "apartment": starts an address
	fBroad                          // in the broad name list: a name when capitalised

	// fRuleWords are the flags that some rule acts on; a lower-case
	// ordinary word with none of them can be skipped at once.
	fRuleWords = fGiven | fSurname | fKeep | fPhrase | fMonth | fWeekday | fTitle | fRefCue | fFlat
)

// lexicon is the read-only word knowledge shared by every Redactor.
type lexicon struct {
	flags   map[string]wordFlag
	phrases phraseIndex // multi-word keep phrases
	months  map[string]int
}

var (
	lexOnce sync.Once
	lexVal  *lexicon
	lexErr  error
)

// sharedLexicon loads the embedded lists once per process.
func sharedLexicon() (*lexicon, error) {
	lexOnce.Do(func() { lexVal, lexErr = loadLexicon() })
	return lexVal, lexErr
}

func loadLexicon() (*lexicon, error) {
	lx := &lexicon{flags: make(map[string]wordFlag, 240000), phrases: phraseIndex{}, months: monthNumbers()}
	files := []struct {
		name string
		flag wordFlag
	}{
		{"data/words.txt", fWord},
		{"data/given.txt", fGiven},
		{"data/surnames.txt", fSurname},
		{"data/ambiguous.txt", fAmbiguous},
		{"data/names_broad.txt", fBroad},
	}
	for _, f := range files {
		if err := lx.addFile(f.name, f.flag); err != nil {
			return nil, err
		}
	}
	if err := lx.addKeep(); err != nil {
		return nil, err
	}
	lx.addBuiltins()
	return lx, nil
}

// addFile sets flag on every line of an embedded list.
func (lx *lexicon) addFile(name string, flag wordFlag) error {
	return eachLine(name, func(w string) { lx.flags[strings.ToLower(w)] |= flag })
}

// addKeep loads keep.txt: one-word entries become flags, longer ones phrases.
func (lx *lexicon) addKeep() error {
	return eachLine("data/keep.txt", func(p string) {
		words := phraseWords(p)
		if len(words) == 1 {
			lx.flags[words[0]] |= fKeep
			return
		}
		lx.phrases.add(words, "")
		lx.flags[words[0]] |= fPhrase
	})
}

func eachLine(name string, fn func(string)) error {
	f, err := dataFS.Open(name)
	if err != nil {
		return fmt.Errorf("redact: load %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		fn(line)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("redact: read %s: %w", name, err)
	}
	return nil
}

func (lx *lexicon) set(flag wordFlag, words ...string) {
	for _, w := range words {
		lx.flags[w] |= flag
	}
}

// addBuiltins adds the small closed word classes the rules depend on.
func (lx *lexicon) addBuiltins() {
	for w := range lx.months {
		lx.flags[w] |= fMonth
	}
	lx.set(fWeekday, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
		"mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays")
	lx.set(fTitle, "mr", "mrs", "miss", "ms", "mx", "dr", "officer", "governor", "guv", "gov",
		"sir", "madam", "nurse", "prof", "pc", "sgt", "sergeant", "inspector", "judge", "reverend",
		"rev", "father", "pastor", "dc", "ds", "imam", "chaplain", "sister", "brother", "uncle", "auntie", "aunty", "aunt",
		"cousin", "lady", "lord")
	lx.set(fStop, stopWords...)
	lx.set(fFlat, "flat", "apartment", "apt")
	lx.set(fStreet, "road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "close", "drive",
		"dr", "way", "crescent", "cres", "court", "ct", "gardens", "gdns", "place", "pl", "terrace",
		"grove", "walk", "row", "square", "sq", "mews", "view", "rise", "parade", "hill", "green",
		"park", "vale", "croft", "fold", "wharf", "yard", "estate", "house", "towers", "tower", "building",
		"heights", "boulevard", "circus", "gate", "chase", "meadow", "meadows", "end", "bank")
	lx.set(fRefCue, "case", "complaint", "complaints", "comp1", "comp2", "comp", "ref", "reference",
		"ticket", "crime", "claim", "application", "app", "appeal", "incident", "adjudication", "adj",
		"crn", "id", "order", "booking", "account", "acc", "membership", "tracking", "log",
		"warrant", "file", "request", "form", "docket", "job")
	lx.set(fSpeech, "said", "says", "say", "told", "tells", "asked", "asks", "reckons", "reckoned",
		"shouted", "goes", "went", "texted", "rang", "called", "phoned", "wrote", "replied", "laughed")
}

// stopWords never begin or continue a name even when capitalised.
var stopWords = []string{
	"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "they",
	"them", "their", "it", "its", "the", "a", "an", "and", "or", "but", "if", "so", "to", "of",
	"in", "on", "at", "by", "for", "from", "with", "about", "as", "is", "was", "are", "were", "be",
	"been", "am", "do", "did", "does", "done", "have", "has", "had", "not", "no", "yes", "this",
	"that", "these", "those", "there", "here", "then", "than", "when", "what", "who", "why",
	"how", "where", "which", "just", "all", "any", "some", "every", "each", "one", "get", "got",
	"go", "went", "said", "say", "says", "told", "like", "can", "could", "would", "should", "will",
	"shall", "may", "might", "must", "up", "down", "out", "off", "over", "into", "onto", "too",
	"very", "really", "still", "never", "always", "even", "again", "also", "only", "now", "well",
	"yeah", "nah", "innit", "bruv", "fam", "cos", "coz", "cause", "because", "after", "before",
	"since", "until", "till", "while", "though", "lol", "ok", "okay", "im", "dont", "cant",
	"wont", "didnt", "aint", "thats", "whats", "ive", "id", "ill", "hes", "shes", "theyre",
	"i'm", "i'd", "i've", "i'll", "he's", "she's", "it's", "that's", "there's", "they're", "we're",
	"you're", "don't", "can't", "won't", "didn't", "isn't", "wasn't", "doesn't", "ain't",
	"i\u2019m", "i\u2019d", "i\u2019ve", "i\u2019ll",
}

// monthNumbers maps month names and abbreviations to 1-12.
func monthNumbers() map[string]int {
	names := []string{"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december"}
	m := map[string]int{"sept": 9}
	for i, n := range names {
		m[n] = i + 1
		m[n[:3]] = i + 1
	}
	return m
}
