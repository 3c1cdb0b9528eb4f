#!/usr/bin/env bash
# End-to-end throughput of the copydesk binary on the real news corpus in ../shared/data.
#
#   scripts/bench.sh [RUNS]
#
# Writes the 2,500 Reuters and BBC stories to a temporary folder (one file each, and
# all of them in one file), then times, RUNS times each (median reported):
#   baseline   `wc -w` over the same files (reads and tokenizes, no rules)
#   directory  `copydesk check DIR --format json`   (walk + parallel check + render)
#   one file   `copydesk check ALL.txt --format json`
#   reference  `copydesk check ../shared/seeds/tass-gaza.txt` (startup dominated)
# and prints MB/s and the ratio to the baseline measured in the same run.
# In-process numbers per rule set: `cargo bench --bench lint`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shared=../shared
[ -f "$shared/data/news-reuters21578-dev/articles.jsonl" ] || { echo "SHARED DATA MISSING: $shared/data" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/copydesk
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$shared/data" "$tmp" <<'PY'
import json, os, sys
data, out = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(out, "dir"))
texts = []
for name in ("news-reuters21578-dev", "news-bbc-dev"):
    for i, line in enumerate(open(os.path.join(data, name, "articles.jsonl"), encoding="utf-8")):
        a = json.loads(line)
        t = (a.get("title") or "").strip() + "\n\n" + (a.get("body") or "").strip() + "\n"
        texts.append(t)
        open(os.path.join(out, "dir", f"{name}-{i:04d}.txt"), "w", encoding="utf-8").write(t)
open(os.path.join(out, "all.txt"), "w", encoding="utf-8").write("\n\n".join(texts))
PY
python3 - "$bin" "$tmp" "$runs" "$shared/seeds/tass-gaza.txt" <<'PY'
import glob, os, statistics, subprocess, sys, time
binary, tmp, runs, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
files = sorted(glob.glob(os.path.join(tmp, "dir", "*.txt")))
mb = sum(os.path.getsize(f) for f in files) / 1e6

def median(cmd):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
        assert r.returncode in (0, 1), (cmd, r.returncode)
    return statistics.median(times)

base = median(["wc", "-w"] + files)
d = median([binary, "check", os.path.join(tmp, "dir"), "--format", "json"])
one = median([binary, "check", os.path.join(tmp, "all.txt"), "--format", "json"])
ref = median([binary, "check", seed])
print(f"corpus: {len(files)} articles, {mb:.2f} MB; {os.cpu_count()} cores; median of {runs} runs")
print(f"baseline wc -w      {base*1000:8.1f} ms  {mb/base:7.1f} MB/s")
print(f"copydesk directory  {d*1000:8.1f} ms  {mb/d:7.1f} MB/s  ({d/base:.1f}x baseline time)")
print(f"copydesk one file   {one*1000:8.1f} ms  {mb/one:7.1f} MB/s  ({one/base:.1f}x baseline time)")
print(f"reference story     {ref*1000:8.1f} ms  (one 2.8 KB article, mostly loading the packs)")
PY
