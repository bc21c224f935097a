package intake

import (
	"strings"
	"testing"

	"peervoice/domain"
	"peervoice/privacy/redact"
)

func TestApplyRedactsAndFlags(t *testing.T) {
	p := New(redact.Options{})
	c := &domain.Contribution{Text: "ring my sister on 07700 900418, the visits line never picks up"}
	p.Apply(c)
	if strings.Contains(c.Text, "900418") || !strings.Contains(c.Text, "[PHONE]") {
		t.Fatalf("not redacted: %q", c.Text)
	}
	if c.Flagged {
		t.Fatal("an ordinary complaint was flagged")
	}
	d := &domain.Contribution{Text: "I've been cutting myself again since my nan died and nobody knows"}
	out := p.Apply(d)
	if !d.Flagged || !out.Screen.Flag {
		t.Fatalf("disclosure not flagged: %+v", out.Screen)
	}
}
