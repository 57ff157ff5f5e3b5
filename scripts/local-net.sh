#!/usr/bin/env bash
# Runs a local network of N validators (4 by default) on loopback, until Ctrl-C.
#
#   scripts/local-net.sh            # 4 validators: RPC of the first at ws://127.0.0.1:9944
#   scripts/local-net.sh 6          # 6 validators
#   scripts/local-net.sh 4 10044    # RPC ports from 10044 (beside a node on 9944)
#
# It builds a raw chain spec `local-N` (validators //Validator1 … //ValidatorN, Alice sudo,
# 2-second slots and sessions of 10 blocks), puts each validator's Aura and GRANDPA keys in its own keystore,
# starts validator 1 as the bootnode and the others connected to it, each with its own base
# path, RPC port (BASE + i - 1, BASE 9944 by default) and P2P port (BASE + 20389 + i: 30334 …
# by default). A port already in use stops it before anything starts: a node would otherwise
# serve RPC on another port, and a client would talk to whatever holds this one (stop a
# quickstart node first, or pass another BASE). Logs and data go to $OPENLEDGER_NET_DIR
# (default: a fresh directory under /tmp). Ctrl-C stops them all.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

N="${1:-4}"
BASE_PORT="${2:-9944}"
if ! [[ "$N" =~ ^[0-9]+$ ]] || ((N < 1 || N > 32)) || ! [[ "$BASE_PORT" =~ ^[0-9]+$ ]] ||
	((BASE_PORT < 1024 || BASE_PORT + 20389 + N > 65535)); then
	echo "usage: scripts/local-net.sh [N] [BASE]   (1 ≤ N ≤ 32 validators; RPC ports BASE … BASE+N-1, 1024 ≤ BASE ≤ $((65535 - 20389 - 32)))" >&2
	exit 2
fi
rpc_port() { echo $((BASE_PORT + $1 - 1)); }
p2p_port() { echo $((BASE_PORT + 20389 + $1)); }
# Fails loudly on a port something listens on (bash's /dev/tcp connects, or is refused).
for i in $(seq 1 "$N"); do
	for port in "$(rpc_port "$i")" "$(p2p_port "$i")"; do
		if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "port $port is in use (a quickstart node, another local network?): stop it first, or pass another base port: scripts/local-net.sh $N $((BASE_PORT + 100))" >&2
			exit 1
		fi
	done
done
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
BOOTNODE="/ip4/127.0.0.1/tcp/$(p2p_port 1)/p2p/$BOOT_ID"

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
		--port "$(p2p_port "$i")" --rpc-port "$(rpc_port "$i")" --rpc-cors all
		--allow-private-ip --no-mdns)
	if ((i == 1)); then
		ARGS+=(--node-key "$BOOT_KEY")
	else
		ARGS+=(--bootnodes "$BOOTNODE")
	fi
	"$NODE" "${ARGS[@]}" >"$DIR/validator$i.log" 2>&1 &
	PIDS+=($!)
done

# Each node answers on its own port, or the network stops: nothing serves elsewhere unseen.
for i in $(seq 1 "$N"); do
	port="$(rpc_port "$i")"
	for _ in $(seq 1 60); do
		curl -sf -H 'Content-Type: application/json' -d '{"id":1,"jsonrpc":"2.0","method":"system_health"}' \
			"http://127.0.0.1:$port" >/dev/null && break
		sleep 1
	done
	if ! curl -sf -H 'Content-Type: application/json' -d '{"id":1,"jsonrpc":"2.0","method":"system_health"}' \
		"http://127.0.0.1:$port" >/dev/null; then
		echo "validator $i does not answer RPC on port $port within 60 s; its log: $DIR/validator$i.log" >&2
		exit 1
	fi
done

log "$N validators running; data and logs in $DIR"
log "polkadot.js Apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$(rpc_port 1)"
log "RPC ports: $(rpc_port 1) … $(rpc_port "$N"); Ctrl-C stops them all"
log "Chain spec: $SPEC"
log "Bootnode: $BOOTNODE"
log "Join with a node of your own (docs/validator.md, 'Try it'):"
log "  $NODE --chain $SPEC --bootnodes $BOOTNODE --base-path <dir> --port 30400 --rpc-port 9990 --validator"
wait
