#!/usr/bin/env bash
# The Python wheel as a user gets it (run by .ci/run): build it with maturin, install it
# with pip into a fresh virtual environment, and run the `copydesk` that pip put there,
# on the bundled example, on a small newsroom of its own (copydesk.toml, a house pack, a
# facts folder, a vocabulary, stories) and as the pre-commit hook of the mirror (pre-commit-mirror/)
# that installs the wheel instead of compiling.
#
#   scripts/test-wheel.sh                 build the wheel (maturin build --release), then test it
#   scripts/test-wheel.sh --dev           build it in the dev profile (what .ci/run does: it
#                                         reuses cargo test's build, minutes faster; the
#                                         release profile is built by the release workflow)
#   scripts/test-wheel.sh --wheel FILE    test a wheel built elsewhere (the release workflow's)
#
# Needs python3 with venv, git, and the network to PyPI (maturin, pre-commit, setuptools);
# the wheel itself is installed with --no-index. The build honours CARGO_TARGET_DIR, so a
# target folder that holds a release build is reused. KEEP_TMP=1 keeps the scratch folder.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

wheel=""
profile=(--release)
while [ $# -gt 0 ]; do
  case "$1" in
    --dev) profile=(); shift ;;
    --wheel) wheel=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    -h | --help) sed -n '2,17s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "test-wheel: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# The version of the [package] table: the first `version = "…"` line of Cargo.toml
# (dependency versions are written `name = "…"` or inline tables).
version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$version" ] || { echo "test-wheel: no version in Cargo.toml" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-wheel.XXXXXX")
if [ "${KEEP_TMP:-}" = 1 ]; then
  echo "test-wheel: scratch folder $tmp"
else
  trap 'rm -rf "$tmp"' EXIT
fi

passed=0
step() { printf '\n== %s\n' "$*"; }
ok() { passed=$((passed + 1)); echo "ok: $*"; }
fail() {
  echo "test-wheel: FAIL: $*" >&2
  echo "1 failed, $passed passed" >&2
  exit 1
}
# A virtual environment's programs are in bin/, or Scripts/ on Windows.
venv_bin() { if [ -d "$1/Scripts" ]; then echo "$1/Scripts"; else echo "$1/bin"; fi; }
# run WANT_EXIT CMD…: runs CMD with its output in $tmp/out (stdout) and $tmp/err, and
# fails the test, showing both, unless it exits WANT_EXIT.
run() {
  local want=$1 got=0
  shift
  "$@" >"$tmp/out" 2>"$tmp/err" || got=$?
  if [ "$got" != "$want" ]; then
    cat "$tmp/out" "$tmp/err" >&2
    fail "'$*' exited $got, expected $want"
  fi
}
# has FILE TEXT: fails unless FILE contains the fixed string TEXT.
has() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "no '$2' in the output above"; }; }

step "tools: pre-commit, pipx, uv (and maturin, to build) from PyPI in a scratch environment"
python3 -m venv "$tmp/tools"
tools=$(venv_bin "$tmp/tools")
"$tools/python" -m pip install --quiet --upgrade pip
"$tools/python" -m pip install --quiet pre-commit pipx uv
if [ -z "$wheel" ]; then
  "$tools/python" -m pip install --quiet 'maturin>=1.9,<2.0'
  "$tools/maturin" --version
fi

if [ -z "$wheel" ]; then
  step "build: maturin build ${profile[*]:-(dev profile)} (CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target})"
  start=$SECONDS
  "$tools/maturin" build "${profile[@]}" --locked --out "$tmp/dist"
  echo "built in $((SECONDS - start)) s"
  wheels=("$tmp"/dist/copydesk-"$version"-*.whl)
  if [ "${#wheels[@]}" != 1 ] || [ ! -f "${wheels[0]}" ]; then
    fail "expected one copydesk-$version wheel in $tmp/dist"
  fi
  wheel=${wheels[0]}
fi
case "$(basename "$wheel")" in
  copydesk-"$version"-py3-none-*.whl) ok "wheel $(basename "$wheel") ($(($(wc -c <"$wheel") / 1024)) KiB)" ;;
  *) fail "$(basename "$wheel") is not a copydesk $version wheel for any Python 3 (py3-none-PLATFORM)" ;;
