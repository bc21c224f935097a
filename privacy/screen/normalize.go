package screen

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a normalised sentence. Surface is what the writer
// typed (after contraction expansion), kept for the human-readable reasons;
// stem is what patterns compare against.
type token struct {
	surface string
	stem    string
	id      int32 // the interned stem (intern.go), 0 if no pattern uses it
	comma   bool  // a comma followed this word: the end of a clause
}

// sentence is a run of tokens between sentence-ending punctuation. Cues such
// as "first person" or "policy talk" are judged per sentence, so that "I
// think staff should... My cellmate hit me" keeps its second half.
type sentence []token

// expansions rewrites contractions with the apostrophe dropped, text-speak
// and common misspellings into the words the lexicons are written in. Keys
// are single lower-case words; values may be several words.
var expansions = map[string]string{
	"im": "i am", "ive": "i have", "id": "i would", "iam": "i am", "i'm": "i am",
	"imma": "i am going to", "ima": "i am going to", "ama": "i am going to",
	"dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not",
	"cannot": "can not", "wont": "will not", "wouldnt": "would not", "isnt": "is not",
	"aint": "is not", "wasnt": "was not", "werent": "were not", "havent": "have not",
	"hasnt": "has not", "hadnt": "had not", "shouldnt": "should not", "couldnt": "could not",
	"arent": "are not", "dunno": "do not know", "gonna": "going to", "gunna": "going to",
	"finna": "going to", "goin": "going", "wanna": "want to", "wana": "want to",
	"gotta": "got to", "tryna": "trying to", "u": "you", "ya": "you", "ur": "your",
	"thats": "that is", "theres": "there is", "hes": "he is", "shes": "she is",
	"theyre": "they are", "theyll": "they will", "theyd": "they would", "theyve": "they have", "weve": "we have", "youd": "you would", "hed": "he would",
	"wouldve": "would have", "couldve": "could have", "shouldve": "should have", "mightve": "might have",
	"youre": "you are", "youll": "you will", "youve": "you have", "shell": "she will",
	"itll": "it will", "its": "it is", "whats": "what is", "wiv": "with", "wid": "with",
	"nuffin": "nothing", "nothin": "nothing", "nuthin": "nothing", "nufin": "nothing",
	"summat": "something", "sumthin": "something", "somethin": "something",
	"coz": "because", "cos": "because", "cuz": "because", "cus": "because",
	"dem": "them", "em": "them", "dey": "they", "da": "the", "meself": "myself",
	"mysef": "myself", "myslef": "myself", "myselfe": "myself", "maself": "myself",
	"miself": "myself", "tmrw": "tomorrow", "tmr": "tomorrow", "tomoz": "tomorrow",
	"tomorow": "tomorrow", "tommorow": "tomorrow", "2moro": "tomorrow", "2morrow": "tomorrow",
	"2nite": "tonight", "tonite": "tonight", "2day": "today", "wen": "when",
	"ppl": "people", "sum1": "someone", "some1": "someone", "any1": "anyone",
	"no1": "no one", "noone": "no one", "every1": "everyone", "wud": "would",
	"cud": "could", "shud": "should", "kno": "know", "knw": "know", "alot": "a lot",
	"av": "have", "ave": "have", "wot": "what", "wat": "what", "ov": "of",
	"anymore": "any more", "nomore": "no more", "tho": "though",
	"thru": "through", "bout": "about", "agen": "again", "agin": "again", "pls": "please", "wiff": "with",
	"sucidal": "suicidal", "suicidle": "suicidal", "sucide": "suicide", "suiside": "suicide",
	"selfharm": "self harm", "selfharming": "self harming", "selfharmed": "self harmed",
	"kms": "kill myself", "kys": "kill yourself", "unalive": "kill",
	"padmate": "pad mate", "cellmate": "cell mate", "celly": "cell mate", "cellie": "cell mate",
	"padmates": "pad mates", "cellmates": "cell mates",
}

