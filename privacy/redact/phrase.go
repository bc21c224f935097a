package redact

import "strings"

// phrase is a lower-cased word sequence and the category it redacts to
// ("" for phrases that are kept).
type phrase struct {
	words []string
	cat   string
}

// phraseIndex finds phrases by their first word, so checking a token costs
// one map look-up.
type phraseIndex map[string][]phrase

func (pi phraseIndex) add(words []string, cat string) {
	if len(words) == 0 {
		return
	}
	pi[words[0]] = append(pi[words[0]], phrase{words: words, cat: cat})
}

// match returns the longest phrase starting at token i and its length in
// tokens, or 0.
func (pi phraseIndex) match(s *scan, i int) (int, string) {
	cands, ok := pi[s.key(i)]
	if !ok {
		return 0, ""
	}
	best, cat := 0, ""
	for _, p := range cands {
		if len(p.words) > best && s.wordsAt(i, p.words) {
			best, cat = len(p.words), p.cat
		}
	}
	return best, cat
}

// phraseWords splits a phrase with the same tokenizer as the text, so a
// phrase matches exactly the tokens it would produce.
func phraseWords(p string) []string {
	var tz tokenizer
	toks := tz.run(strings.ToLower(strings.TrimSpace(p)))
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, stripPossessive(t.text))
	}
	return out
}

// stripPossessive drops a trailing 's or s' so "jamie's" looks up "jamie".
func stripPossessive(w string) string {
	switch {
	case strings.HasSuffix(w, "'s"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "\u2019s"):
		return w[:len(w)-4]
	}
	return w
}
