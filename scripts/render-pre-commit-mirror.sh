#!/usr/bin/env bash
# Renders the pre-commit mirror of one release: the files of pre-commit-mirror/ with
# @VERSION@ replaced, in OUT_DIR (created; it must not exist or be empty). The release
# workflow publishes the result as the tag pre-commit-vVERSION; scripts/test-wheel.sh
# renders it to run the hook against a locally built wheel.
#
#   scripts/render-pre-commit-mirror.sh VERSION OUT_DIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 VERSION OUT_DIR" >&2; exit 2; }
version=$1
out=$2
# A version pip and pre-commit tags accept; a stray "v" or a space would make a
# requirement that never resolves.
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([.-]?[A-Za-z0-9.]+)?$ ]] \
  || { echo "$0: '$version' is not a release version (e.g. 0.2.0)" >&2; exit 2; }
src="$(cd "$(dirname "$0")/.." && pwd)/pre-commit-mirror"
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
  echo "$0: $out exists and is not empty" >&2
  exit 2
fi
mkdir -p "$out"
for f in "$src"/* "$src"/.[!.]*; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  sed "s/@VERSION@/$version/g" "$f" > "$out/${name%.in}"
done
if grep -rq '@VERSION@' "$out"; then
  echo "$0: a placeholder was left in $out" >&2
  exit 1
fi
