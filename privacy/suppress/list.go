package suppress

import (
	"fmt"
	"slices"
)

// Item is one labelled count in a List.
type Item struct {
	Label string
	Cell  Cell
}

// Breakdown is a suppressed one-way breakdown with its total, such as
// participants per site.
type Breakdown struct {
	Items []Item // sorted by label
	Total Cell
}

// HasSuppressed reports whether any item or the total is hidden.
func (b Breakdown) HasSuppressed() bool {
	hidden := b.Total.Suppressed
	for _, it := range b.Items {
		hidden = hidden || it.Cell.Suppressed
	}
	return hidden
}

// List suppresses a one-way breakdown and its total so that the total minus
// the other items cannot reveal a hidden item. Items come back sorted by
// label, never by count: an order by size would place each hidden item
// between two published neighbours and so bound it.
func List(counts map[string]int, threshold int) (Breakdown, error) {
	if err := CheckThreshold(threshold); err != nil {
		return Breakdown{}, err
	}
	labels := make([]string, 0, len(counts))
	for label, n := range counts {
		if n < 0 {
			return Breakdown{}, fmt.Errorf("suppress: negative count %d for %q", n, label)
		}
		labels = append(labels, label)
	}
	slices.Sort(labels)
	g := listNetwork(counts, labels)
	g.hidePrimary(threshold)
	if err := g.protect(); err != nil {
		return Breakdown{}, fmt.Errorf("suppress: list of %d: %w", len(labels), err)
	}
	b := Breakdown{Items: make([]Item, len(labels)), Total: g.cell(len(labels))}
	for i, label := range labels {
		b.Items[i] = Item{Label: label, Cell: g.cell(i)}
	}
	return b, nil
}

// listNetwork has two nodes: each item runs from node 0 to node 1 and the
// total runs back, so conservation says the items add up to the total.
func listNetwork(counts map[string]int, labels []string) *network {
	g := newNetwork(2)
	total := 0
	for _, label := range labels {
		g.add(0, 1, counts[label], false)
		total += counts[label]
	}
	g.add(1, 0, total, true)
	return g
}
