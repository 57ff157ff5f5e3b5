#!/usr/bin/env bash
# Installs what building OpenLedger Chain needs, skipping whatever is already there.
# Sourced by run.sh and test.sh; safe to run on its own and to run again.
#
#   - Debian packages: protobuf-compiler (libp2p's protocol buffers), clang and libclang-dev
#     (C parts of some dependencies), a C/C++ toolchain, and git, curl;
#   - the Rust toolchain pinned in rust-toolchain.toml, with the wasm32v1-none target and
#     rust-src that the wasm runtime build needs;
#   - with OPENLEDGER_SETUP_NODEJS=1 (test.sh and run.sh set it), Node.js and npm for the
#     end-to-end tests and the web page;
#   - with OPENLEDGER_SETUP_BROWSER=1 (test.sh sets it), Debian's chromium, which the web
#     page's browser test drives (nothing downloads a browser).
#
# It also exports CARGO_TARGET_DIR (default: $HOME/.cache/openledger/target) so that every
# script, and CI on the same machine, share one build; and it makes every build of the
# workspace's own crates go through clippy's driver with warnings denied (what test.sh checks),
# so that every script compiles them the same way: scripts/run.sh after scripts/test.sh, or the
# other way round, rebuilds nothing.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/openledger/target}"
export PATH="$HOME/.cargo/bin:$PATH"
# Clippy's driver compiles the workspace's crates (and lints them); dependencies are compiled
# by rustc as usual. The lint set is `cargo clippy -- -D warnings`.
export RUSTC_WORKSPACE_WRAPPER=clippy-driver
export CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

install_debian_packages() {
	local wanted=(protobuf-compiler clang libclang-dev build-essential pkg-config git curl)
	local missing=()
	for package in "${wanted[@]}"; do
		dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
			missing+=("$package")
	done
	if ((${#missing[@]} == 0)); then
		return
	fi
	if ! command -v apt-get >/dev/null; then
		log "Missing packages (${missing[*]}) and no apt-get: install them by hand."
		return 1
	fi
	local sudo=()
	if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
	log "Installing Debian packages: ${missing[*]}"
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
}

install_rust() {
	if ! command -v rustup >/dev/null; then
		log "Installing rustup"
		curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
			sh -s -- -y --default-toolchain none --profile minimal
	fi
	# Installs the channel, components and targets that rust-toolchain.toml lists (a no-op
	# when they are already there).
	(cd "$ROOT" && rustup toolchain install >/dev/null 2>&1) || (cd "$ROOT" && rustup toolchain install)
	local toolchain
	toolchain="$(cd "$ROOT" && rustup show active-toolchain | cut -d' ' -f1)"
	rustup target add --toolchain "$toolchain" wasm32v1-none >/dev/null 2>&1 || true
	rustup component add --toolchain "$toolchain" rust-src rustfmt clippy >/dev/null 2>&1 || true
}

# Node.js (>= 18) and npm run the end-to-end tests; Debian's packages are enough.
install_node() {
	if command -v node >/dev/null && command -v npm >/dev/null; then
		return
	fi
	local sudo=()
	if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
	log "Installing Node.js and npm"
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq nodejs npm >/dev/null
}

# The web page's browser test drives Debian's Chromium through puppeteer-core.
install_browser() {
	if command -v chromium >/dev/null; then
		return
	fi
	local sudo=()
	if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
	log "Installing Debian's chromium (for the web page's browser test)"
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
}

install_debian_packages
install_rust
if [[ "${OPENLEDGER_SETUP_NODEJS:-0}" == 1 ]]; then install_node; fi
if [[ "${OPENLEDGER_SETUP_BROWSER:-0}" == 1 ]]; then install_browser; fi
