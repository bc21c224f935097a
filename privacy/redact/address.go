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
		if n := s.streetLen(j); n > 0 {
			s.add(i, j+n-1, Address)
			return j - i + n
		}
		s.add(i, i+1, Address)
		return 2
	}
	if n := s.streetLen(i); n > 0 {
		s.add(i, i+n-1, Address)
		return n
	}
	return 0
}

// streetLen measures "NUMBER word... STREET-TYPE" with one to three words
// before the street type, or returns 0.
func (s *scan) streetLen(i int) int {
	if !s.houseNumber(i) {
		return 0
	}
	for k := i + 1; k <= i+4 && k < len(s.toks); k++ {
		f := s.flag(k)
		if s.toks[k].kind != kWord || f&(fStop|fMonth|fWeekday) != 0 || unitWords[s.key(k)] {
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
