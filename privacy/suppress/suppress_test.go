package suppress_test

import (
	"strings"
	"testing"

	"peervoice/privacy/suppress"
)

func TestCount(t *testing.T) {
	cases := []struct {
		n, threshold int
		want         string
	}{
		{0, 5, "0"}, {1, 5, "[c]"}, {4, 5, "[c]"}, {5, 5, "5"}, {112, 5, "112"},
		{2, 3, "[c]"}, {3, 3, "3"},
		{2, 1, "[c]"}, // below the minimum: raised to 3
		{-1, 5, "[c]"},
	}
	for _, c := range cases {
		got := suppress.Count(c.n, c.threshold)
		if got.String() != c.want {
			t.Errorf("Count(%d, %d) = %s, want %s", c.n, c.threshold, got, c.want)
		}
		if got.Suppressed && got.Count != 0 {
			t.Errorf("Count(%d, %d) hides but carries %d", c.n, c.threshold, got.Count)
		}
	}
}

func TestDisplayAndLegend(t *testing.T) {
	if got := suppress.Count(3, 5).Display(); got != "not shown" {
		t.Errorf("Display of hidden = %q", got)
	}
	if got := suppress.Count(30, 5).Display(); got != "30" {
		t.Errorf("Display of 30 = %q", got)
	}
	if got := suppress.Legend(5); !strings.Contains(got, "fewer than 5") || !strings.HasPrefix(got, "[c]") {
		t.Errorf("Legend(5) = %q", got)
	}
}

func TestSuppressRejectsBadInput(t *testing.T) {
	cases := map[string]struct {
		counts     [][]int
		rows, cols []string
		threshold  int
	}{
		"threshold":  {[][]int{{5}}, []string{"a"}, []string{"x"}, 2},
		"empty":      {nil, nil, nil, 5},
		"row labels": {[][]int{{5}, {6}}, []string{"a"}, []string{"x"}, 5},
		"ragged":     {[][]int{{5, 6}, {7}}, []string{"a", "b"}, []string{"x", "y"}, 5},
		"negative":   {[][]int{{5, -1}}, []string{"a"}, []string{"x", "y"}, 5},
	}
	for name, c := range cases {
		if _, err := suppress.Suppress(c.counts, c.rows, c.cols, c.threshold); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// render prints a table as rows of strings, totals last, for readable tests.
func render(tab suppress.Table) []string {
	var out []string
	for i, row := range tab.Cells {
		var b strings.Builder
		for _, c := range row {
			b.WriteString(c.String() + " ")
		}
		out = append(out, b.String()+"| "+tab.RowTotals[i].String())
	}
	var b strings.Builder
	for _, c := range tab.ColTotals {
		b.WriteString(c.String() + " ")
	}
	return append(out, b.String()+"| "+tab.Total.String())
}

func TestSuppressPatterns(t *testing.T) {
	cases := map[string]struct {
		counts [][]int
		want   []string
	}{
		"nothing small": {
			[][]int{{5, 0}, {7, 9}},
			[]string{"5 0 | 5", "7 9 | 16", "12 9 | 21"},
		},
		"one small cell hides a rectangle": {
			[][]int{{1, 10, 20}, {6, 6, 30}},
			[]string{"[c] [c] 20 | 31", "[c] [c] 30 | 42", "7 16 50 | 73"},
		},
		"small row total": {
			[][]int{{2, 0}, {8, 9}},
			// Column 1 is 0 + 9, so the row-1 complement has to be its total.
			[]string{"[c] 0 | [c]", "[c] 9 | [c]", "10 9 | 19"},
		},
		"zeros are not complements": {
			[][]int{{3, 0, 12}, {0, 0, 9}, {7, 0, 8}},
			[]string{"[c] 0 [c] | 15", "0 0 9 | 9", "[c] 0 [c] | 15", "10 0 29 | 39"},
		},
	}
	for name, c := range cases {
		tab, err := suppress.Suppress(c.counts, labels("r", len(c.counts)), labels("c", len(c.counts[0])), 5)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := render(tab)
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", name, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
		if tab.HasSuppressed() != (name != "nothing small") {
			t.Errorf("%s: HasSuppressed = %v", name, tab.HasSuppressed())
		}
	}
}

func TestSuppressCloseBridge(t *testing.T) {
	// Two rectangles of small cells joined by a small cell: the joining cell
	// must not be left derivable (see the bridge case in the attacker test).
	counts := [][]int{{2, 9, 3, 0}, {8, 7, 0, 0}, {0, 0, 6, 9}, {0, 0, 8, 6}}
	tab, err := suppress.Suppress(counts, labels("r", 4), labels("c", 4), 10)
	if err != nil {
		t.Fatal(err)
	}
	figs, eqs := tableFigures(counts, tab)
	ivs, err := attack(figs, eqs)
	if err != nil {
		t.Fatal(err)
	}
	for _, iv := range ivs {
		if iv.lo >= iv.hi {
			t.Errorf("figure %d pinned at %v\n%s", iv.fig, iv.lo, strings.Join(render(tab), "\n"))
		}
	}
}

func TestList(t *testing.T) {
	cases := []struct {
		counts map[string]int
		want   string
	}{
		{map[string]int{"b": 20, "a": 30, "c": 0}, "a=30 b=20 c=0 total=50"},
		{map[string]int{"a": 3, "b": 20, "c": 30}, "a=[c] b=[c] c=30 total=53"},
		{map[string]int{"a": 1, "b": 1, "c": 10}, "a=[c] b=[c] c=[c] total=12"},
		{map[string]int{"a": 3}, "a=[c] total=[c]"},
		{map[string]int{"a": 3, "b": 0}, "a=[c] b=0 total=[c]"},
		{map[string]int{}, "total=0"},
	}
	for _, c := range cases {
		b, err := suppress.List(c.counts, 5)
		if err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, it := range b.Items {
			parts = append(parts, it.Label+"="+it.Cell.String())
		}
		got := strings.Join(append(parts, "total="+b.Total.String()), " ")
		if got != c.want {
			t.Errorf("List(%v) = %s, want %s", c.counts, got, c.want)
		}
	}
	if _, err := suppress.List(map[string]int{"a": -2}, 5); err == nil {
		t.Error("negative count: no error")
	}
	if _, err := suppress.List(map[string]int{"a": 2}, 0); err == nil {
		t.Error("threshold 0: no error")
	}
}
