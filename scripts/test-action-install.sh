#!/usr/bin/env bash
# Tests scripts/action-install.sh, the Action's install step, against a fake release
# server on 127.0.0.1: which release a ref or `version` names, the download and its
# SHA-256 check, the archives of each platform, and the fallback to `cargo install` (a
# stand-in cargo here, which records that it was called). Run by .ci/run; needs python3,
# curl and unzip, and no network.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' Cargo.toml | head -n 1)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/copydesk-action.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

passed=0
fail() {
  echo "test-action-install: FAIL: $*" >&2
  echo "1 failed, $passed passed" >&2
  exit 1
}
ok() { passed=$((passed + 1)); echo "ok: $*"; }

# A stand-in copydesk: the installer only runs --version.
fake_copydesk() {
  mkdir -p "$(dirname "$1")"
  printf '#!/bin/sh\necho "copydesk %s%s"\n' "$2" "${3:-}" >"$1"
  chmod +x "$1"
}
sha256_line() { (cd "$(dirname "$1")" && sha256sum "$(basename "$1")"); }

# The release tree, laid out as GitHub serves it:
#   OWNER/copydesk/releases/download/vVERSION/copydesk-TARGET.tar.gz(.sha256)
#   OWNER/copydesk/releases/latest/download/…  (GitHub redirects there; a folder here)
srv=$tmp/srv
release() { # release TAG: the archives of every platform, with good checksums
  local dir=$srv/OWNER/copydesk/releases/$1 target stage
  mkdir -p "$dir"
  for target in x86_64-unknown-linux-musl aarch64-unknown-linux-musl x86_64-apple-darwin; do
    stage=$tmp/stage-$target
    fake_copydesk "$stage/copydesk" "$version" " ($target)"
    tar -czf "$dir/copydesk-$target.tar.gz" -C "$stage" copydesk
    sha256_line "$dir/copydesk-$target.tar.gz" >"$dir/copydesk-$target.tar.gz.sha256"
  done
  stage=$tmp/stage-windows
  fake_copydesk "$stage/copydesk.exe" "$version" " (x86_64-pc-windows-msvc)"
  (cd "$stage" && python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    i = zipfile.ZipInfo("copydesk.exe"); i.external_attr = 0o755 << 16
    z.writestr(i, open("copydesk.exe", "rb").read())' "$dir/copydesk-x86_64-pc-windows-msvc.zip")
  sha256_line "$dir/copydesk-x86_64-pc-windows-msvc.zip" >"$dir/copydesk-x86_64-pc-windows-msvc.zip.sha256"
}
release "download/v$version"
release latest/download
# v0.0.1 has been tampered with: its archive is not the one its checksum names.
release download/v0.0.1
echo "tampered" >>"$srv/OWNER/copydesk/releases/download/v0.0.1/copydesk-x86_64-unknown-linux-musl.tar.gz"

python3 - "$srv" "$tmp/port" <<'PY' &
import functools, http.server, sys
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
handler = functools.partial(Quiet, directory=sys.argv[1])
httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
open(sys.argv[2], "w").write(str(httpd.server_address[1]))
httpd.serve_forever()
PY
server=$!
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
[ -s "$tmp/port" ] || fail "the fake release server did not start"
base=http://127.0.0.1:$(cat "$tmp/port")

# A stand-in cargo: `cargo install … --root DIR` leaves a copydesk saying "(source)".
mkdir -p "$tmp/fakebin"
cat >"$tmp/fakebin/cargo" <<EOF
#!/usr/bin/env bash
echo "cargo \$*" >>"$tmp/cargo.log"
while [ \$# -gt 0 ]; do [ "\$1" = --root ] && root=\$2; shift; done
mkdir -p "\$root/bin"
printf '#!/bin/sh\\necho "copydesk $version (source)"\\n' >"\$root/bin/copydesk"
chmod +x "\$root/bin/copydesk"
EOF
chmod +x "$tmp/fakebin/cargo"

# install NAME OS ARCH REF VERSION [ACTION_DIR_REF]: runs the installer as action.yml does
# (with RUN_PATH for PATH, if set),
# for an action unpacked at …/_actions/OWNER/copydesk/ACTION_DIR_REF (default: REF);
# output in $tmp/NAME/{log,output,path}, exit status in $status.
install() {
  local name=$1 os=$2 arch=$3 ref=$4 want_version=$5 dir_ref=${6:-$4}
  local run=$tmp/$name action=$tmp/$name/_actions/OWNER/copydesk/$dir_ref
  mkdir -p "$run/temp" "$action"
  cp Cargo.toml "$action/"
  : >"$tmp/cargo.log"
  status=0
  env PATH="$tmp/fakebin:${RUN_PATH:-$PATH}" COPYDESK_DOWNLOAD_BASE="$base" \
    RUNNER_OS="$os" RUNNER_ARCH="$arch" RUNNER_TEMP="$run/temp" \
    GITHUB_OUTPUT="$run/output" GITHUB_PATH="$run/path" \
    ACTION_PATH="$action" ACTION_REPOSITORY="" ACTION_REF="$ref" COPYDESK_VERSION="$want_version" \
    bash "$root/scripts/action-install.sh" >"$run/log" 2>&1 || status=$?
}
# expect NAME STATUS SAYS: the run exited STATUS and its installed copydesk says SAYS
# (or, for a failed run, its log holds SAYS).
expect() {
  local name=$1 want=$2 says=$3 bin
  if [ "$status" != "$want" ]; then cat "$tmp/$name/log" >&2; fail "$name: exited $status, expected $want"; fi
  if [ "$want" = 0 ]; then
    bin=$(sed -n 's/^bin=//p' "$tmp/$name/output")
    [ -x "$bin" ] || { cat "$tmp/$name/log" >&2; fail "$name: no executable bin= in GITHUB_OUTPUT"; }
    [ "$("$bin" --version)" = "copydesk $says" ] || fail "$name: installed '$("$bin" --version)', expected 'copydesk $says'"
    grep -qxF "$(dirname "$bin")" "$tmp/$name/path" || fail "$name: $(dirname "$bin") is not on GITHUB_PATH"
  else
    grep -qF -- "$says" "$tmp/$name/log" || { cat "$tmp/$name/log" >&2; fail "$name: the log does not say '$says'"; }
  fi
}
used_cargo() { [ -s "$tmp/cargo.log" ]; }

install tag-from-path Linux X64 "" ""  "v$version"
expect tag-from-path 0 "$version (x86_64-unknown-linux-musl)"
grep -q "SHA-256 of copydesk-x86_64-unknown-linux-musl.tar.gz verified" "$tmp/tag-from-path/log" || fail "no checksum line"
used_cargo && fail "tag-from-path: cargo ran"
ok "@v$version (ref read off the action's path): the Linux x86_64 release, checksum verified, no cargo"

install moving-tag Linux ARM64 "v${version%%.*}" ""
expect moving-tag 0 "$version (aarch64-unknown-linux-musl)"
ok "@v${version%%.*} (a moving tag): the release of the version in Cargo.toml, Linux arm64"

install macos-intel macOS X64 "v$version" ""
expect macos-intel 0 "$version (x86_64-apple-darwin)"
ok "macOS x86_64"

install windows Windows X64 "v$version" ""
expect windows 0 "$version (x86_64-pc-windows-msvc)"
ok "Windows: the .zip release"

install branch Linux X64 main ""
expect branch 0 "$version (source)"
grep -q -- "install --locked --path" "$tmp/cargo.log" || fail "branch: cargo install was not run"
ok "@main: no release for a branch, cargo install from the action's source"

install no-asset macOS ARM64 "v$version" ""
expect no-asset 0 "$version (source)"
grep -q "has no release v$version with copydesk-aarch64-apple-darwin.tar.gz; building from source" "$tmp/no-asset/log" \
  || fail "no-asset: no notice"
ok "a release without this platform's archive: a notice, then cargo install"

install unknown-arch Linux ARM "v$version" ""
expect unknown-arch 0 "$version (source)"
ok "a runner with no release build (Linux/ARM): cargo install"

install latest Linux X64 main latest
expect latest 0 "$version (x86_64-unknown-linux-musl)"
used_cargo && fail "latest: cargo ran"
ok "version: latest"

install explicit Linux X64 main "$version"
expect explicit 0 "$version (x86_64-unknown-linux-musl)"
ok "version: $version on a branch: that release"

install source Linux X64 "v$version" source
expect source 0 "$version (source)"
ok "version: source"

install missing Linux X64 main 9.9.9
expect missing 1 "OWNER/copydesk has no release v9.9.9 with copydesk-x86_64-unknown-linux-musl.tar.gz"
used_cargo && fail "missing: cargo ran instead of failing"
ok "version: 9.9.9 (no such release): fails, no fallback"

# A runner without curl (a slim container): the tools the installer uses, but no curl.
mkdir -p "$tmp/nocurl"
for tool in bash env sed head mkdir mktemp cut tr mv chmod rm tar dirname cat printf; do
  found=$(command -v "$tool" || true)
  if [ -n "$found" ] && [ "${found#/}" != "$found" ]; then ln -s "$found" "$tmp/nocurl/$tool"; fi
done
RUN_PATH=$tmp/nocurl install no-curl Linux X64 "v$version" ""
expect no-curl 0 "$version (source)"
grep -q "no curl on this runner" "$tmp/no-curl/log" || fail "no-curl: no notice"
ok "no curl on the runner: a notice, then cargo install"

install tampered Linux X64 main v0.0.1
expect tampered 1 "SHA-256 mismatch for copydesk-x86_64-unknown-linux-musl.tar.gz"
used_cargo && fail "tampered: cargo ran instead of failing"
[ ! -e "$tmp/tampered/temp/copydesk/bin/copydesk" ] || fail "tampered: a binary was installed"
ok "a download that does not match its .sha256: fails, installs nothing"

echo
echo "test-action-install: $passed passed, 0 failed"
