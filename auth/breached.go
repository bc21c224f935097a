package auth

import (
	_ "embed"
	"strings"
	"sync"
)

// breachedList is a list of common passwords seen in breaches, shipped with
// the binary so the check works offline. See data/SOURCES.md.
//
//go:embed data/breached.txt
var breachedList string

var breached = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, 4096)
	for _, line := range strings.Split(breachedList, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[strings.ToLower(line)] = struct{}{}
		}
	}
	return m
})

// IsBreached reports whether password is on the bundled list, ignoring case,
// or is a listed password with digits or symbols stuck on either end
// ("Password1234!"), the commonest way people stretch a short one.
func IsBreached(password string) bool {
	m := breached()
	p := strings.ToLower(password)
	if _, ok := m[p]; ok {
		return true
	}
	notLetter := func(r rune) bool { return r < 'a' || r > 'z' }
	core := strings.TrimFunc(p, notLetter)
	if _, ok := m[core]; ok && len(core) >= 8 {
		return true
	}
	for i := len(p) - 1; i >= 8; i-- {
		if _, ok := m[p[:i]]; ok && strings.IndexFunc(p[i:], func(r rune) bool { return !notLetter(r) }) < 0 {
			return true
		}
	}
	return false
}
