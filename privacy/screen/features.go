package screen

// The statistical backstop reads a text as a bag of hashed features:
// word unigrams and bigrams of the normalised stems (so "stabbed" and
// "stabbin" meet, as they do for the rules) and character 3- to 5-grams of
// the normalised words (so typos and unseen inflections still share most
// of their features). Features are hashed into a fixed-size vector, which
// keeps inference allocation-light and the model a flat array of weights.

const (
	// featureBits sets the size of the hashed feature space, 2^featureBits.
	// The labelled data has a few thousand lines, so 2^16 buckets keep
	// collisions rare while the weights stay small enough to embed.
	featureBits = 16
	featureDim  = 1 << featureBits
	featureMask = featureDim - 1
	minCharGram = 3
	maxCharGram = 5
)

// FNV-1a, written out so that hashing a feature never allocates.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// feature kinds are mixed into the hash so that the word "kill" and the
// character gram "kill" land in different buckets.
const (
	kindUnigram byte = 'u'
	kindBigram  byte = 'b'
	kindChar    byte = 'c'
)

func hashStart(kind byte) uint32 {
	return (fnvOffset ^ uint32(kind)) * fnvPrime
}

func hashString(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * fnvPrime
	}
	return h
}

func hashByte(h uint32, b byte) uint32 {
	return (h ^ uint32(b)) * fnvPrime
}

// featurise appends the hashed feature indexes of the normalised sentences
// to dst (repeats kept: a repeated word counts twice).
func featurise(dst []uint32, sents []sentence) []uint32 {
	var buf []byte
	for _, s := range sents {
		for i, t := range s {
			dst = append(dst, hashString(hashStart(kindUnigram), t.stem)&featureMask)
			if i > 0 {
				h := hashString(hashStart(kindBigram), s[i-1].stem)
				h = hashString(hashByte(h, ' '), t.stem)
				dst = append(dst, h&featureMask)
			}
		}
		buf = sentenceChars(buf[:0], s)
		dst = charGrams(dst, buf)
	}
	return dst
}

// sentenceChars joins the surface words with single spaces and pads both
// ends, so word starts and ends are grams of their own (" cut", "ing ").
func sentenceChars(buf []byte, s sentence) []byte {
	buf = append(buf, ' ')
	for _, t := range s {
		buf = append(buf, t.surface...)
		buf = append(buf, ' ')
	}
	return buf
}

// charGrams appends the hash of every 3- to 5-byte window of buf.
func charGrams(dst []uint32, buf []byte) []uint32 {
	for i := range buf {
		h := hashStart(kindChar)
		for n := 1; n <= maxCharGram && i+n <= len(buf); n++ {
			h = hashByte(h, buf[i+n-1])
			if n >= minCharGram {
				dst = append(dst, h&featureMask)
			}
		}
	}
	return dst
}
