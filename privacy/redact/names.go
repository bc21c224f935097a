package redact

import "strings"

// Name strength of a single token.
const (
	notName = iota
	weakName
	strongName
)

// strength says how surely token i is a name on its own: strong names are
// in a gazetteer and are not ordinary words, places or function words; weak
// names need context.
func (s *scan) strength(i int) int {
	if s.kind(i) != kWord {
		return notName
	}
	f := s.flag(i)
	if f&(fGiven|fSurname) == 0 {
		if f&fWord == 0 && s.bareGenitive(i) {
			return strongName
		}
		if f&fBroad != 0 && s.broadName(i) {
			return strongName // "Wojciech", "Shanice", "Thanh": a rarer name, written as one
		}
		return s.hyphenStrength(i)
	}
	if f&(fAmbiguous|fKeep|fStop|fMonth|fWeekday|fTitle) != 0 {
		return weakName
	}
	return strongName
}

// broadName decides whether a word from the broad list (names_broad.txt)
// is a name here. The list is large and holds words people capitalise for
// other reasons, so it needs a capital, no determiner before it ("the
// Lifers Forum"), and, at the start of a sentence, where every word has a
// capital, what usually follows a name: a verb, a preposition, a list or a
// surname ("Wojciech on my landing", "Shanice brought", not "Halal options").
func (s *scan) broadName(i int) bool {
	if s.flag(i)&(fStop|fTitle|fMonth|fWeekday|fKeep) != 0 || !s.capitalised(i) || s.is(i-1, nonNameBefore...) {
		return false
	}
	// "near Taunton", "round Chorlton", "on Dale Street": a place.
	if s.is(i-1, placeBefore...) || s.capitalised(i+1) && s.flag(i+1)&fStreet != 0 {
		return false
	}
	if !s.sentenceStart(i) {
		return true
	}
	if s.capitalised(i+1) || s.flag(i+1)&fSpeech != 0 || afterSubject[s.key(i+1)] || relationWords[s.key(i+1)] {
		return true
	}
	return s.kind(i+1) == kPunct && s.is(i+1, ",", "'s", "’s")
}

// placeBefore are prepositions that put a capitalised word on the map.
var placeBefore = []string{"near", "round", "around", "outside", "via", "towards", "toward", "past", "nr"}

// afterSubject are words that commonly follow a person's name at the start
// of a sentence.
var afterSubject = wordSet(
	"and", "&", "n", "is", "was", "has", "had", "on", "in", "at", "from", "off", "got", "gets",
	"needs", "wants", "helps", "helped", "brought", "brings", "only", "barely", "never", "always",
	"keeps", "kept", "runs", "works", "who", "does", "did", "can", "will", "would", "should", "used",
	"lives", "lent", "lends", "gave", "gives", "came", "comes", "went", "goes", "looks", "looked",
	"filed", "still", "just", "finally", "cries", "cried", "sent", "sends", "knows", "knew", "made",
	"makes", "took", "takes", "wrote", "writes", "phoned", "visits", "visited", "translates",
	"teaches", "taught", "got's", "isnt", "wasnt", "hasnt", "doesnt", "didnt", "cant", "wont", "aint",
	"says", "said", "told", "reckons", "thinks", "thought", "feels", "felt", "loves",
)

// bareGenitive catches a possessive typed without its apostrophe ("ethans
// mum"): the word minus its final s is a strong name.
func (s *scan) bareGenitive(i int) bool {
	k := s.key(i)
	if len(k) < 4 || k[len(k)-1] != 's' || s.flag(i+1)&fWord == 0 {
		return false
	}
	f := s.r.lx.flags[k[:len(k)-1]]
	if f&fBroad != 0 {
		return s.broadName(i) // "Rumanas brother": a broad name, written as one
	}
	return f&(fGiven|fSurname) != 0 && f&(fAmbiguous|fKeep|fStop|fMonth|fWeekday|fTitle|fWord) == 0
}