// illKeepers are words after which "ill" means unwell rather than "i'll".
var illKeepers = map[string]bool{
	"feel": true, "feeling": true, "felt": true, "be": true, "am": true, "was": true,
	"is": true, "been": true, "very": true, "really": true, "mentally": true, "so": true,
	"too": true, "proper": true, "seriously": true, "terminally": true, "get": true,
	"got": true, "getting": true, "look": true, "looking": true, "the": true, "an": true,
	"of": true, "are": true, "were": true,
}

// idKeepers are words after which "id" is an identity card rather than
// "i'd": "carry my id" is not "carry my i would".
var idKeepers = map[string]bool{
	"my": true, "your": true, "his": true, "her": true, "their": true, "our": true,
	"an": true, "the": true, "photo": true, "no": true, "prison": true, "show": true,
}

// normalise splits text into sentences of tokens: lower case, apostrophes
// dropped (so "don't" and "dont" read the same), hyphens and other
// punctuation turned into spaces, and contractions expanded.
func normalise(text string) []sentence {
	var out []sentence
	for _, raw := range splitSentences(strings.ToLower(text)) {
		if s := tokenise(raw); len(s) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// tokenise turns one sentence into tokens, remembering which words a comma
// followed (splitSentences leaves commas in as " , ").
func tokenise(raw string) sentence {
	fields := strings.Fields(raw)
	s := make(sentence, 0, len(fields)+4)
	prev := ""
	var buf [4]string // expansions are at most a few words; no allocation
	for _, field := range fields {
		if field == "," {
			if len(s) > 0 {
				s[len(s)-1].comma = true
			}
			continue
		}
		for _, w := range appendExpanded(buf[:0], field, prev) {
			s = append(s, newToken(w))
		}
		prev = field
	}
	return s
}

func newToken(w string) token {
	st := stem(w)
	return token{surface: w, stem: st, id: stemID(st)}
}

// splitSentences cuts on sentence punctuation and line breaks and blanks out
// the rest of the punctuation. Commas do not cut: in unpunctuated writing
// they join clauses that belong together.
func splitSentences(text string) []string {
	var parts []string
	// one buffer for the whole text: each sentence is copied out once,
	// instead of a builder growing afresh for every sentence.
	b := make([]byte, 0, len(text)+16)
	flush := func() {
		if len(b) > 0 {
			parts = append(parts, string(b))
			b = b[:0]
		}
	}
	for _, r := range text {
		switch {
		case r == '.' || r == '!' || r == '?' || r == ';' || r == '\n' || r == '\r':
			flush()
		case r == '\'' || r == '\u2019' || r == '\u2018' || r == '`':
			// dropped: "don't" becomes "dont", expanded below
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b = utf8.AppendRune(b, r)
		case r == ',':
			b = append(b, " , "...)
		default:
			b = append(b, ' ')
		}
	}
	flush()
	return parts
}

// expandWords applies the expansions table to a run of words.
func expandWords(words []string) []string {
	out := make([]string, 0, len(words)+4)
	prev := ""
	for _, w := range words {
		out = append(out, expandWord(w, prev)...)
		prev = w
	}
	return out
}

// expandWord expands one word, taking care with "ill", which is "i'll"
// unless it follows a word that makes it mean unwell.
func expandWord(w, prev string) []string {
	return appendExpanded(nil, w, prev)
}

// appendExpanded is expandWord appending to dst, so that tokenise can
// expand into a buffer on its stack.
func appendExpanded(dst []string, w, prev string) []string {
	if w == "ill" {
		if illKeepers[prev] {
			return append(dst, w)
		}
		return append(dst, "i", "will")
	}
	if w == "id" && idKeepers[prev] {
		return append(dst, w)
	}
	if e, ok := expansionWords[w]; ok {
		return append(dst, e...)
	}
	return append(dst, w)
}

// expansionWords is expansions with each value split into words once.
var expansionWords = func() map[string][]string {
	m := make(map[string][]string, len(expansions))
	for k, v := range expansions {
		m[k] = strings.Fields(v)
	}
	return m
}()
