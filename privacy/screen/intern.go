package screen

import "sync"

// Stems are interned to small integers when patterns are compiled, and
// each token carries the id of its stem, so matching compares and hashes
// integers rather than strings. Id 0 means a stem no pattern uses: it can
// never match a word element (prefix elements read the surface instead).
var interned = struct {
	sync.RWMutex
	ids   map[string]int32
	names []string // names[id] is the stem
}{ids: map[string]int32{}, names: []string{""}}

// internStem returns the id of s, adding it if new. Patterns are compiled
// at start-up, but tests compile more later, hence the lock.
func internStem(s string) int32 {
	interned.Lock()
	defer interned.Unlock()
	if id, ok := interned.ids[s]; ok {
		return id
	}
	id := int32(len(interned.names))
	interned.ids[s] = id
	interned.names = append(interned.names, s)
	return id
}

// stemID returns the id of s, or 0 if no pattern uses it.
func stemID(s string) int32 {
	interned.RLock()
	id := interned.ids[s]
	interned.RUnlock()
	return id
}

// stemName returns the stem with this id.
func stemName(id int32) string {
	interned.RLock()
	defer interned.RUnlock()
	return interned.names[id]
}

func internAll(stems []string) []int32 {
	ids := make([]int32, len(stems))
	for i, s := range stems {
		ids[i] = internStem(s)
	}
	return ids
}