// hyphenStrength rates double-barrelled names (Mary-Jane, Smith-Jones):
// strong when every part is a name or capitalised and one part is a strong
// name.
func (s *scan) hyphenStrength(i int) int {
	k := s.key(i)
	if strings.IndexByte(k, '-') < 0 {
		return notName
	}
	strong, parts := false, 0
	for start := 0; start <= len(k); {
		end := start
		for end < len(k) && k[end] != '-' {
			end++
		}
		f := s.r.lx.flags[k[start:end]]
		if f&(fGiven|fSurname) == 0 {
			return notName
		}
		strong = strong || f&(fAmbiguous|fKeep|fStop|fWord) == 0
		parts++
		start = end + 1
	}
	if parts < 2 || !strong {
		return notName
	}
	return strongName
}

// title redacts the name after Mr, Mrs, Ms, Miss, Dr, Officer, Governor and
// the like; the title itself stays as context for the reader.
func (s *scan) title(i int) int {
	if s.flag(i)&fTitle == 0 || possessive(s.toks[i].text) {
		return 0 // "my cousin's baby" is not a cousin called Baby
	}
	j := i + 1
	if s.punct(j, ".") {
		j++
	}
	if !s.afterTitle(i, j) {
		return 0
	}
	end := s.extendName(j)
	s.add(j, end, Name)
	return end - i + 1
}

// afterTitle decides whether token j names the person titled by token i.
// After Mr, Mrs, Ms, Mx and Dr any name-like word counts; after words that
// are also ordinary nouns (officer, miss, sister) the word must be a
// gazetteer name or a capitalised non-word.
func (s *scan) afterTitle(i, j int) bool {
	if s.kind(j) != kWord {
		return false
	}
	f := s.flag(j)
	if f&fStop != 0 && !s.capitalised(j) {
		return false
	}
	if f&(fStop|fTitle) != 0 && f&(fGiven|fSurname) == 0 {
		return false
	}
	named := f&(fGiven|fSurname) != 0 || s.strength(j) == strongName
	if s.is(i, "mr", "mrs", "ms", "mx", "dr") {
		return named || s.capitalised(j) || f&fWord == 0
	}
	return named || (s.capitalised(j) && f&(fWord|fKeep) == 0)
}

// extendName returns the last token of a name starting at j: following
// surnames, capitalised non-words and unknown lower-case words are joined.
func (s *scan) extendName(j int) int {
	end := j
	for k := j + 1; k <= j+2 && s.surnameAfter(k); k++ {
		end = k
	}
	return end
}

// surnameAfter reports whether token k continues a name just seen.
func (s *scan) surnameAfter(k int) bool {
	if s.kind(k) != kWord || len(s.toks[k].text) < 2 {
		return false // "sophie n jess": a lone letter is a word, not a surname
	}
	f := s.flag(k)
	if f&(fStop|fKeep|fMonth|fWeekday|fTitle|fSpeech) != 0 {
		return false
	}
	if f&fSurname != 0 && (s.capitalised(k) || f&fAmbiguous == 0) {
		return true
	}
	if f&fWord != 0 || f&fGiven != 0 {
		// "Jordan Pike", "Jordan Lee": a capital straight after a name is
		// a surname; writers here rarely capitalise ordinary words.
		return s.capitalised(k)
	}
	return true // an unknown word right after a name: most likely a surname
}

// kept leaves places, establishments and acronyms alone, unless the context
// says a place-like word is a person ("called Chelsea", "Preston said").
func (s *scan) kept(i int) int {
	f := s.flag(i)
	if f&fPhrase != 0 {
		if n, _ := s.r.lx.phrases.match(s, i); n > 0 {
			return n
		}
	}
	if f&fKeep == 0 {
		return 0
	}
	if f&(fGiven|fSurname) != 0 && (s.cueBefore(i) || s.cueAfter(i)) {
		s.add(i, s.extendName(i), Name)
		return s.extendName(i) - i + 1
	}
	return 1
}

