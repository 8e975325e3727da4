# edged — see README.md. `make help` lists the targets.
SHELL       := /bin/bash
GO          ?= go
PKGS        := ./...
BIN         := bin
FUZZTIME    ?= 5s
BENCHCOUNT  ?= 5
BENCHTIME   ?= 1s
CRASHROUNDS ?= 1000
ifeq ($(origin VERSION),undefined)
VERSION     := $(shell scripts/version.sh)
endif
LDFLAGS     := -s -w -X main.buildVersion=$(VERSION)
DEB_ARCHES  := amd64 arm64 arm6

.PHONY: help demo build test deps lint bench bench-fleet fuzz soak cross deb deb-check tidy-check clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

demo: ## run the main job on embedded defaults (no hardware, nothing to install)
	$(GO) run ./cmd/edged demo

build: ## build edged and relay for this machine into bin/, stamped with the git version
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/edged ./cmd/edged
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/relay ./cmd/relay

deps: ## install what the tests need when it is missing (Debian)
	@scripts/test-deps.sh

test: deps lint build ## install test needs, lint, check the systemd unit, run every test with -race
	scripts/check-unit.sh 25 $(BIN)/edged $(BIN)/relay
	CGO_ENABLED=0 GOOS=linux GOARCH=arm GOARM=6 $(GO) build -o /dev/null ./cmd/edged ./cmd/relay # armhf (a Raspberry Pi) builds
	@if [ "$${CI:-}" = true ]; then $(MAKE) deb-check; fi
	$(GO) test -race -count=1 -timeout 12m $(PKGS)
	EDGED_CHAOS=1 $(GO) test -race -count=1 -timeout 6m -run '^TestFleetChaos$$' -v ./relay/fleettest/

lint: tidy-check ## gofmt, go vet and staticcheck (pinned in go.mod)
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) tool staticcheck $(PKGS)

tidy-check: ## go.mod and go.sum are tidy
	@$(GO) mod tidy -diff || { echo "run: go mod tidy"; exit 1; }

bench: ## run the benchmarks and record medians and ratios in docs/benchmarks.md
	set -o pipefail; $(GO) test -run '^$$' -bench . -skip '^BenchmarkLoad$$' -benchtime $(BENCHTIME) -count $(BENCHCOUNT) -timeout 60m $(PKGS) | tee bench.out
	set -o pipefail; $(GO) test -run '^$$' -bench '^BenchmarkLoad$$' -benchtime 1x -count 1 ./device/llrp/ | tee -a bench.out
	$(GO) run ./tools/benchdoc -in bench.out -doc docs/benchmarks.md \
	  -ratio 'LedgerAppendParallel,LedgerAppendNaive:events/s' \
	  -ratio 'LedgerAppendNaive,LedgerAppendParallel:written-B/event' \
	  -ratio 'GS1Parse/naive,GS1Parse/decoder:ns/op' \
	  -ratio 'HIDDecode/naive,HIDDecode/decoder:ns/op' \
	  -ratio 'InventoryObserve/tags=100000,InventoryObserve/tags=1000:ns/op' \
	  -ratio 'Load/client/n=1,Load/baseline/n=1:cpu-%' \
	  -ratio 'UplinkDrain,UplinkDrainNaive:events/s' \
	  -ratio 'ScanToDurable,ScanToFeedbackNoLedger:p99-ms' \
	  -ratio 'FlashSale/baseline15m,FlashSale/relay:p99-prop-ms' \
	  -ratio 'Discover5000/channels,Discover5000/match:s/run' \
	  -ratio 'FlashSale/postgres3,FlashSale/relay:p99-prop-ms' \
	  -ratio 'RelayDeltas/postgres/instances=1,RelayDeltas/bbolt/instances=1:events/s' \
	  -ratio 'RelayDeltas/postgres/instances=3,RelayDeltas/bbolt/instances=1:events/s' \
	  -ratio 'RelayWebhooks/postgres/instances=3,RelayWebhooks/bbolt/instances=1:orders/s' \
	  -ratio 'Report/dashboard,ReportLogScan:ns/op' \
	  -ratio 'ConsoleStock/first-page,ConsoleStock/baseline-login:p99-ms' \
	  -ratio 'AuditSKU/postgres,AuditSKU/bbolt:p99-ms' \
	  -ratio 'ConsoleEndToEnd/bbolt/stock-page-after-commit,ConsoleEndToEnd/bbolt/stock-page:p99-ms' \
	  -ratio 'ConsoleEndToEnd/postgres/stock-page,ConsoleEndToEnd/bbolt/stock-page:p99-ms'

bench-fleet: ## run the relay fleet benchmarks alone and record them in docs/benchmarks-fleet.md
	set -o pipefail; $(GO) test -run '^$$' -bench 'RelayDeltas|RelayWebhooks|Failover' -benchtime $(BENCHTIME) -count 3 -timeout 30m ./relay/fleetbench/ ./relay/fleettest/ | tee bench-fleet.out
	set -o pipefail; $(GO) test -run '^$$' -bench 'FlashSale/(relay|postgres3)$$' -benchtime $(BENCHTIME) -count 3 -timeout 30m ./relay/flashsale/ | tee -a bench-fleet.out
	$(GO) run ./tools/benchdoc -in bench-fleet.out -doc docs/benchmarks-fleet.md \
	  -ratio 'RelayDeltas/postgres/instances=1,RelayDeltas/bbolt/instances=1:events/s' \
	  -ratio 'RelayDeltas/postgres/instances=3,RelayDeltas/bbolt/instances=1:events/s' \
	  -ratio 'RelayWebhooks/postgres/instances=3,RelayWebhooks/bbolt/instances=1:orders/s' \
	  -ratio 'FlashSale/postgres3,FlashSale/relay:p99-prop-ms'

fuzz: ## run every fuzz target for FUZZTIME (a smoke run)
	@scripts/fuzz-all.sh $(FUZZTIME)

soak: ## long runs: 1,000+ ledger crash rounds
	EDGED_CRASH_ROUNDS=$(CRASHROUNDS) $(GO) test -count=1 -timeout 60m -run 'TestCrashKeepsEveryAcknowledgedEvent' -v ./ledger/
	EDGED_CHAOS_SECONDS=600 $(GO) test -count=1 -timeout 30m -run '^TestFleetChaos$$' -v ./relay/fleettest/

cross: ## cross-build edged and relay for linux/arm64 and linux/arm (GOARM 6 and 7)
	@for p in edged relay; do \
	  CGO_ENABLED=0 GOOS=linux GOARCH=arm64 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/$$p-linux-arm64 ./cmd/$$p && \
	  CGO_ENABLED=0 GOOS=linux GOARCH=arm GOARM=7 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/$$p-linux-armv7 ./cmd/$$p && \
	  CGO_ENABLED=0 GOOS=linux GOARCH=arm GOARM=6 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN)/$$p-linux-armv6 ./cmd/$$p || exit 1; \
	done

deb: ## build the edged and edged-relay .deb packages for amd64, arm64 and armhf (GOARM=6) into dist/
	VERSION=$(VERSION) GO=$(GO) LDFLAGS='$(LDFLAGS)' packaging/build-deb.sh $(DEB_ARCHES)

deb-check: ## build the amd64 packages, lint them, install, upgrade and purge them here (root, CI only)
	$(MAKE) deb DEB_ARCHES=amd64
	scripts/test-deb.sh dist/edged_*_amd64.deb dist/edged-relay_*_amd64.deb

clean: ## remove build outputs
	rm -rf $(BIN) dist bench.out
