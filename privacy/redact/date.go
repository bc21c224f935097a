package redact

import "strings"

// date matches full dates: numeric (12/03/2019, 2019-03-12, 12.3.19) and
// written (12th March 2019, Monday 12 March, March 12th, 1st of may).
// Lone years, months and weekdays are left alone.
func (s *scan) date(i int) int {
	switch s.toks[i].kind {
	case kMixed:
		if numericDate(s.toks[i].text) {
			s.add(i, i, Date)
			return 1
		}
		return s.dayMonth(i, i)
	case kNum:
		return s.dayMonth(i, i)
	case kWord:
		return s.wordDate(i)
	}
	return 0
}

// wordDate handles dates that start with a word: a weekday before a day
// ("Monday 12th March"), or a month before a day ("March 12th").
func (s *scan) wordDate(i int) int {
	// "the 9th of April 2026": the article belongs to the date as written.
	if s.is(i, "the") && i+1 < len(s.toks) && isOrdinal(s.toks[i+1].text) {
		return s.dayMonth(i, i+1)
	}
	f := s.flag(i)
	if f&fWeekday != 0 {
		j := i + 1
		if s.punct(j, ",") {
			j++
		}
		if n := s.dayMonthLen(j); n > 0 {
			s.add(i, j+n-1, Date)
			return j - i + n
		}
		// "Friday 21st": a weekday pins an ordinal day to one date.
		if j < len(s.toks) && isOrdinal(s.toks[j].text) && s.dayToken(j) {
			s.add(i, j, Date)
			return j - i + 1
		}
		return 0
	}
	if f&fMonth == 0 {
		return 0
	}
	if n := s.monthDayLen(i); n > 0 {
		s.add(i, i+n-1, Date)
		return n
	}
	return 0
}

// dayMonth redacts a day-first date starting at token j, reported from i.
func (s *scan) dayMonth(i, j int) int {
	n := s.dayMonthLen(j)
	if n == 0 {
		return 0
	}
	s.add(i, j+n-1, Date)
	return j - i + n
}

// dayMonthLen measures "12 March", "12th of March 2019", "1st may, 2020".
func (s *scan) dayMonthLen(j int) int {
	if !s.dayToken(j) {
		return 0
	}
	k := j + 1
	if s.is(k, "of") {
		k++
	}
	if s.flag(k)&fMonth == 0 {
		return 0
	}
	if y := s.yearLen(k + 1); y > 0 {
		return k - j + 1 + y
	}
	// "3 Mar 25": after an abbreviated month, two digits are the year.
	if len(s.toks[k].text) <= 4 && s.kind(k+1) == kNum && len(s.toks[k+1].text) == 2 {
		return k - j + 2
	}
	return k - j + 1
}

// monthDayLen measures "March 12th", "march 12, 2019". A bare number after
// a month counts only when something marks it as a day, so "in March 12 of
// us" is left alone.
func (s *scan) monthDayLen(i int) int {
	j := i + 1
	if !s.dayToken(j) {
		return 0
	}
	if y := s.yearLen(j + 1); y > 0 {
		return 2 + y
	}
	if isOrdinal(s.toks[j].text) || j+1 == len(s.toks) || s.kind(j+1) == kPunct {
		return 2
	}
	return 0
}

// yearLen measures an optional ", 2019" or " 2019" after a day and month.
func (s *scan) yearLen(k int) int {
	n := 0
	if s.punct(k, ",") {
		k, n = k+1, 1
	}
	if s.kind(k) == kNum && len(s.toks[k].text) == 4 && looksLikeYear(s.toks[k].text) {
		return n + 1
	}
	return 0
}

// dayToken reports a day of the month: 1-31, optionally with an ordinal
// suffix.
func (s *scan) dayToken(j int) bool {
	if j >= len(s.toks) {
		return false
	}
	w := s.toks[j].text
	if isOrdinal(w) {
		w = w[:len(w)-2]
	} else if s.toks[j].kind != kNum {
		return false
	}
	if len(w) > 2 {
		return false
	}
	d := atoi(w)
	return d >= 1 && d <= 31
}

// numericDate reports d/m/y, d-m-y, d.m.y (two- or four-digit year, either
// day or month first) and y-m-d with a four-digit year.
func numericDate(w string) bool {
	sep := byte(0)
	for _, c := range []byte{'/', '-', '.'} {
		if strings.IndexByte(w, c) >= 0 {
			sep = c
			break
		}
	}
	if sep == 0 {
		return false
	}
	p := strings.Split(w, string(sep))
	if len(p) != 3 || !allDigits(p[0]) || !allDigits(p[1]) || !allDigits(p[2]) {
		return false
	}
	if len(p[0]) == 4 {
		return len(p[1]) <= 2 && len(p[2]) <= 2 && validDayMonth(atoi(p[2]), atoi(p[1]))
	}
	if len(p[0]) > 2 || len(p[1]) > 2 || (len(p[2]) != 2 && len(p[2]) != 4) {
		return false
	}
	a, b := atoi(p[0]), atoi(p[1])
	return validDayMonth(a, b) || validDayMonth(b, a)
}

func validDayMonth(d, m int) bool { return d >= 1 && d <= 31 && m >= 1 && m <= 12 }

// atoi converts a short run of ASCII digits.
func atoi(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		n = n*10 + int(w[i]-'0')
	}
	return n
}
