package intake

import (
	"context"
	"sync"

	"peervoice/domain"
	"peervoice/privacy/screen"
)

// Recorder is a pipeline that remembers each contribution's raw text and
// screen result by ID, so that once a batch is stored the raw text can be
// sealed for redaction review and a concern opened for each possible
// disclosure. Imports call Apply from several goroutines.
type Recorder struct {
	pipe  *Pipeline
	mu    sync.Mutex
	items map[string]recorded
}

type recorded struct {
	raw string
	out Outcome
}

// NewRecorder wraps p.
func NewRecorder(p *Pipeline) *Recorder {
	return &Recorder{pipe: p, items: map[string]recorded{}}
}

// Apply runs the pipeline on c, giving it an ID first if it has none.
func (r *Recorder) Apply(c *domain.Contribution) Outcome {
	if c.ID == "" {
		c.ID = domain.NewID()
	}
	raw := c.Text
	out := r.pipe.Apply(c)
	r.mu.Lock()
	r.items[c.ID] = recorded{raw: raw, out: out}
	r.mu.Unlock()
	return out
}

// Len is the number of contributions seen.
func (r *Recorder) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.items)
}

// AfterIntaker finishes a stored contribution's intake: the safeguarding
// service seals its raw text and opens a concern when it was flagged.
type AfterIntaker interface {
	AfterIntake(ctx context.Context, c domain.Contribution, raw string, res screen.Result) error
}

// Finish hands every stored contribution the recorder saw to after, and
// counts how many were flagged. Contributions an idempotent import skipped
// kept their earlier IDs, so they are not among those seen and are left
// alone.
func (r *Recorder) Finish(ctx context.Context, after AfterIntaker, stored []domain.Contribution) (flagged int, err error) {
	for _, c := range stored {
		r.mu.Lock()
		it, ok := r.items[c.ID]
		r.mu.Unlock()
		if !ok {
			continue
		}
		if c.Flagged {
			flagged++
		}
		if after != nil {
			if err := after.AfterIntake(ctx, c, it.raw, it.out.Screen); err != nil {
				return flagged, err
			}
		}
	}
	return flagged, nil
}
