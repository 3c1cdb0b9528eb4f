#!/usr/bin/env bash
# Runs copydesk's fuzz targets one after another, each for a number of seconds.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     # default: 600 seconds, every target
#
# Installs cargo-fuzz if it is missing. Needs a nightly toolchain (rustup
# toolchain install nightly). New inputs go to fuzz/corpus/<target> (not
# committed); the committed seeds in fuzz/seeds/<target> are read too. Crashes
# land in fuzz/artifacts/<target>; logs in fuzz/logs/<target>.log.
# FUZZ_TARGET_DIR sets cargo's target folder (default: fuzz/target).
set -euo pipefail
cd "$(dirname "$0")"

seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(document check fix loaders lsp_transport lsp_server)
fi

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz/run.sh: a nightly toolchain is needed: rustup toolchain install nightly" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz
fi

target_dir=(--target-dir "${FUZZ_TARGET_DIR:-target}")
mkdir -p logs
# One build job and a low priority: the fuzzers share the machine.
CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} nice -n 10 cargo +nightly fuzz build "${target_dir[@]}"

status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== $t: ${seconds}s" >&2
  # -timeout: one input taking a minute is a hang worth a report.
  if ! nice -n 10 cargo +nightly fuzz run "${target_dir[@]}" "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$seconds" -timeout=60 -print_final_stats=1 >"logs/$t.log" 2>&1; then
    echo "$t: CRASH or error; see fuzz/logs/$t.log and fuzz/artifacts/$t/" >&2
    status=1
  fi
  # The last status line (executions, coverage, corpus) and the final stats.
  grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE)' "logs/$t.log" | tail -1 >&2 || true
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "logs/$t.log" >&2 || true
done
exit $status
