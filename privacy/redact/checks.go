package redact

import "strings"

// checkLetters is the mod-23 alphabet shared by PNC IDs and CRO numbers;
// I, O and S are left out because they read like 1, 0 and 5.
const checkLetters = "ZABCDEFGHJKLMNPQRTUVWXY"

// ValidNHS reports whether s is a 10-digit NHS number with a correct
// modulus-11 check digit. Spaces and hyphens between digits are ignored.
func ValidNHS(s string) bool {
	d, ok := digitsOnly(s, " -")
	if !ok || len(d) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	// A remainder giving 10 means the number was never issued.
	return check != 10 && check == int(d[9]-'0')
}

// ValidNINO reports whether s is a National Insurance number: two prefix
// letters allowed by HMRC's allocation rules, six digits and a suffix A-D.
// Case and spaces are ignored; the suffix may be left off.
func ValidNINO(s string) bool {
	u := strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	if len(u) != 8 && len(u) != 9 {
		return false
	}
	if !validNINOPrefix(u[0], u[1]) || !allDigits(u[2:8]) {
		return false
	}
	return len(u) == 8 || (u[8] >= 'A' && u[8] <= 'D')
}

// validNINOPrefix applies HMRC's allocation rules: D, F, I, Q, U and V are
// never used, O is never the second letter, and BG, GB, KN, NK, NT, TN and
// ZZ are reserved for administrative or temporary numbers.
func validNINOPrefix(a, b byte) bool {
	if !isUpper(a) || !isUpper(b) {
		return false
	}
	if strings.IndexByte("DFIQUV", a) >= 0 || strings.IndexByte("DFIQUVO", b) >= 0 {
		return false
	}
	switch string([]byte{a, b}) {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false
	}
	return true
}

// ValidPrisonNumber reports whether s has the NOMIS prison number shape:
// a letter, four digits and two letters (A1234BC), in any case. NOMIS
// numbers carry no check character.
func ValidPrisonNumber(s string) bool {
	if len(s) != 7 {
		return false
	}
	return isLetter(s[0]) && allDigits(s[1:5]) && isLetter(s[5]) && isLetter(s[6])
}

// ValidPNC reports whether s is a Police National Computer ID,
// YY/NNNNNNNL or YYYY/NNNNNNNL (the slash may be omitted only in the long
// form), whose final letter matches the mod-23 check over the two-digit
// year and the zero-padded seven-digit serial.
func ValidPNC(s string) bool {
	u := strings.ToUpper(s)
	year, serial, ok := strings.Cut(u[:max(len(u)-1, 0)], "/")
	if !ok {
		if len(u) != 12 {
			return false
		}
		year, serial = u[:4], u[4:11]
	}
	if (len(year) != 2 && len(year) != 4) || !allDigits(year) {
		return false
	}
	if len(serial) < 1 || len(serial) > 7 || !allDigits(serial) {
		return false
	}
	return checkLetter(year[len(year)-2:]+pad(serial, 7)) == u[len(u)-1]
}

// ValidCRO reports whether s is a Criminal Records Office number, either
// NNNNNN/YYL or the fingerprint form SFYY/NNNNNNL, with a correct mod-23
// check letter.
func ValidCRO(s string) bool {
	u := strings.ToUpper(s)
	if len(u) < 5 {
		return false
	}
	body, last := u[:len(u)-1], u[len(u)-1]
	if strings.HasPrefix(body, "SF") {
		year, serial, ok := strings.Cut(body[2:], "/")
		if !ok || len(year) != 2 || !allDigits(year) || len(serial) < 1 || len(serial) > 6 || !allDigits(serial) {
			return false
		}
		return checkLetter(year+serial) == last
	}
	serial, year, ok := strings.Cut(body, "/")
	if !ok || len(year) != 2 || !allDigits(year) || len(serial) < 1 || len(serial) > 6 || !allDigits(serial) {
		return false
	}
	return checkLetter(year+pad(serial, 6)) == last
}

// checkLetter returns the mod-23 check letter of a string of digits.
func checkLetter(digits string) byte {
	n := 0
	for i := 0; i < len(digits); i++ {
		n = (n*10 + int(digits[i]-'0')) % 23
	}
	return checkLetters[n]
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return strings.Repeat("0", n-len(s)) + s
}

// digitsOnly returns s without the separator bytes in seps, and whether
// what is left is all digits.
func digitsOnly(s, seps string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			b.WriteByte(c)
		case strings.IndexByte(seps, c) >= 0:
		default:
			return "", false
		}
	}
	return b.String(), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return len(s) > 0
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool  { return c >= 'a' && c <= 'z' }
func isLetter(c byte) bool { return isUpper(c) || isLower(c) }

// ValidPostcode reports whether s has the shape of a UK postcode (outward
// code A9, A99, A9A, AA9, AA99 or AA9A, then an inward code 9AA), in any
// case, with or without the space.
func ValidPostcode(s string) bool {
	u := strings.ToUpper(strings.Replace(s, " ", "", 1))
	if len(u) < 5 || len(u) > 7 {
		return false
	}
	out, in := u[:len(u)-3], u[len(u)-3:]
	if !isDigit(in[0]) || !inwardLetter(in[1]) || !inwardLetter(in[2]) {
		return false
	}
	return validOutward(out)
}

// inwardLetter rejects C, I, K, M, O and V, which are never used in the
// last two places of a postcode.
func inwardLetter(c byte) bool {
	return isUpper(c) && strings.IndexByte("CIKMOV", c) < 0
}

// validOutward checks the six outward-code shapes, the letters never used
// first (Q, V, X) and second (I, J, Z).
func validOutward(o string) bool {
	if len(o) < 2 || !isUpper(o[0]) || strings.IndexByte("QVX", o[0]) >= 0 {
		return false
	}
	rest := o[1:]
	if isUpper(rest[0]) {
		if strings.IndexByte("IJZ", rest[0]) >= 0 {
			return false
		}
		rest = rest[1:]
	}
	switch len(rest) {
	case 1:
		return isDigit(rest[0])
	case 2:
		return isDigit(rest[0]) && (isDigit(rest[1]) || isUpper(rest[1]))
	}
	return false
}
