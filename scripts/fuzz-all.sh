#!/usr/bin/env bash
# Runs every native fuzz target in the module for a short time each.
set -euo pipefail
fuzztime=${1:-5s}
for dir in $(go list -f '{{.Dir}}' ./...); do
  targets=$(grep -hoE '^func (Fuzz[A-Za-z0-9_]+)\(' "$dir"/*_test.go 2>/dev/null | sed -E 's/^func (Fuzz[A-Za-z0-9_]+)\(/\1/' || true)
  for t in $targets; do
    echo "== $dir $t"
    go test -run '^$' -fuzz "^${t}\$" -fuzztime "$fuzztime" "$dir"
  done
done
