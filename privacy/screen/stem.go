package screen

import "strings"

// irregular maps irregular inflections (and a few slang spellings) to the
// base form, so that a lexicon entry "hang myself" also matches "hung
// myself" and "take pills" matches "took pills".
var irregular = map[string]string{
	"hung": "hang", "hanged": "hang", "took": "take", "taken": "take", "stole": "steal",
	"stolen": "steal", "beaten": "beat", "shot": "shoot", "fought": "fight", "threw": "throw",
	"thrown": "throw", "gave": "give", "given": "give", "got": "get", "gotten": "get",
	"said": "say", "told": "tell", "made": "make", "sold": "sell", "brought": "bring",
	"caught": "catch", "ran": "run", "did": "do", "done": "do", "does": "do", "doin": "do",
	"doing": "do", "was": "be", "were": "be", "is": "be", "are": "be", "am": "be",
	"been": "be", "being": "be", "had": "have", "has": "have", "having": "have",
	"went": "go", "gone": "go", "goes": "go", "going": "go", "bled": "bleed", "felt": "feel",
	"kept": "keep", "sent": "send", "saw": "see", "seen": "see", "found": "find",
	"knew": "know", "known": "know", "thought": "think", "bought": "buy", "paid": "pay",
	"lying": "lie", "dying": "die", "died": "die", "dies": "die", "tried": "try",
	"tries": "try", "ate": "eat", "eaten": "eat", "woke": "wake", "broke": "break",
	"broken": "break", "wrote": "write", "hid": "hide", "hidden": "hide", "fell": "fall",
	"drove": "drive", "driven": "drive", "stuck": "stick", "swore": "swear", "sworn": "swear",
	"bit": "bite", "bitten": "bite", "slit": "slit", "hit": "hit", "hitting": "hit",
	"cut": "cut", "cutting": "cut", "cuttin": "cut", "put": "put", "left": "leave",
	"meant": "mean", "built": "build", "held": "hold", "stood": "stand", "forced": "force",
	"threatened": "threaten", "raped": "rape", "taxed": "tax", "nicked": "nick",
	"owed": "owe", "owes": "owe", "owing": "owe", "owin": "owe",
	"heroin": "heroin", "within": "within", "cousin": "cousin", "cabin": "cabin",
	"kidding": "kidding", "note": "note", "notes": "note", "noted": "note", "robin": "robin", "admin": "admin", "satin": "satin",
	"resin": "resin", "kevin": "kevin", "penguin": "penguin", "muslin": "muslin", "muffin": "muffin", "origin": "origin", "basin": "basin",
	"protein": "protein", "begin": "begin", "violin": "violin", "margin": "margin",
	"wanted": "want", "needs": "need", "kids": "kid", "news": "news",
	"lads": "lad", "series": "series", "chess": "chess", "less": "less", "unless": "unless",
	"bless": "bless", "mess": "mess", "miss": "miss", "boss": "boss", "cross": "cross",
}

// stem reduces a word to a crude base form: irregulars from the table, then
// -ies/-es/-s, -ing/-in (the dropped-g spelling), -ed, a doubled final
// consonant and a final e. It is applied to lexicon entries and text alike,
// so the odd collision it makes ("hoping" and "hopping") is symmetric and
// harmless; what matters is that inflections of one verb meet.
func stem(w string) string {
	if base, ok := irregular[w]; ok {
		if base == w || irregular[base] == base {
			return base // listed to protect it from the suffix rules
		}
		w = base
	}
	if len(w) <= 3 {
		return w
	}
	w = stripSuffix(w)
	w = undouble(w)
	if len(w) > 3 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// stripSuffix removes one inflectional ending, keeping at least three letters.
func stripSuffix(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case hasAnySuffix(w, "sses", "shes", "ches", "xes", "zes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		return w[:len(w)-3]
	case strings.HasSuffix(w, "in") && len(w) > 4 && !strings.HasSuffix(w, "ain"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !hasAnySuffix(w, "ss", "us", "is", "ous"):
		return w[:len(w)-1]
	}
	return w
}

// undouble turns "stabb" (from "stabbed") into "stab"; "kill" becomes "kil"
// too, which is fine because every form of it does.
func undouble(w string) string {
	n := len(w)
	if n > 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiou", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

func hasAnySuffix(w string, suffixes ...string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}