// name redacts gazetteer names: strong ones anywhere, weak ones with
// context, and unknown words after a naming cue ("my mate Dazza").
func (s *scan) name(i int) int {
	if s.kind(i) != kWord {
		return 0
	}
	ok := false
	switch s.strength(i) {
	case strongName:
		ok = true
	case weakName:
		ok = s.weakIsName(i)
	default:
		ok = s.cuedWord(i) && (s.cueBefore(i) || s.listedAfterName(i) || s.introduced(i) ||
			s.unknownSpeaker(i))
	}
	if !ok {
		return 0
	}
	end := s.extendName(i)
	if s.forenameBefore(i) {
		s.add(i-1, end, Name) // the scan passed it as unknown; it is redacted with its surname
	} else {
		s.add(i, end, Name)
	}
	return end - i + 1
}

// forenameBefore reports an unknown capitalised word just before the name
// at i ("Besnik Hoxha", "Elira Hoxha"): a forename the gazetteers lack.
func (s *scan) forenameBefore(i int) bool {
	if i == 0 || !s.capitalised(i-1) || s.justNamed(i) {
		return false
	}
	return s.flag(i-1)&(fWord|fKeep|fPhrase|fStop|fMonth|fWeekday|fTitle|fSpeech|fGiven|fSurname) == 0
}

// weakIsName decides whether a name that is also a word ("Will", "grace")
// is used as a name here.
func (s *scan) weakIsName(i int) bool {
	f := s.flag(i)
	if s.cueBefore(i) || s.cueAfter(i) {
		return true
	}
	if f&(fMonth|fWeekday|fKeep) != 0 {
		return false
	}
	if s.capitalised(i) && !s.sentenceStart(i) && !s.is(i-1, nonNameBefore...) {
		return true
	}
	if !s.capitalised(i) {
		return false
	}
	// A capitalised weak name followed by a surname is a full name, and one
	// listed with a sure name ("Rose and Jade") is a name too.
	if s.capitalised(i+1) && s.flag(i+1)&fSurname != 0 {
		return true
	}
	if !s.is(i+1, "and", "&", "n", ",") {
		return false
	}
	return s.strength(i+2) == strongName || (s.capitalised(i+2) && s.strength(i+2) == weakName)
}

// nonNameBefore are words after which a capitalised ordinary word is still
// an ordinary word: determiners ("the Bill") and subjects of a modal
// ("I Will", "you May").
var nonNameBefore = []string{"the", "a", "an", "this", "that", "these", "those", "some", "any",
	"i", "you", "we", "they", "he", "she", "it", "who", "which", "there", "our", "your", "their",
	"in", "on", "at", "of", "into", "no", "every", "each", "old"}

// cueBefore reports a phrase that introduces a name: "called", "named",
// "my mate", "me and", "name's", "known as", "call him".
func (s *scan) cueBefore(i int) bool {
	switch {
	case s.is(i-1, "called", "named", "nicknamed", "aka", "names", "name's", "cellmate", "cellie",
		"padmate", "pad-mate", "bredrin", "bro", "bruv", "cuz", "boyfriend", "girlfriend", "missus",
		"fiance", "fiancee", "bestie", "mate", "mates", "brother", "sister", "cousin", "son", "daughter",
		"lad", "guy", "geezer", "bloke", "fella", "yute", "boy", "girl", "woman", "lady"):
		if s.is(i-1, "called", "named") {
			return true
		}
		if possessive(s.toks[i-1].text) {
			return false // "my mate's car" is the mate's car, not a mate called Car
		}
		// "my brother will pick me up" is a modal after a relation word;
		// "my mate will got moved" is a name, as a past verb follows.
		if s.flag(i)&fStop != 0 && !s.capitalised(i) {
			return s.is(i+1, "got", "was", "is", "has", "had", "said", "says", "did", "went", "came",
				"told", "gave", "and", "n", "'s")
		}
		return !s.is(i-2, "was", "were", "is", "are", "i'm", "im")
	case s.is(i-1, "is") && s.is(i-2, "name"):
		return true
	case familyWords[s.key(i-1)] && s.capitalised(i) && !possessive(s.toks[i-1].text) &&
		s.flag(i)&(fWord|fKeep|fStop|fMonth|fWeekday|fTitle) == 0:
		return true // "my mum Farhiya", not "my mum's Sunday roast" or "his mum doesn't"
	case s.is(i-1, "is", "was") && relationWords[s.key(i-2)] && s.is(i-3, "my", "his", "her", "their", "our"):
		return s.capitalised(i) // "my solicitor is Gethin Pryce", not "my mate is sound"
	case s.is(i-1, "as") && s.is(i-2, "known"):
		return true
	case s.is(i-1, "and", "n", "&") && s.is(i-2, "me", "mi"):
		return true
	case s.is(i-1, "as") && s.is(i-2, "known", "him", "her", "me", "them"):
		return true
	case s.is(i-1, "him", "her", "me") && s.is(i-2, "call", "calls", "called"):
		return true
	}
	return false
}