esac
dist=$(dirname "$wheel")

step "install: pip install the wheel into a fresh environment (no index: nothing may be built)"
python3 -m venv "$tmp/user"
user=$(venv_bin "$tmp/user")
"$user/python" -m pip install --quiet --no-index "$wheel"
bin=$(PATH="$user:$PATH" command -v copydesk)
case "$bin" in
  "$user"/copydesk | "$user"/copydesk.exe) ok "copydesk is $bin" ;;
  *) fail "copydesk resolves to '$bin', not to the environment's $user" ;;
esac

step "examples/: the README's two errors, exit 1 (scripts/smoke-test.sh)"
scripts/smoke-test.sh "$bin" || fail "scripts/smoke-test.sh $bin"
ok "copydesk --version and examples/"
run 1 "$bin" check examples/
has "$tmp/out" "Replace 'Muslim' with 'Egyptian'"
ok "examples/ in the default (human) format"

step "pipx install and uv tool install, as the README says (homes of their own in the scratch folder)"
PIPX_HOME=$tmp/pipx PIPX_BIN_DIR=$tmp/pipx-bin PIPX_MAN_DIR=$tmp/pipx-man \
  "$tools/pipx" install --quiet "$wheel" >/dev/null
scripts/smoke-test.sh "$tmp/pipx-bin/copydesk" >/dev/null || fail "the copydesk pipx installed"
ok "pipx install: $tmp/pipx-bin/copydesk"
UV_TOOL_DIR=$tmp/uv-tools UV_TOOL_BIN_DIR=$tmp/uv-bin UV_CACHE_DIR=$tmp/uv-cache \
  "$tools/uv" tool install --quiet --offline "$wheel"
scripts/smoke-test.sh "$tmp/uv-bin/copydesk" >/dev/null || fail "the copydesk uv installed"
ok "uv tool install: $tmp/uv-bin/copydesk"

step "a newsroom: copydesk.toml, a house pack, a facts folder, a vocabulary, two stories"
news=$tmp/newsroom
mkdir -p "$news/house" "$news/our-facts" "$news/vocab" "$news/stories" "$news/drafts"
cat >"$news/copydesk.toml" <<'TOML'
# A newsroom's own configuration, as README "Configuration" describes it.
packs = ["house"]
facts = ["our-facts"]
vocabulary = ["vocab"]
exclude = ["drafts/**"]
fail-on = "warning"
TOML
cat >"$news/house/per-cent.toml" <<'TOML'
kind = "substitution"
level = "warning"
message = "Write '{expected}', not '{match}'."
description = "House style spells percent as one word."
swap = { "per cent" = "percent" }
examples = [{ bad = "Prices rose 5 per cent.", fixed = "Prices rose 5 percent." }, { good = "Prices rose 5 percent." }]
TOML
cat >"$news/our-facts/people.toml" <<'TOML'
[[person]]
name = "Jane Doe"
[[person.office]]
title = "Foreign Minister"
country = "ISR"
from = 2024-01-15
source = "Government press office, 2024-01-15"

[[example]]
good = "Israeli Foreign Minister Jane Doe said."
date = 2024-03-05

[[example]]
bad = "Egyptian Foreign Minister Jane Doe said."
date = 2024-03-05
TOML
printf 'Brindlecombe\n' >"$news/vocab/accept.txt"
printf 'slammed\n' >"$news/vocab/reject.txt"
council_story() {
  cat <<'STORY'
---
date: 2024-03-05
---
# Council raises rates

LONDON, March 5 (Copydesk Wire) - Brindlecombe council raised its rates by 5 per cent on
Tuesday, and opposition members said the increase was too steep for families.
STORY
}
council_story >"$news/stories/council.md"
cat >"$news/stories/harbour.md" <<'STORY'
---
date: 2024-03-05
---
# Harbour reopens

The harbour reopened on Tuesday after repairs that took two years.
STORY
printf 'Critics slammed the 5 per cent rise.\n' >"$news/drafts/unfinished.md"

