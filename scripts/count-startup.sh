#!/usr/bin/env bash
# Start-up work that does not swing with the machine's load (issue 10): the instructions
# and page faults of one run on the reference story, for copydesk builds and for typos.
#
#   scripts/count-startup.sh [--story FILE] [--typos PATH] COPYDESK...
#
#   COPYDESK...    copydesk binaries to count (e.g. target/release/copydesk and an older build)
#   --story FILE   the story (default ../shared/seeds/tass-gaza.txt)
#   --typos PATH   also count typos (e.g. the one scripts/bench-peers.sh --install DIR put in
#                  DIR/venv/bin/typos)
#
# Instructions are counted by `valgrind --tool=callgrind` (every thread, the dynamic loader
# included): the same build on the same story gives the same count within a few thousand.
# Page faults are the minor faults of a run without valgrind (`/usr/bin/time`), the median
# of five. On a VM a fault costs microseconds, so both explain time that timings on a
# shared machine cannot (see docs/performance.md). Needs valgrind and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."

story=../shared/seeds/tass-gaza.txt typos=""
bins=()
while [ $# -gt 0 ]; do
    case $1 in
        --story) story=${2:?--story needs FILE}; shift 2 ;;
        --typos) typos=${2:?--typos needs PATH}; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        -*) echo "count-startup.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) bins+=("$1"); shift ;;
    esac
done
[ ${#bins[@]} -gt 0 ] || { echo "count-startup.sh: name at least one copydesk binary (see --help)" >&2; exit 2; }
[ -f "$story" ] || { echo "count-startup.sh: no story at $story; pass --story FILE" >&2; exit 2; }
for tool in valgrind /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "count-startup.sh: $tool is not installed" >&2; exit 2; }
done

# One line per tool: label, command.
runs=()
for b in "${bins[@]}"; do
    [ -x "$b" ] || { echo "count-startup.sh: $b is not an executable" >&2; exit 2; }
    runs+=("copydesk $b|$b check $story")
done
if [ -n "$typos" ]; then
    [ -x "$typos" ] || { echo "count-startup.sh: $typos is not an executable" >&2; exit 2; }
    runs+=("typos $typos|$typos $story")
fi

printf '| run | instructions | page faults |\n| --- | ---: | ---: |\n'
for r in "${runs[@]}"; do
    label=${r%%|*} cmd=${r#*|}
    # The tools exit 1 when they find something, so their status is not checked.
    # shellcheck disable=SC2086 # the command is split into words on purpose
    ir=$({ valgrind --tool=callgrind --callgrind-out-file=/dev/null $cmd 2>&1 >/dev/null || true; } |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    [ -n "$ir" ] || { echo "count-startup.sh: valgrind counted nothing for: $cmd" >&2; exit 1; }
    faults=$(for _ in 1 2 3 4 5; do
        # shellcheck disable=SC2086
        { /usr/bin/time -f '%R' $cmd 2>&1 >/dev/null || true; } | tail -1
    done | sort -n | sed -n 3p)
    printf '| %s | %s M | %s |\n' "$label" "$(awk -v n="$ir" 'BEGIN { printf "%.1f", n / 1e6 }')" "$faults"
done
