package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
)

// Config is the one typed configuration of the binary. Each field is set,
// in order of precedence, by a flag, an environment variable PEERVOICE_*,
// the config file, or its default.
type Config struct {
	// DB is a SQLite file path or a postgres:// URL.
	DB string `toml:"db"`
	// Addr is where serve listens.
	Addr string `toml:"addr"`
	// DemoPassword is the password given to the demo logins.
	DemoPassword string `toml:"demo_password"`
	// KeyFile holds the key that encrypts raw text and safeguarding content.
	KeyFile string `toml:"key_file"`
	// KeepRawAfterApproval keeps raw text after a reviewer approves its
	// redaction, until retention ends; by default approval purges it.
	KeepRawAfterApproval bool `toml:"keep_raw_after_approval"`
	// DeletionsJournal is a file outside the database recording every
	// deletion, re-applied at start-up; default beside a SQLite file.
	DeletionsJournal string `toml:"deletions_journal"`
	// ConfigFile is where the rest was read from, if anywhere.
	ConfigFile string `toml:"-"`
}

const (
	defaultDB   = "peervoice.db"
	defaultAddr = "127.0.0.1:8080"
	defaultConf = "peervoice.toml"
)

// configFlags holds the global flags before they are merged.
type configFlags struct {
	db, config string
}

func (f *configFlags) bind(fs *flag.FlagSet) {
	fs.StringVar(&f.db, "db", "", "SQLite file or postgres:// URL (env PEERVOICE_DB, then DATABASE_URL; default ./peervoice.db)")
	fs.StringVar(&f.config, "config", "", "config file in TOML (env PEERVOICE_CONFIG; default ./peervoice.toml if present)")
}

// LoadConfig merges flags, environment and config file into a Config.
func LoadConfig(flags configFlags, getenv func(string) string) (Config, error) {
	var cfg Config
	path := first(flags.config, getenv("PEERVOICE_CONFIG"))
	explicit := path != ""
	if path == "" {
		path = defaultConf
	}
	if _, err := toml.DecodeFile(path, &cfg); err != nil {
		if explicit || !errors.Is(err, fs.ErrNotExist) {
			return Config{}, fmt.Errorf("config file %s: %w", path, err)
		}
	} else {
		cfg.ConfigFile = path
	}
	cfg.DB = first(flags.db, getenv("PEERVOICE_DB"), getenv("DATABASE_URL"), cfg.DB, defaultDB)
	cfg.Addr = first(getenv("PEERVOICE_ADDR"), cfg.Addr, defaultAddr)
	cfg.DemoPassword = first(getenv("PEERVOICE_DEMO_PASSWORD"), cfg.DemoPassword)
	cfg.KeyFile = first(getenv("PEERVOICE_KEY_FILE"), cfg.KeyFile)
	cfg.DeletionsJournal = first(getenv("PEERVOICE_DELETIONS_JOURNAL"), cfg.DeletionsJournal)
	if v := getenv("PEERVOICE_KEEP_RAW_AFTER_APPROVAL"); v != "" {
		cfg.KeepRawAfterApproval = v == "true" || v == "1"
	}
	return cfg, nil
}

// readSecretFile reads a secret from a *_FILE path, trimming the newline
// that editors add.
func readSecretFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}

func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
