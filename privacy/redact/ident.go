package redact

import "strings"

// identifier matches the justice and public-service identifiers, phone
// numbers and postcodes that start at token i.
func (s *scan) identifier(i int) int {
	t := s.toks[i]
	switch t.kind {
	case kMixed:
		if n := s.mixedIdent(i); n > 0 {
			return n
		}
	case kNum:
		if n := s.numberIdent(i); n > 0 {
			return n
		}
	case kWord:
		if n := s.spacedNINO(i); n > 0 {
			return n
		}
	case kPunct:
		return s.phone(i)
	}
	return s.postcode(i)
}

// mixedIdent handles single tokens holding letters and digits or slashes.
func (s *scan) mixedIdent(i int) int {
	w := s.toks[i].text
	cat := ""
	switch {
	case ValidPrisonNumber(w):
		cat = PrisonNumber
	case strings.IndexByte(w, '/') >= 0 && ValidPNC(w):
		cat = PNC
	case strings.IndexByte(w, '/') >= 0 && ValidCRO(w):
		cat = CRO
	case len(w) == 9 && ValidNINO(w):
		cat = NINumber
	case len(w) == 8 && ValidNINO(w) && s.ninoSuffix(i+1):
		s.add(i, i+1, NINumber)
		return 2
	case len(w) == 12 && ValidNHS(w):
		cat = NHSNumber
	case len(w) == 12 && ValidPNC(w):
		cat = PNC
	}
	if cat != "" {
		s.add(i, i, cat)
		return 1
	}
	if w[0] == '0' && strings.Trim(w, "0123456789-.") == "" {
		return s.phone(i)
	}
	return 0
}

// ninoSuffix reports whether token i is a lone suffix letter A-D.
func (s *scan) ninoSuffix(i int) bool {
	if s.kind(i) != kWord || len(s.toks[i].text) != 1 {
		return false
	}
	c := s.toks[i].text[0] &^ 0x20
	return c >= 'A' && c <= 'D'
}

// numberIdent handles runs of digit groups: NHS numbers and phones.
func (s *scan) numberIdent(i int) int {
	w := s.toks[i].text
	if w[0] == '0' {
		return s.phone(i)
	}
	if len(w) == 10 && ValidNHS(w) {
		s.add(i, i, NHSNumber)
		return 1
	}
	if len(w) == 3 && s.kind(i+1) == kNum && s.kind(i+2) == kNum &&
		len(s.toks[i+1].text) == 3 && len(s.toks[i+2].text) == 4 &&
		ValidNHS(w+s.toks[i+1].text+s.toks[i+2].text) {
		s.add(i, i+2, NHSNumber)
		return 3
	}
	if strings.HasPrefix(w, "44") {
		return s.phone(i)
	}
	return 0
}

// spacedNINO matches "AB 12 34 56 C" and "AB 123456 C": a valid prefix,
// six digits in groups and a suffix. Without the suffix the prefix must be
// in capitals, so "on 12 34 56" stays a list of numbers.
func (s *scan) spacedNINO(i int) int {
	w := s.toks[i].text
	if len(w) != 2 || !validNINOPrefix(w[0]&^0x20, w[1]&^0x20) {
		return 0
	}
	upper := isUpper(w[0]) && isUpper(w[1])
	digits, j := "", i+1
	for j < len(s.toks) && s.toks[j].kind == kNum && len(digits) < 6 {
		digits += s.toks[j].text
		j++
	}
	if len(digits) != 6 {
		return 0
	}
	if s.ninoSuffix(j) {
		s.add(i, j, NINumber)
		return j - i + 1
	}
	if !upper {
		return 0
	}
	s.add(i, j-1, NINumber)
	return j - i
}

