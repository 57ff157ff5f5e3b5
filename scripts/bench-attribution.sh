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
