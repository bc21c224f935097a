package debate

import (
	"fmt"
	"strconv"

	"peervoice/privacy/suppress"
)

// Paired measures the shift from each participant's linked before and
// after votes with the exact McNemar test.
func Paired(pairs []Pair, threshold int) (Result, error) {
	if len(pairs) == 0 {
		return Result{}, errNoPairs
	}
	var before, after Counts
	toFor, fromFor := 0, 0 // the discordant pairs
	seen := make(map[string]bool, len(pairs))
	for _, p := range pairs {
		if seen[p.Participant] {
			return Result{}, fmt.Errorf("debate: participant %s has two pairs of votes", p.Participant)
		}
		seen[p.Participant] = true
		if err := tally(&before, p.Before); err != nil {
			return Result{}, fmt.Errorf("debate: participant %s before: %w", p.Participant, err)
		}
		if err := tally(&after, p.After); err != nil {
			return Result{}, fmt.Errorf("debate: participant %s after: %w", p.Participant, err)
		}
		switch {
		case p.Before != For && p.After == For:
			toFor++
		case p.Before == For && p.After != For:
			fromFor++
		}
	}
	return report(McNemar, before, after, McNemarExact(toFor, fromFor), threshold)
}

// Unpaired measures the shift from before and after counts alone with
// Fisher's exact test on for and not for.
func Unpaired(before, after Counts, threshold int) (Result, error) {
	if err := before.check("before"); err != nil {
		return Result{}, err
	}
	if err := after.check("after"); err != nil {
		return Result{}, err
	}
	p := FisherExact(before.For, before.Total()-before.For, after.For, after.Total()-after.For).TwoSided
	return report(Fishers, before, after, p, threshold)
}

func tally(c *Counts, v Vote) error {
	switch v {
	case For:
		c.For++
	case Against:
		c.Against++
	case Undecided:
		c.Undecided++
	default:
		return fmt.Errorf("debate: %v", v)
	}
	return nil
}

// report suppresses the counts and writes the sentence.
func report(test string, before, after Counts, p float64, threshold int) (Result, error) {
	b, err := breakdown(before, threshold)
	if err != nil {
		return Result{}, err
	}
	a, err := breakdown(after, threshold)
	if err != nil {
		return Result{}, err
	}
	r := Result{Test: test, Before: b, After: a}
	if tooSmall(b, before, threshold) || tooSmall(a, after, threshold) {
		r.Suppressed = true
		r.Sentence = fmt.Sprintf("Too few people voted one way or another to report this result "+
			"(numbers under %d are not shown).", threshold)
		return r, nil
	}
	r.PValue, r.Significant = p, p < Alpha
	r.Sentence = sentence(test, before, after, p)
	return r, nil
}

func breakdown(c Counts, threshold int) (suppress.Breakdown, error) {
	b, err := suppress.List(map[string]int{
		"for": c.For, "against": c.Against, "undecided": c.Undecided}, threshold)
	if err != nil {
		return b, fmt.Errorf("debate: %w", err)
	}
	return b, nil
}

// tooSmall reports whether the sentence would state or imply a hidden or
// small count: it gives "for" and the total, and so "not for" as well.
func tooSmall(b suppress.Breakdown, c Counts, threshold int) bool {
	hidden := b.Total.Suppressed || suppress.Count(c.Total()-c.For, threshold).Suppressed
	for _, it := range b.Items {
		hidden = hidden || (it.Label == "for" && it.Cell.Suppressed)
	}
	return hidden
}

// sentence writes, for example: "After the debate, 15 of 20 agreed with the
// motion, up from 9. This shift is unlikely to be chance (exact McNemar
// test, p = 0.031)." When the totals differ (unpaired counts) it gives the
// total before too, and the direction is that of the proportion.
func sentence(test string, before, after Counts, p float64) string {
	was := strconv.Itoa(before.For)
	if before.Total() != after.Total() {
		was += " of " + strconv.Itoa(before.Total()) + " before"
	}
	change := "the same as"
	switch a, b := after.For*before.Total(), before.For*after.Total(); {
	case a > b:
		change = "up from"
	case a < b:
		change = "down from"
	}
	verdict := "This shift could be chance"
	if p < Alpha {
		verdict = "This shift is unlikely to be chance"
	}
	if change == "the same as" {
		verdict = "There is no sign of a shift"
	}
	return fmt.Sprintf("After the debate, %d of %d agreed with the motion, %s %s. %s (%s, %s).",
		after.For, after.Total(), change, was, verdict, test, FormatP(p))
}

// FormatP writes a p-value with two significant figures, as "p < 0.001"
// below that, so that 0.049 does not print as 0.05.
func FormatP(p float64) string {
	if p < 0.001 {
		return "p < 0.001"
	}
	return "p = " + strconv.FormatFloat(p, 'g', 2, 64)
}
