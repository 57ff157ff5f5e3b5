#!/usr/bin/env bash
# Runs a local network of N validators (4 by default) on loopback, until Ctrl-C.
#
#   scripts/local-net.sh        # 4 validators: RPC of the first at ws://127.0.0.1:9944
#   scripts/local-net.sh 6      # 6 validators
#
# It builds a raw chain spec `local-N` (validators //Validator1 … //ValidatorN, Alice sudo,
# 2-second slots and sessions of 10 blocks), puts each validator's Aura and GRANDPA keys in its own keystore,
# starts validator 1 as the bootnode and the others connected to it, each with its own base
# path, P2P port (30333 + i) and RPC port (9944 + i - 1). Logs and data go to
# $OPENLEDGER_NET_DIR (default: a fresh directory under /tmp). Ctrl-C stops them all.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

N="${1:-4}"
if ! [[ "$N" =~ ^[0-9]+$ ]] || ((N < 1 || N > 32)); then
	echo "usage: scripts/local-net.sh [N]   (1 ≤ N ≤ 32 validators)" >&2
	exit 2
fi
NODE="$CARGO_TARGET_DIR/release/openledger-node"
if [[ ! -x "$NODE" ]]; then
	log "Building the node"
	cargo build --release --locked --workspace
fi
DIR="${OPENLEDGER_NET_DIR:-$(mktemp -d /tmp/openledger-net-XXXX)}"
mkdir -p "$DIR"
SPEC="$DIR/spec.json"
"$NODE" build-spec --chain "local-$N" --raw --disable-default-bootnode 2>/dev/null >"$SPEC"

BOOT_KEY=0000000000000000000000000000000000000000000000000000000000000001
echo "$BOOT_KEY" >"$DIR/bootnode.key"
BOOT_ID="$("$NODE" key inspect-node-key --file "$DIR/bootnode.key")"
BOOTNODE="/ip4/127.0.0.1/tcp/30334/p2p/$BOOT_ID"

PIDS=()
stop() {
	log "Stopping ${#PIDS[@]} nodes"
	kill "${PIDS[@]}" 2>/dev/null || true
	wait "${PIDS[@]}" 2>/dev/null || true
}
trap stop EXIT INT TERM

for i in $(seq 1 "$N"); do
	BASE="$DIR/validator$i"
	for pair in aura:sr25519 gran:ed25519; do
		"$NODE" key insert --base-path "$BASE" --chain "$SPEC" \
			--key-type "${pair%%:*}" --scheme "${pair##*:}" --suri "//Validator$i"
	done
	"$NODE" key generate-node-key --chain "$SPEC" --base-path "$BASE" 2>/dev/null
	ARGS=(--chain "$SPEC" --base-path "$BASE" --validator --name "validator$i"
		--port $((30333 + i)) --rpc-port $((9944 + i - 1)) --rpc-cors all
		--allow-private-ip --no-mdns)
	if ((i == 1)); then
		ARGS+=(--node-key "$BOOT_KEY")
	else
		ARGS+=(--bootnodes "$BOOTNODE")
	fi
	"$NODE" "${ARGS[@]}" >"$DIR/validator$i.log" 2>&1 &
	PIDS+=($!)
done

log "$N validators running; data and logs in $DIR"
log "polkadot.js Apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944"
log "RPC ports: 9944 … $((9944 + N - 1)); Ctrl-C stops them all"
log "Chain spec: $SPEC"
log "Bootnode: $BOOTNODE"
log "Join with a node of your own (docs/validator.md, 'Try it'):"
log "  $NODE --chain $SPEC --bootnodes $BOOTNODE --base-path <dir> --port 30400 --rpc-port 9990 --validator"
wait
