// Command peervoice runs peer-led engagement programmes with people in prison
// and on probation. This file holds only the wiring shared by every
// subcommand; each subcommand lives in a file of its own.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// App is what every subcommand receives: its standard streams, the global
// configuration and the environment it was started in. Tests build one with
// buffers instead of the process's streams.
type App struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Config Config
	Getenv func(string) string
}

// command is one subcommand: its one-line summary and the function that runs it.
type command struct {
	summary string
	run     func(ctx context.Context, app *App, args []string) error
}

// commands is filled by each subcommand's file in an init function, so a
// new subcommand touches no other file.
var commands = map[string]command{}

func register(name, summary string, run func(ctx context.Context, app *App, args []string) error) {
	commands[name] = command{summary: summary, run: run}
}

// errUsage marks an error whose message is a usage hint; it exits with 2.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// Main runs one invocation of peervoice and returns the process exit code.
// The end-to-end tests call it directly.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	app := &App{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: getenv}
	rest, err := app.parseGlobal(args)
	if err != nil {
		return report(stderr, err)
	}
	if len(rest) == 0 || rest[0] == "help" || rest[0] == "-h" || rest[0] == "--help" {
		printUsage(stdout)
		return 0
	}
	cmd, ok := commands[rest[0]]
	if !ok {
		fmt.Fprintf(stderr, "peervoice: unknown command %q\n\n", rest[0])
		printUsage(stderr)
		return 2
	}
	return report(stderr, cmd.run(ctx, app, rest[1:]))
}

// parseGlobal reads the global flags that come before the subcommand and
// loads the configuration with its precedence: flag, then environment, then
// config file, then default.
func (app *App) parseGlobal(args []string) ([]string, error) {
	fs := flag.NewFlagSet("peervoice", flag.ContinueOnError)
	fs.SetOutput(app.Stderr)
	var flags configFlags
	flags.bind(fs)
	if err := fs.Parse(args); err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	cfg, err := LoadConfig(flags, app.Getenv)
	if err != nil {
		return nil, err
	}
	app.Config = cfg
	return fs.Args(), nil
}

func report(stderr io.Writer, err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "peervoice: %v\n", err)
		return 2
	default:
		fmt.Fprintf(stderr, "peervoice: %v\n", err)
		return 1
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: peervoice [--db PATH|URL] [--config FILE] COMMAND [flags]")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-12s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'peervoice COMMAND -h' for a command's flags.")
}

// newFlags makes a subcommand's flag set that reports errors as usage errors
// and writes help to the app's stderr.
func (app *App) newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("peervoice "+name, flag.ContinueOnError)
	fs.SetOutput(app.Stderr)
	return fs
}

// parseFlags parses a subcommand's flags, turning parse failures into usage
// errors. Flags may come before or after positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