// cueAfter reports what follows a name: a speech verb ("Grace said"), "and
// me", or an apposition or description naming a relation ("Summer my
// daughter", "Frank is my cellmate").
func (s *scan) cueAfter(i int) bool {
	switch {
	case s.flag(i+1)&fSpeech != 0:
		return true
	case s.is(i+1, "and") && s.is(i+2, "me", "i"):
		return true
	case s.is(i+1, "my", "the") && relationWords[s.key(i+2)]:
		// "Summer my daughter", not "i hope my missus"
		return s.capitalised(i) || !s.is(i-1, nonNameBefore...)
	case s.is(i+1, "is", "was", "'s") && s.is(i+2, "my") && relationWords[s.key(i+3)]:
		return true
	case s.capitalised(i) && s.is(i+1, "on", "in", "at", "off") && (postWords[s.key(i+2)] ||
		s.is(i+2, "my", "the", "our") && postWords[s.key(i+3)]):
		return true // "Will on my landing", "Penny in the library", "Joy on the MBU"
	}
	return s.capitalised(i) && s.is(i+1, "from")
}

// postWords are the places in a prison or service where a person works or
// lives, so that "Rose in education" names Rose.
var postWords = wordSet(
	"landing", "wing", "spur", "unit", "servery", "kitchen", "kitchens", "library", "education",
	"healthcare", "chaplaincy", "gym", "reception", "induction", "canteen", "laundry", "gardens",
	"workshop", "workshops", "desk", "mbu", "seg", "1s", "2s", "3s", "4s", "ones", "twos", "threes",
	"fours", "hostel", "ap", "omu", "visits", "block", "houseblock", "stores", "office", "programmes",
	"psychology",
)

// familyWords introduce a name only when a capitalised non-word follows
// ("my mum Farhiya", "her nephew Gurpreet").
var familyWords = wordSet(
	"mum", "mam", "mom", "dad", "nan", "nana", "nanna", "gran", "grandad", "grandma", "nephew",
	"niece", "uncle", "auntie", "aunt", "wife", "husband", "partner", "pal", "twin", "stepdad",
	"stepmum", "solicitor", "keyworker", "caseworker",
)

// relationWords describe a person by their tie to the writer.
var relationWords = wordSet(
	"mate", "mates", "cellmate", "cellie", "padmate", "pad", "sister", "brother", "cousin",
	"daughter", "son", "mum", "dad", "nan", "girl", "boy", "girlfriend", "boyfriend", "missus",
	"wife", "husband", "partner", "ex", "friend", "bredrin", "key", "keyworker", "worker", "advocate",
	"mentor", "teacher", "officer", "pom", "com", "caseworker", "niece", "nephew", "uncle", "aunt",
	"auntie", "youngest", "oldest", "eldest", "baby", "kid", "bro", "sis", "cuz", "best", "little",
	"big", "step", "stepdad", "stepmum", "grandad", "granddad", "grandma", "solicitor", "probation",
	"support", "youth", "social", "listener", "chaplain", "nurse", "gym", "wing",
)

