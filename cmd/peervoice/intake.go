package main

import (
	"peervoice/domain"
	"peervoice/privacy/intake"
	"peervoice/privacy/redact"
)

// pipeline is the privacy pipeline with no programme-specific lists; the
// demo and imports without a programme's lists use it.
var pipeline = intake.New(redact.Options{})

// intakeFunc passes a contribution through redaction and the safeguarding
// screen on its way into the store.
func intakeFunc(c *domain.Contribution) error {
	pipeline.Apply(c)
	return nil
}
