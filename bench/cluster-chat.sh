#!/usr/bin/env bash
# Cross-node chat benchmark: starts deploy/local-cluster.sh (Redis, two nodes, HAProxy) with no
# chat flood limit, runs bench/ClusterChatBench.java against the two nodes directly (members
# alternate between them; the sender is on node-1), prints its figures, and stops the cluster.
#
#   mvn -q -DskipTests package && bench/cluster-chat.sh [--members=100] [--rate=1000] [--duration=10]
set -euo pipefail
cd "$(dirname "$0")/.."

export NODE1_PORT=${NODE1_PORT:-9080} NODE2_PORT=${NODE2_PORT:-9081}
log=$(mktemp "${TMPDIR:-/tmp}/cluster-chat.XXXXXX")
deploy/local-cluster.sh --gateway.chat.max-lines-per-second=0 >"$log" 2>&1 &
cluster=$!
# TERM, not INT: a background job of a script ignores SIGINT.
trap 'kill -TERM "$cluster" 2>/dev/null || true; wait "$cluster" 2>/dev/null || true; rm -f "$log"' EXIT
until grep -q "Ctrl-C stops everything." "$log"; do
  kill -0 "$cluster" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.5
done
java bench/ClusterChatBench.java --port-a="$NODE1_PORT" --port-b="$NODE2_PORT" "$@"
