package redact

// address matches a flat number ("Flat 3", "flat 4b") and a house number
// followed by a street ("22 Acacia Avenue", "12a kings rd"), joining them
// when they follow each other.
func (s *scan) address(i int) int {
	j := i
	if s.flag(i)&fFlat != 0 && s.houseNumber(i+1) {
		j = i + 2
		if s.punct(j, ",") {
			j++
		}
		// "Flat 9, Kestrel House, 3 Orchard Way": a named building between.
		if b := s.buildingLen(j); b > 0 {
			j += b
			if s.punct(j, ",") {
				j++
			}
		}
		if n := s.streetLen(j); n > 0 {
			end := j + n - 1
			end += s.localityLen(end + 1)
			s.add(i, end, Address)
			return end - i + 1
		}
		s.add(i, i+1, Address)
		return 2
	}
	if n := s.streetLen(i); n > 0 {
		end := i + n - 1 + s.localityLen(i+n)
		s.add(i, end, Address)
		return end - i + 1
	}
	return 0
}

// buildingLen measures a named building ("Kestrel House", "St Mary's
// Court"): one to three capitalised words, the last a street-type word.
func (s *scan) buildingLen(i int) int {
	for k := i; k <= i+2 && k < len(s.toks); k++ {
		if !s.capitalised(k) || s.flag(k)&(fStop|fMonth|fWeekday) != 0 {
			return 0
		}
		if k > i && s.flag(k)&fStreet != 0 {
			return k - i + 1
		}
	}
	return 0
}

// localityLen measures ", Sparkhill" after a street: a comma and one or two
// capitalised words that are not a kept place, which the reader would keep
// ("22 Leigh Road, Manchester" keeps Manchester).
func (s *scan) localityLen(k int) int {
	if !s.punct(k, ",") || !s.capitalised(k+1) {
		return 0
	}
	n := 0
	for m := k + 1; m <= k+2 && s.capitalised(m); m++ {
		if s.flag(m)&(fKeep|fPhrase|fStop|fMonth|fWeekday|fTitle) != 0 {
			break
		}
		n++
	}
	if n == 0 {
		return 0
	}
	return n + 1
}

// streetLen measures "NUMBER word... STREET-TYPE" with one to three words
// before the street type, or returns 0.
func (s *scan) streetLen(i int) int {
	if !s.houseNumber(i) {
		return 0
	}
	for k := i + 1; k <= i+4 && k < len(s.toks); k++ {
		f := s.flag(k)
		// "Orchard Way" is a street; "a 2 way street" is not.
		street := k > i+1 && f&fStreet != 0 && s.capitalised(k)
		if s.toks[k].kind != kWord || f&(fStop|fMonth|fWeekday) != 0 || unitWords[s.key(k)] && !street {
			return 0
		}
		if k > i+1 && f&fStreet != 0 {
			return k - i + 1
		}
	}
	return 0
}

// houseNumber reports 1-9999, optionally with one letter (12a).
func (s *scan) houseNumber(i int) bool {
	if i >= len(s.toks) {
		return false
	}
	w := s.toks[i].text
	if s.toks[i].kind == kMixed && len(w) >= 2 && isLetter(w[len(w)-1]) {
		w = w[:len(w)-1]
	} else if s.toks[i].kind != kNum {
		return false
	}
	return allDigits(w) && len(w) <= 4 && atoi(w) > 0
}

// unitWords follow a number without being a street name: "did 18 months",
// "2 way street" is not an address either.
var unitWords = map[string]bool{
	"months": true, "month": true, "years": true, "year": true, "weeks": true, "week": true,
	"days": true, "day": true, "hours": true, "hour": true, "hrs": true, "mins": true,
	"minutes": true, "times": true, "time": true, "quid": true, "pounds": true, "grand": true,
	"people": true, "lads": true, "way": true, "men": true, "women": true, "officers": true,
	"kids": true, "yrs": true, "wks": true, "cells": true, "cell": true, "wing": true,
	"wings": true, "visits": true, "calls": true, "nights": true, "night": true, "mates": true,
}
