package opinion_test

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"peervoice/analysis/opinion"
)

// Bench10kSpec is the speed target's conversation: 10k participants,
// 5k statements, about 1M votes, 4 planted groups.
var bench10kSpec = opinion.SyntheticSpec{
	Participants: 10_000, Statements: 5_000, Votes: 1_000_000, Groups: 4,
	Agreement: 0.8, PassRate: 0.15, Seed: 42,
}

// BenchmarkAnalyse10k times Analyse on the 10k x 5k, 1M-vote conversation
// and reports the peak heap in use while it runs (sampled every 2ms).
func BenchmarkAnalyse10k(b *testing.B) {
	in, _ := opinion.Synthetic(bench10kSpec)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	peak, stop := samplePeakHeap()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := opinion.Analyse(in, opinion.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	stop()
	b.ReportMetric(float64(peak.Load()-before.HeapAlloc)/(1<<20), "peak-heap-MB")
}

// samplePeakHeap polls runtime.ReadMemStats until stopped, keeping the
// largest HeapAlloc seen.
func samplePeakHeap() (*atomic.Uint64, func()) {
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	return &peak, func() { close(done); <-finished }
}
