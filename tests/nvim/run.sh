#!/usr/bin/env bash
# Neovim as a real LSP client of `copydesk lsp` (run by .ci/run). Needs `nvim`
# (Debian: apt-get install neovim) and a built binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v nvim >/dev/null || { echo "nvim is not installed (apt-get install neovim)" >&2; exit 1; }
cargo build --quiet
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf 'Talks to resume\n\nThe top Rusian diplomat said talks would resume.\n' > "$dir/story.txt"
COPYDESK_BIN="$PWD/target/debug/copydesk" COPYDESK_FILE="$dir/story.txt" HOME="$dir" \
  timeout 120 nvim --headless --noplugin -u NONE -i NONE -c "luafile tests/nvim/check.lua"
echo "neovim LSP test: 1 passed, 0 failed"
