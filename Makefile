# The two commands: `make run` serves the app, `make test` installs
# what is missing and runs every test. See README.md.

GO      ?= go
PORT    ?= 8080
DIST    ?= dist
WASMEXEC = $(shell $(GO) env GOROOT)/lib/wasm
# The app: its pages in app/web, the Go packages they import as gowasm:NAME.
APP      = ./app/imaging ./app/hashing ./app/tabular ./app/bench
# Its page in pure Go (go-app), served under /goapp/.
GOAPP    = ./app/goapp

.PHONY: run build preview test deps deps-app deps-nginx check test-go test-js test-wasm bench fuzz clean

run: deps-app
	$(GO) run ./tools/cmd/gowasm serve -addr 127.0.0.1:$(PORT) -web app/web -goapp $(GOAPP) $(APP)

# The production site in dist/, with its size table. The Dockerfile runs
# this very target.
build: deps-app
	$(GO) run ./tools/cmd/gowasm build -o $(DIST) -web app/web -goapp $(GOAPP) $(APP)

# dist/ served by real nginx with nginx/nginx.conf on 127.0.0.1:8080.
preview: build deps-nginx
	$(GO) run ./tools/cmd/gowasm preview -addr 127.0.0.1:$(PORT) -dist $(DIST) -conf nginx

test: deps check test-go test-js test-wasm bench

# What each target needs, installed when missing (see scripts/deps.sh):
# everything for the tests; the npm packages and Go modules for the app;
# nginx to preview it.
deps:
	./scripts/deps.sh
deps-app:
	./scripts/deps.sh npm go
deps-nginx:
	./scripts/deps.sh nginx

# gofmt and go vet, for the host and for js/wasm.
check:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasmbridge/... ./app/bench/ ./e2e/bench/
	GOOS=wasip1 GOARCH=wasm $(GO) vet ./wasmbridge/

# Native tests, generator reference tests, tsc, and the end-to-end suites
# in Node and headless Chromium; the Go host's concurrent calls again
# under the race detector. e2e/app alone takes 5-6 minutes on a busy
# 2-core machine, so a package may take 20 (go test's default is 10).
test-go:
	$(GO) test -count=1 -timeout 20m ./...
	$(GO) test -count=1 -race -run 'TestConcurrent$$' ./e2e/host/

# Node's test runner over the pure-JS parts of @gowasm/bridge, and
# publint over both packages as npm would publish them.
test-js:
	node --test web/bridge/test/
	node_modules/.bin/publint --strict web/bridge
	node_modules/.bin/publint --strict web/vite

# The js/wasm tests of wasmbridge, and the demo kernels' tests (which
# must pass natively and in wasm alike): under Node with Go's own
# wasm_exec, and wasmbridge's in headless Chromium through gowasm test.
test-wasm:
	PATH="$(WASMEXEC):$$PATH" GOOS=js GOARCH=wasm $(GO) test -count=1 ./wasmbridge/... ./app/compute/... ./app/imaging/... ./app/hashing/... ./app/tabular/...
	$(GO) run ./tools/cmd/gowasm test ./wasmbridge/...

# Prints ns/call and MiB/s side by side in Node and Chromium; asserts nothing.
bench:
	$(GO) test -count=1 ./e2e/bench -run '^$$' -bench . -benchtime 1x

# The boundary fuzzer for longer than make test's minute (which runs it
# with SEED 1): make fuzz SEED=7 SECONDS=600. It prints the outcomes by
# class, and shrinks and prints each failure.
SEED    ?= 1
SECONDS ?= 60
fuzz: deps
	$(GO) test -count=1 -timeout 0 -v ./e2e/fuzz -run 'TestFuzz$$' -args -seed $(SEED) -seconds $(SECONDS)

clean:
	rm -rf build dist tools/internal/build/testdata/work