cd "$news"
run 0 "$bin" rules
has "$tmp/out" "house/per-cent"
ok "copydesk rules lists the house rule"
run 0 "$bin" explain house/per-cent
has "$tmp/out" "House style spells percent as one word."
ok "copydesk explain house/per-cent"
run 1 "$bin" check --format line
cat "$tmp/out"
[ "$(wc -l <"$tmp/out")" -eq 1 ] || fail "expected exactly one finding (per cent; Brindlecombe is accepted, drafts/ excluded)"
has "$tmp/out" "stories/council.md:6:78: warning[house/per-cent]: Write 'percent', not 'per cent'."
ok "check: the house rule fires at fail-on = warning, the vocabulary and exclude apply"
printf 'Officials slammed the plan.\n' | run 1 "$bin" check - --stdin-filename wire.md --format json
"$tools/python" - "$tmp/out" <<'PY' || fail "the JSON report does not name spelling/rejected-words"
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
text = json.dumps(report)
sys.exit(0 if "spelling/rejected-words" in text else 1)
PY
ok "standard input, JSON: reject.txt's word is flagged"
printf -- '---\ndate: 2024-03-05\n---\nEgyptian Foreign Minister Jane Doe said the talks would resume.\n' |
  run 1 "$bin" check - --stdin-filename talks.md --format line
has "$tmp/out" "talks.md:4:1: error[facts/title]: 'Egyptian Foreign Minister' is not a title: Jane Doe is Foreign Minister of Israel; write 'Israeli Foreign Minister'"
ok "the facts folder's person is checked"
run 0 "$bin" test
has "$tmp/out" "house/per-cent: 2 examples hold"
has "$tmp/out" "our-facts/people.toml: 2 examples hold"
ok "copydesk test: the house pack's and the fact file's examples hold"
run 0 "$bin" check --fix --format line
grep -qF "by 5 percent on" stories/council.md || fail "--fix did not rewrite 'per cent' in stories/council.md"
run 0 "$bin" check --format line
ok "--fix rewrites the story, and a second check is clean (exit 0)"
cd "$root"

step "pre-commit: the copydesk-wheel hook of the mirror installs the wheel, not the source"
scripts/render-pre-commit-mirror.sh "$version" "$tmp/mirror"
git -C "$tmp/mirror" init --quiet
git -C "$tmp/mirror" add -A
git -C "$tmp/mirror" -c user.name=test-wheel -c user.email=test-wheel@localhost \
  commit --quiet -m "copydesk $version pre-commit mirror"
git -C "$tmp/mirror" tag "pre-commit-v$version"
# The hook's pip may read only these folders: the wheel, and setuptools for building the
# mirror's code-less package. A hook that compiled copydesk would find no source here.
"$tools/python" -m pip download --quiet --dest "$tmp/wheelhouse" 'setuptools>=61'
council_story >"$news/stories/council.md"
# The configuration the README shows, with the mirror's folder for its URL.
cat >"$news/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $tmp/mirror
    rev: pre-commit-v$version
    hooks:
      - id: copydesk-wheel
YAML
git -C "$news" init --quiet
git -C "$news" add -A
hook() {
  (cd "$news" && PIP_NO_INDEX=1 PIP_FIND_LINKS="$dist $tmp/wheelhouse" \
    PRE_COMMIT_HOME="$tmp/pre-commit-home" "$tools/pre-commit" run --all-files --color never)
}
start=$SECONDS
run 1 hook
cat "$tmp/out"
has "$tmp/out" "stories/council.md:6:78: warning[house/per-cent]"
echo "hook environment installed and run in $((SECONDS - start)) s"
installed=$(find "$tmp/pre-commit-home" -path '*py_env-*' \( -name copydesk -o -name copydesk.exe \) -type f | head -n 1)
[ -n "$installed" ] || fail "no copydesk in the hook's environment under $tmp/pre-commit-home"
cmp -s "$installed" "$bin" || fail "the hook's $installed is not the wheel's binary"
ok "pre-commit run: the hook installed the wheel's binary ($installed) and failed on the story"
sed -i.bak 's/5 per cent/5 percent/' "$news/stories/council.md" && rm -f "$news/stories/council.md.bak"
git -C "$news" add -A
run 0 hook
has "$tmp/out" "Passed"
ok "pre-commit run: passes once the story is fixed"

echo
echo "test-wheel: $passed passed, 0 failed"
