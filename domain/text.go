package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// requireText adds a problem if s is empty or fails checkText.
func requireText(pr Problems, field, s string, max int) {
	if strings.TrimSpace(s) == "" {
		pr.Add(field, "Enter the "+strings.ReplaceAll(field, "_", " ")+".")
		return
	}
	checkText(pr, field, s, max)
}

// checkText refuses invalid UTF-8, control characters other than newline and
// tab, bidirectional overrides (which can disguise text) and over-long values.
func checkText(pr Problems, field, s string, max int) {
	if msg := TextProblem(s, max); msg != "" {
		pr.Add(field, msg)
	}
}

// TextProblem explains what is wrong with a free-text value, or returns "".
func TextProblem(s string, max int) string {
	if !utf8.ValidString(s) {
		return "The text is not valid UTF-8."
	}
	if n := utf8.RuneCountInString(s); n > max {
		return "The text is too long: keep it to " + itoa(max) + " characters."
	}
	for _, r := range s {
		if isBidiControl(r) {
			return "The text contains hidden direction-control characters; remove them."
		}
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return "The text contains control characters; remove them."
		}
	}
	return ""
}

func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

func checkCount(pr Problems, field string, n, max int) {
	if n < 0 || n > max {
		pr.Add(field, "Enter a whole number between 0 and "+itoa(max)+".")
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

func quoteName(s string) string {
	if s == "" {
		return ""
	}
	return "\u201c" + s + "\u201d"
}
