#!/usr/bin/env bash
# The attribution benchmark: span-match/1 on real text that nobody here wrote, the Linux
# kernel's source tree as Debian ships it (package `linux-source-6.1`: C, its comments, and
# the prose of Documentation/), each file one contribution, taken in path order up to 10 MB,
# 100 MB and 1 GB. For each size: the suffix-array index's build throughput and size, and the
# latency of attributing answers of 100 and 1,000 tokens, side by side with the naive scan of
# every contribution. Rewrites the generated figures in docs/performance.md.
#
#   scripts/bench-attribution.sh             # 10, 100 and 1,000 MB (about 15 minutes on 2 cores)
#   SIZES="10" scripts/bench-attribution.sh  # a quick run (leaves the docs alone)
#   scripts/bench-attribution.sh segments    # 1,000 MB as the attestor indexes it, in segments of
#                                            # 256 MB, against one suffix array (examples/segments.rs;
#                                            # about 2 minutes, 10 GB of memory)
#   scripts/bench-attribution.sh http        # /v1/attribute over HTTP: a dev node and the real
#                                            # attestor, 1,000 MB of the kernel as one datanet
#                                            # (scripts/bench/attribute-http.mjs; about 5 minutes)
#   scripts/bench-attribution.sh large       # the function alone over the 10 GB corpus below, in
#                                            # segments built once into ~/.cache/openledger/
#                                            # index-10g and reused (examples/large.rs; about 10
#                                            # minutes the first time, 13 GB of disk)
#   MB=10000 scripts/bench-attribution.sh http10   # the same on 10 GB: the kernel and other source
#                                            # trees Debian ships (fetched once, about 2 GB to
#                                            # download, 14 GB on disk; about 25 minutes)
#   MB=10000 scripts/bench-attribution.sh http10 --lock   # the same, the attestor's indexes
#                                            # locked in memory (--lock-indexes)
#
# Run it on an otherwise idle machine: it measures.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

CORPUS="${OPENLEDGER_CORPUS:-$HOME/.cache/openledger/corpus/linux-source-6.1}"
if [[ ! -d "$CORPUS" ]]; then
	log "Fetching the corpus: Debian's linux-source-6.1"
	work="$(mktemp -d)"
	(cd "$work" && apt-get download linux-source-6.1 >/dev/null && dpkg-deb -x linux-source-6.1_*.deb deb)
	mkdir -p "$(dirname "$CORPUS")"
	tar xf "$work"/deb/usr/src/linux-source-6.1.tar.xz -C "$(dirname "$CORPUS")"
	rm -rf "$work"
fi

# The 10 GB corpus: the kernel, the crates this build downloaded, and source trees of Debian's
# bookworm (binary `*-source` packages, and the upstream tarballs of firefox-esr, LLVM 15 and
# LibreOffice through `apt-get source`, which needs a deb-src entry: added if missing).
LARGE="${OPENLEDGER_CORPUS_LARGE:-$HOME/.cache/openledger/corpus-10g}"
fetch_large_corpus() {
	[[ -f "$LARGE/.complete" ]] && return
	log "Assembling the 10 GB corpus in $LARGE"
	local sudo=()
	if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
	if ! grep -rqs "deb-src" /etc/apt/sources.list /etc/apt/sources.list.d; then
		printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' |
			"${sudo[@]}" tee /etc/apt/sources.list.d/openledger-bench-src.sources >/dev/null
		"${sudo[@]}" apt-get update -qq
	fi
	local work
	work="$(mktemp -d)"
	mkdir -p "$LARGE"
	[[ -d "$LARGE/00-linux-6.1" ]] || cp -al "$CORPUS" "$LARGE/00-linux-6.1"
	[[ -d "$LARGE/01-crates" ]] || cp -al "$HOME/.cargo/registry/src" "$LARGE/01-crates"
	(cd "$work" && apt-get download binutils-source fpc-source-3.2.2 gcc-11-source gcc-12-source \
		gdb-source glibc-source openjdk-17-source >/dev/null 2>&1 &&
		apt-get source --download-only firefox-esr llvm-toolchain-15 libreoffice >/dev/null 2>&1)
	local n=2 name dir deb tarball
	for deb in "$work"/*.deb; do
		name="$(basename "$deb" | cut -d_ -f1)"
		dir="$LARGE/$(printf %02d $n)-$name"
		n=$((n + 1))
		mkdir -p "$dir" "$work/x"
		dpkg-deb -x "$deb" "$work/x"
		find "$work/x" -name '*.tar.*' -size +1M -exec tar xf {} -C "$dir" \;
		find "$work/x" -name src.zip -exec unzip -qo {} -d "$dir" \;
		rm -rf "$work/x"
	done
	# One directory a package (LibreOffice's help and translations join its tree).
	for name in firefox-esr llvm-toolchain-15 libreoffice; do
		dir="$LARGE/$(printf %02d $n)-$name"
		n=$((n + 1))
		mkdir -p "$dir"
		for tarball in "$work/${name}"_*.orig*.tar.xz; do tar xf "$tarball" -C "$dir"; done
	done
	rm -rf "$work"
	touch "$LARGE/.complete"
}

if [[ "${1:-}" == http || "${1:-}" == http10 ]]; then
	cargo build --release --locked --workspace
	corpora=("$CORPUS")
	if [[ "$1" == http10 ]]; then
		fetch_large_corpus
		corpora=("$LARGE")
	fi
	cd scripts
	# Further arguments go to the bench (e.g. --lock: the attestor locks its indexes in memory).
	exec node bench/attribute-http.mjs "${corpora[@]}" --mb "${MB:-1000}" "${@:2}"
fi

if [[ "${1:-}" == large ]]; then
	fetch_large_corpus
	cargo run --release --locked -p openledger-span-match --example large -- "$LARGE" \
		"${OPENLEDGER_LARGE_INDEX:-$HOME/.cache/openledger/index-10g}" "${MB:-10000}" "${SEGMENT_MB:-256}"
	exit
fi

if [[ "${1:-}" == segments ]]; then
	cargo run --release --locked -p openledger-span-match --example segments -- "$CORPUS" \
		"${MB:-1000}" "${SEGMENT_MB:-256}"
	exit
fi

SIZES="${SIZES:-10 100 1000}"
WRITE=()
if [[ "$SIZES" == "10 100 1000" ]]; then WRITE=(--write docs/performance.md); fi
# shellcheck disable=SC2086
cargo run --release --locked -p openledger-span-match --example bench -- "$CORPUS" $SIZES "${WRITE[@]}"
