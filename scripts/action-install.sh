#!/usr/bin/env bash
# Installs copydesk for the GitHub Action (action.yml): the release binary for the runner's
# OS and architecture, verified against the release's SHA-256 file, or, where no release
# fits, `cargo install` from the action's own source (as the action always did).
#
# Environment (action.yml sets it):
#   COPYDESK_VERSION   the action's `version` input: "" = the release of the ref the action
#                      is used at (owner/copydesk@v1.2.3; a moving tag such as @v1 means the
#                      version its Cargo.toml names), "1.2.3"/"v1.2.3", "latest", "source"
#   ACTION_PATH        github.action_path: the action's source, with its Cargo.toml
#   ACTION_REPOSITORY, ACTION_REF
#                      github.action_repository and github.action_ref; GitHub leaves them
#                      empty in composite actions at times, so they are also read off
#                      ACTION_PATH (…/_actions/OWNER/REPO/REF)
#   RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_PATH   set by the runner
#   COPYDESK_DOWNLOAD_BASE   https://github.com unless a test points it elsewhere
#
# Writes bin=PATH to GITHUB_OUTPUT and puts its folder on GITHUB_PATH, so later steps of
# the job can run `copydesk` too.
set -euo pipefail

notice() { echo "::notice title=copydesk::$*"; }
error() { echo "::error title=copydesk::$*"; exit 1; }

version=${COPYDESK_VERSION:-}
action_path=${ACTION_PATH:?ACTION_PATH is not set}
if command -v cygpath >/dev/null; then action_path=$(cygpath -u "$action_path"); fi
repository=${ACTION_REPOSITORY:-}
ref=${ACTION_REF:-}
base=${COPYDESK_DOWNLOAD_BASE:-https://github.com}
root=${RUNNER_TEMP:?RUNNER_TEMP is not set}/copydesk
if command -v cygpath >/dev/null; then root=$(cygpath -u "$root"); fi
mkdir -p "$root/bin"

# A remote action is unpacked at …/_actions/OWNER/REPO/REF; a local one (uses: ./…) is not.
if [[ $action_path =~ /_actions/([^/]+)/([^/]+)/([^/]+)/?$ ]]; then
  repository=${repository:-${BASH_REMATCH[1]}/${BASH_REMATCH[2]}}
  ref=${ref:-${BASH_REMATCH[3]}}
fi

crate_version=$(sed -n 's/^version = "\([^"]*\)"$/\1/p' "$action_path/Cargo.toml" | head -n 1)

case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-musl ext=tar.gz exe='' ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ext=tar.gz exe='' ;;
  macOS/X64) target=x86_64-apple-darwin ext=tar.gz exe='' ;;
  macOS/ARM64) target=aarch64-apple-darwin ext=tar.gz exe='' ;;
  # Windows on Arm runs the x86_64 build under emulation.
  Windows/X64 | Windows/ARM64) target=x86_64-pc-windows-msvc ext=zip exe=.exe ;;
  *) target='' ext='' exe='' ;;
esac

# Which release, if any: "" means build from source.
explicit=false
case "$version" in
  source) tag='' ;;
  latest) tag=latest explicit=true ;;
  "")
    # A version tag (v1.2.3) names its release; a moving tag (v1, v1.2) the release of the
    # version in its Cargo.toml. A branch or a commit has no release of its own: its source
    # may differ from any release binary.
    if [[ $ref =~ ^v[0-9]+(\.[0-9]+){0,2}$ ]] && [[ v$crate_version == "$ref" || v$crate_version == "$ref".* ]]; then
      tag=v$crate_version
    else
      tag=''
    fi
    ;;
  *) tag=v${version#v} explicit=true ;;
esac

# fetch URL FILE: downloads URL to FILE; prints the HTTP status (000: no connection).
fetch() {
  curl --silent --show-error --location --retry 3 --retry-delay 2 --connect-timeout 20 \
    --output "$2" --write-out '%{http_code}' "$1" || true
}

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$1"; else shasum -a 256 "$1"; fi | cut -d ' ' -f 1
}

install_release() {
  local url asset status want got dir
  asset=copydesk-$target.$ext
  if [ "$tag" = latest ]; then
    url=$base/$repository/releases/latest/download
  else
    url=$base/$repository/releases/download/$tag
  fi
  dir=$(mktemp -d "$root/download.XXXXXX")
  status=$(fetch "$url/$asset" "$dir/$asset")
  case "$status" in
    200) ;;
    404) return 1 ;;
    *) error "downloading $url/$asset failed (HTTP $status)" ;;
  esac
  status=$(fetch "$url/$asset.sha256" "$dir/$asset.sha256")
  [ "$status" = 200 ] || error "the release has $asset but no $asset.sha256 (HTTP $status): not installing an unverified binary"
  want=$(cut -d ' ' -f 1 <"$dir/$asset.sha256" | tr -d '\r' | tr 'A-F' 'a-f')
  got=$(sha256 "$dir/$asset")
  [[ $want =~ ^[0-9a-f]{64}$ ]] || error "$asset.sha256 holds no SHA-256"
  [ "$want" = "$got" ] || error "SHA-256 mismatch for $asset: the release says $want, the download is $got"
  echo "SHA-256 of $asset verified: $got"
  if [ "$ext" = zip ]; then
    if command -v unzip >/dev/null; then
      unzip -q -o "$dir/$asset" -d "$dir/x"
    else
      7z x -y -o"$dir/x" "$dir/$asset" >/dev/null
    fi
  else
    mkdir -p "$dir/x"
    tar -xzf "$dir/$asset" -C "$dir/x"
  fi
  [ -f "$dir/x/copydesk$exe" ] || error "$asset holds no copydesk$exe"
  mv -f "$dir/x/copydesk$exe" "$root/bin/copydesk$exe"
  chmod +x "$root/bin/copydesk$exe"
  rm -rf "$dir"
}

installed=false
if [ -n "$tag" ] && ! command -v curl >/dev/null; then
  # A slim container image, say.
  [ "$explicit" = false ] || error "release $tag was asked for, but there is no curl to download it"
  notice "no curl on this runner to download release $tag; building from source"
  tag=''
fi
if [ -n "$tag" ] && [ -z "$target" ]; then
  notice "no release build for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}; building from source"
elif [ -n "$tag" ] && [ -z "$repository" ]; then
  notice "the action's repository is not known (a local action?); building from source"
elif [ -n "$tag" ]; then
  if install_release; then
    installed=true
    echo "copydesk $tag ($target) from $repository"
  elif [ "$explicit" = true ]; then
    error "$repository has no release $tag with copydesk-$target.$ext"
  else
    notice "$repository has no release $tag with copydesk-$target.$ext; building from source"
  fi
fi

if [ "$installed" = false ]; then
  command -v cargo >/dev/null || error "no release binary fits and there is no cargo to build one"
  echo "cargo install --locked --path $action_path"
  cargo install --locked --path "$action_path" --root "$root"
fi

bin=$root/bin/copydesk$exe
"$bin" --version
echo "bin=$bin" >>"${GITHUB_OUTPUT:-/dev/null}"
# The runner reads GITHUB_PATH as a path of its own OS (C:\… on Windows).
path_dir=$root/bin
if command -v cygpath >/dev/null; then path_dir=$(cygpath -w "$path_dir"); fi
echo "$path_dir" >>"${GITHUB_PATH:-/dev/null}"