// listedAfterName reports a capitalised unknown word listed straight after
// a redacted name ("Kofi, Ama and Yaw").
func (s *scan) listedAfterName(i int) bool {
	if !s.capitalised(i) || s.flag(i)&fWord != 0 || !s.is(i-1, "and", "&", ",", "n") {
		return false
	}
	return s.justNamed(i - 1)
}

// unknownSpeaker reports a capitalised word missing from both the
// dictionary and the gazetteers that is followed by what follows names
// ("Tayla from education", "Kemi said"), even at the start of a sentence.
func (s *scan) unknownSpeaker(i int) bool {
	return s.capitalised(i) && s.flag(i)&fWord == 0 && s.cueAfter(i)
}

// introduced reports a capitalised word after "i'm" or "i am": writers
// introduce themselves by name ("i'm Mo by the way").
func (s *scan) introduced(i int) bool {
	if !s.capitalised(i) || s.flag(i)&fWord != 0 {
		return false
	}
	return s.is(i-1, "i'm", "im") || (s.is(i-1, "am") && s.is(i-2, "i"))
}

// cuedWord accepts a word after a naming cue if it could be a name: not a
// function word, and capitalised or not an ordinary word.
func (s *scan) cuedWord(i int) bool {
	f := s.flag(i)
	if f&(fStop|fKeep|fTitle|fMonth|fWeekday) != 0 {
		return false
	}
	return s.capitalised(i) || f&fWord == 0
}

// nickname redacts a quoted nickname next to a name or after a cue:
// Danny "Smudge" Smith, they call him 'Tiny', known as "Big Man".
func (s *scan) nickname(i int) int {
	q := s.toks[i]
	if q.kind != kPunct || !isQuote(q.text) {
		return 0
	}
	end := i + 1
	for end < len(s.toks) && end <= i+4 && s.toks[end].kind == kWord {
		end++
	}
	if end == i+1 || end >= len(s.toks) || !isQuote(s.toks[end].text) {
		return 0
	}
	if !s.cueBefore(i) && !s.justNamed(i) && s.strength(end+1) == notName && !s.quotedNickname(i+1, end) {
		return 0
	}
	s.add(i+1, end-1, Name)
	if s.capitalised(end+1) && s.surnameAfter(end+1) {
		s.add(end+1, end+1, Name)
		return end - i + 2
	}
	return end - i + 1
}

// quotedNickname reports whether the quoted words from..to-1 read as a
// nickname on their own ('Smudge', "Little T"): one or two words, the
// first capitalised, none a place, acronym, month, weekday or function
// word. A quoted phrase ("feeling low?") has more words or a lower case.
func (s *scan) quotedNickname(from, to int) bool {
	if to-from < 1 || to-from > 2 {
		return false
	}
	for k := from; k < to; k++ {
		if !s.capitalised(k) && !(k > from && len(s.toks[k].text) == 1) || s.flag(k)&(fKeep|fPhrase|fMonth|fWeekday|fStop|fTitle) != 0 {
			return false
		}
	}
	return true
}

// justNamed reports whether the token before i ended a redacted name.
func (s *scan) justNamed(i int) bool {
	if len(s.spans) == 0 || i == 0 {
		return false
	}
	last := s.spans[len(s.spans)-1]
	return last.Category == Name && last.End >= s.base+s.toks[i-1].start && last.End <= s.base+s.toks[i-1].end
}

// wordSet makes a set of words for the context rules.
func wordSet(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	return set
}

// possessive reports a word ending in 's.
func possessive(w string) bool { return stripPossessive(w) != w }

func isQuote(t string) bool {
	switch t {
	case "\"", "'", "\u201c", "\u201d", "\u2018", "\u2019":
		return true
	}
	return false
}