// phone matches UK numbers: 07700 900123, 0161 496 0000, (020) 7946 0018,
// +44 7700 900123 and +44 (0)20 7946 0018. Groups are joined while the
// national number has at most 11 digits.
func (s *scan) phone(i int) int {
	j, digits := i, ""
	switch {
	case s.punct(i, "+") && s.kind(i+1) == kNum && strings.HasPrefix(s.toks[i+1].text, "44"):
		digits, j = "0"+s.toks[i+1].text[2:], i+2
		if s.punct(j, "(") && s.is(j+1, "0") && s.punct(j+2, ")") {
			j += 3
		}
	case s.punct(i, "(") && s.kind(i+1) == kNum && s.punct(i+2, ")"):
		digits, j = s.toks[i+1].text, i+3
	case s.kind(i) == kNum || s.kind(i) == kMixed:
		d, _ := digitsOnly(s.toks[i].text, "-.")
		digits, j = d, i+1
		if strings.HasPrefix(digits, "0044") {
			digits = "0" + digits[4:]
		} else if strings.HasPrefix(digits, "44") {
			digits = "0" + digits[2:]
		}
	default:
		return 0
	}
	for j < len(s.toks) && len(digits) < 11 {
		d, ok := digitsOnly(s.toks[j].text, "-.")
		if s.toks[j].kind == kPunct || !ok || len(digits)+len(d) > 11 {
			break
		}
		digits += d
		j++
	}
	if len(digits) < 10 || len(digits) > 11 || digits[0] != '0' || digits[1] == '0' {
		return 0
	}
	s.add(i, j-1, Phone)
	return j - i
}

// postcode matches SW1A 1AA or SW1A1AA, in any case.
func (s *scan) postcode(i int) int {
	t := s.toks[i]
	if t.kind != kMixed {
		return 0
	}
	if n := len(t.text); n >= 5 && n <= 7 && ValidPostcode(t.text) {
		s.add(i, i, Postcode)
		return 1
	}
	if len(t.text) <= 4 && s.kind(i+1) == kMixed && len(s.toks[i+1].text) == 3 &&
		ValidPostcode(t.text+" "+s.toks[i+1].text) {
		s.add(i, i+1, Postcode)
		return 2
	}
	return 0
}

// reference notes words such as "case" or "ref" that announce a reference
// number, and redacts numbers shaped like references.
func (s *scan) reference(i int) int {
	t := s.toks[i]
	if t.kind == kWord {
		if s.flag(i)&fRefCue != 0 {
			s.refCue = i
		}
		return 0
	}
	if t.kind == kMixed && s.r.lx.flags[s.key(i)]&fRefCue != 0 {
		s.refCue = i // "comp1 445123"
		return 0
	}
	if t.kind != kNum && t.kind != kMixed {
		return 0
	}
	if !s.refShaped(i) {
		return 0
	}
	s.add(i, i, Reference)
	return 1
}

// refShaped decides whether token i reads as a case or reference number:
// long digit runs anywhere, codes mixing letters with at least four digits,
// and shorter numbers just after a cue word (but not years).
func (s *scan) refShaped(i int) bool {
	w := s.toks[i].text
	digits, letters := 0, 0
	for k := 0; k < len(w); k++ {
		switch {
		case isDigit(w[k]):
			digits++
		case isLetter(w[k]):
			letters++
		}
	}
	cued := i-s.refCue <= 4
	switch {
	case s.toks[i].kind == kNum && digits >= 7:
		return true
	case letters > 0 && digits >= 4 && len(w) >= 6:
		return !isOrdinal(w)
	case cued && letters > 0 && digits >= 3:
		return true
	case cued && digits >= 4:
		return !looksLikeYear(w)
	}
	return false
}

func looksLikeYear(w string) bool {
	return len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20"))
}

// isOrdinal reports "1st", "22nd", "3rd", "14th" and the like.
func isOrdinal(w string) bool {
	if len(w) < 3 {
		return false
	}
	num, suf := w[:len(w)-2], strings.ToLower(w[len(w)-2:])
	return allDigits(num) && (suf == "st" || suf == "nd" || suf == "rd" || suf == "th")
}
