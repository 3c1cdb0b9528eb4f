#!/usr/bin/env bash
# The least a built copydesk must do, wherever it was built (a release archive, a wheel,
# cargo): say the version of Cargo.toml, and find the README's two errors in examples/
# ("Isreali", "Muslim Foreign Minister") and exit 1. Used by scripts/test-wheel.sh and by
# the release workflow on every platform it can run the binary on.
#
#   scripts/smoke-test.sh BINARY
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 BINARY" >&2; exit 2; }
bin=$1
# A relative path names a file from here; a bare name is looked up on PATH.
case "$bin" in /*) ;; */*) bin=$PWD/$bin ;; esac
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' Cargo.toml | head -n 1)
fail() { echo "smoke-test: FAIL: $*" >&2; exit 1; }

said=$("$bin" --version | tr -d '\r')
[ "$said" = "copydesk $version" ] || fail "$bin --version said '$said', expected 'copydesk $version'"
echo "ok: $said"

status=0
out=$("$bin" check examples/ --format line) || status=$?
printf '%s\n' "$out"
[ "$status" = 1 ] || fail "copydesk check examples/ exited $status, expected 1"
[ "$(printf '%s\n' "$out" | grep -c .)" = 2 ] || fail "expected exactly 2 findings in examples/"
printf '%s\n' "$out" | grep -qF "error[facts/entity-spelling]: 'Isreali' is not a known word; did you mean 'Israeli'?" \
  || fail "no 'Isreali' error"
printf '%s\n' "$out" | grep -qF "error[facts/title]: 'Muslim Foreign Minister' is not a title" \
  || fail "no 'Muslim Foreign Minister' error"
echo "ok: examples/: Isreali and Muslim Foreign Minister, exit 1"
