// Package suppress applies small-number suppression to every aggregate that
// peervoice publishes: pages, reports, exports and the API all call it, so
// one rule holds everywhere.
//
// # Rule
//
// A count n is primary-suppressed when 1 <= n < threshold. The programme sets
// the threshold; DefaultThreshold is 5 and MinThreshold is 3. Zero is shown:
// it says that nobody is in a group, which identifies no one, and hiding
// zeros would hide most of a sparse table. Secondary suppression never hides
// a zero either, so a reader may take every hidden count to be at least 1;
// the guarantee below allows for a reader who does. Zeros can still say
// something about a group ("nobody at this site raised X"); callers who
// find that sensitive should not publish the breakdown at all.
//
// A suppressed cell prints as Marker ("[c]", the Office for National
// Statistics marker for confidential) in text and CSV, and Display gives
// "not shown" for HTML and reports. Primary and secondary suppressions look
// the same on purpose: a different marker would tell a reader which hidden
// cells are small. Put Legend(threshold) under any table that has a
// suppressed cell. A suppressed Cell never carries its count (Count is 0),
// so a template cannot print it by mistake.
//
// # Guarantee
//
// Suppress and List hide further cells and totals (secondary suppression)
// until the following holds. Take a reader who knows every published cell
// and total, knows that all counts are whole numbers and that every hidden
// count is at least 1 (zeros are always shown). For every hidden cell and
// every hidden total, the published figures are consistent with at least two
// different values of it: its feasible interval [lo, hi] has lo < hi. Row
// totals, column totals, the grand total and any differences between them are
// covered, because the reader's knowledge above includes every linear
// equation that links them.
//
// The check is exact. A table with its margins is a flow circulation (rows,
// columns and the grand total are nodes; cells and totals are edges), and a
// hidden edge can change by one exactly when it lies on a cycle of the
// residual graph of hidden edges (a hidden edge can go down only if it is at
// least 2). The property tests check the guarantee independently with a
// linear programme and with brute force.
//
// Complements are chosen as the cheapest cycle (smallest counts, body cells
// before totals) through each pinned figure, and afterwards any complement
// that is no longer needed is published again, so every secondary
// suppression is necessary on its own (also property-tested).
//
// Not covered: a reader who also knows how complements are chosen; figures
// published in other tables from the same data (differencing between "all
// sites" and "all sites but one", say); and the width of the interval, so a
// hidden 1 may be shown to lie in [1, 2]. Publish each breakdown from one
// call over the same records, and never publish a count of a subset beside
// a count of the whole outside one table.
package suppress
