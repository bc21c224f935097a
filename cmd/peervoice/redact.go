package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"peervoice/privacy/redact"
)

func init() {
	register("redact", "redact identifiers and names from text on stdin, line by line", runRedact)
}

// runRedact either redacts stdin to stdout or, with --eval, scores the
// redactor against labelled files.
func runRedact(ctx context.Context, app *App, args []string) error {
	fs := app.newFlags("redact")
	evalPath := fs.String("eval", "", "score against a labelled `FILE` (markup: privacy/redact/testdata/README.md)")
	verbose := fs.Bool("v", false, "with --eval, list every miss and every damaged must-keep phrase")
	allow := fs.String("allow", "", "comma-separated words or phrases never to redact")
	deny := fs.String("deny", "", "comma-separated words or phrases always to redact (CATEGORY:phrase for a category other than NAME)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: redact takes no arguments, got %q", errUsage, pos)
	}
	r := redact.New(redact.Options{Allow: splitList(*allow), Deny: splitList(*deny)})
	if *evalPath != "" {
		return evalRedact(r, *evalPath, app.Stdout, *verbose)
	}
	return redactLines(ctx, r, app.Stdin, app.Stdout)
}

// redactLines copies in to out a line at a time, so the output has exactly
// the input's lines (a missing final newline stays missing).
func redactLines(ctx context.Context, r *redact.Redactor, in io.Reader, out io.Writer) error {
	br := bufio.NewReaderSize(in, 64*1024)
	bw := bufio.NewWriterSize(out, 64*1024)
	for {
		line, err := br.ReadString('\n')
		if len(line) > 0 {
			body, nl := strings.CutSuffix(line, "\n")
			bw.WriteString(r.Redact(body).Text)
			if nl {
				bw.WriteByte('\n')
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("redact: read stdin: %w", err)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("redact: write stdout: %w", err)
	}
	return nil
}

func evalRedact(r *redact.Redactor, path string, out io.Writer, verbose bool) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("redact: open eval file: %w", err)
	}
	defer f.Close()
	rep, err := redact.Evaluate(r, f)
	if err != nil {
		return fmt.Errorf("redact: evaluate %s: %w", path, err)
	}
	return rep.Write(out, verbose)
}

// splitList reads a comma-separated flag value.
func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
