package suppress

import (
	"fmt"
	"strconv"
)

const (
	// DefaultThreshold is the threshold used when a programme sets none.
	DefaultThreshold = 5
	// MinThreshold is the lowest threshold a programme may set.
	MinThreshold = 3
	// Marker is how a suppressed count prints in text and CSV.
	Marker = "[c]"
	// Hidden is how a suppressed count reads in HTML and reports.
	Hidden = "not shown"
)

// Cell is one published count. When Suppressed is true, Count is always 0 so
// that the hidden value cannot leak through a template or an export.
type Cell struct {
	Count      int
	Suppressed bool
}

// String returns the count, or Marker when the cell is suppressed.
func (c Cell) String() string {
	if c.Suppressed {
		return Marker
	}
	return strconv.Itoa(c.Count)
}

// Display returns the count for a web page or report, or Hidden.
func (c Cell) Display() string {
	if c.Suppressed {
		return Hidden
	}
	return strconv.Itoa(c.Count)
}

// Legend explains the marker; show it under any table with a suppressed cell.
func Legend(threshold int) string {
	t := effective(threshold)
	return fmt.Sprintf("%s %s: fewer than %d, or hidden so that a number under %d "+
		"cannot be worked out from the totals.", Marker, Hidden, t, t)
}

// CheckThreshold reports whether threshold is allowed for a programme.
func CheckThreshold(threshold int) error {
	if threshold < MinThreshold {
		return fmt.Errorf("suppress: threshold %d is below the minimum of %d", threshold, MinThreshold)
	}
	return nil
}

// Count publishes a stand-alone count, such as the number of participants.
// It cannot fail, so a threshold below MinThreshold is raised to it (the
// safe direction) and a negative count, which is a bug upstream, is hidden.
func Count(n, threshold int) Cell {
	if n < 0 || isSmall(n, effective(threshold)) {
		return Cell{Suppressed: true}
	}
	return Cell{Count: n}
}

// isSmall is the primary suppression rule.
func isSmall(n, threshold int) bool {
	return n >= 1 && n < threshold
}

// effective raises a threshold below the minimum to the minimum.
func effective(threshold int) int {
	return max(threshold, MinThreshold)
}

// publish turns a value and its hidden flag into a Cell.
func publish(value int, hidden bool) Cell {
	if hidden {
		return Cell{Suppressed: true}
	}
	return Cell{Count: value}
}
