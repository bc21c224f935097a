package polis

import (
	"strconv"
	"strings"
)

// RefPrefix starts the external reference peervoice keeps for a statement
// or participant imported from Polis, followed by its Polis ID.
const RefPrefix = "polis:"

// Ref is the external reference for Polis ID id.
func Ref(id int) string { return RefPrefix + strconv.Itoa(id) }

// ParseRef returns the Polis ID in an external reference, if it holds one.
func ParseRef(ref string) (int, bool) {
	rest, ok := strings.CutPrefix(ref, RefPrefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil
}
