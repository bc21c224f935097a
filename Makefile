# peervoice: `make run` builds and starts the demo; `make test` runs every test.
SHELL := /bin/bash
GO ?= go
BIN := bin/peervoice
DB ?= peervoice.db
ADDR ?= 127.0.0.1:8080
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
PEERVOICE_TEST_POSTGRES ?= postgres://postgres:postgres@127.0.0.1:5432/test?sslmode=disable
export PEERVOICE_TEST_POSTGRES

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

.PHONY: deps
deps: ## install front-end dependencies (locked versions, from npm)
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; fi
	@if [ -x scripts/assets.sh ]; then scripts/assets.sh; fi

.PHONY: test-tools
test-tools: ## install Chromium and poppler-utils from Debian for the browser and PDF tests (needs root)
	@scripts/test-tools.sh || { if [ -n "$$CI" ]; then exit 1; else echo "WARNING: test tools missing: browser and PDF tests will be SKIPPED"; fi; }

.PHONY: build
build: deps ## build bin/peervoice
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/peervoice

.PHONY: run
run: build ## build, load the demo into ./peervoice.db and serve it
	$(BIN) --db $(DB) serve --demo --addr $(ADDR)

.PHONY: test
test: deps test-tools lint ## run the whole test suite (SQLite, PostgreSQL and headless Chromium)
	$(GO) test -count=1 -timeout 12m ./...

.PHONY: lint
lint: ## gofmt and go vet
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

.PHONY: bench
bench: ## run the Go benchmarks (figures, not pass/fail)
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

.PHONY: clean
clean: ## remove build output and the demo database
	rm -rf bin $(DB) $(DB)-wal $(DB)-shm
