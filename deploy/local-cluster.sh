#!/usr/bin/env bash
# A whole cluster on this machine, for trying it out: Redis, two gateway nodes, and HAProxy in
# front of them, all on 127.0.0.1. It prints where to connect; Ctrl-C stops everything it started.
#
#   deploy/local-cluster.sh [--sentinel] [--gateway.key=value ...]  (extra arguments go to both nodes)
#
# With --sentinel, Redis is a primary (REDIS_PORT), a replica (REPLICA_PORT, 6381) and three
# Sentinels (SENTINEL_PORTS, "26380 26381 26382") that watch it as "gateway", and the nodes find
# the primary through the Sentinels. Try a failover: kill -STOP or kill -9 the primary's pid.
#
# Ports, from the environment: LISTEN_PORT (HAProxy, 8080), NODE1_PORT and NODE2_PORT (9080, 9081),
# NODE1_HTTP_PORT and NODE2_HTTP_PORT (9180, 9181), REDIS_PORT (6380). The nodes run from
# target/tcp-gateway.jar (built first if missing), or from GATEWAY_CLASSPATH if set (the tests).
#
# HAProxy sends a PROXY protocol v2 header on every connection, health checks included, so the
# nodes see each client's own address, as with deploy/haproxy.cfg.
set -euo pipefail
cd "$(dirname "$0")/.."

LISTEN_PORT=${LISTEN_PORT:-8080}
NODE1_PORT=${NODE1_PORT:-9080}
NODE2_PORT=${NODE2_PORT:-9081}
NODE1_HTTP_PORT=${NODE1_HTTP_PORT:-9180}
NODE2_HTTP_PORT=${NODE2_HTTP_PORT:-9181}
REDIS_PORT=${REDIS_PORT:-6380}
REPLICA_PORT=${REPLICA_PORT:-6381}
SENTINEL_PORTS=${SENTINEL_PORTS:-26380 26381 26382}
PASSWORD=${SPRING_SECURITY_USER_PASSWORD:-local-cluster}

sentinel=false
if [ "${1:-}" = "--sentinel" ]; then
  sentinel=true
  shift
fi

programs=(redis-server haproxy java)
if $sentinel; then
  programs+=(redis-sentinel)
fi
for program in "${programs[@]}"; do
  command -v "$program" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/usr/local/sbin"
  command -v "$program" >/dev/null 2>&1 || { echo "local-cluster: $program not found" >&2; exit 1; }
done

if [ -n "${GATEWAY_CLASSPATH:-}" ]; then
  gateway=(java -cp "$GATEWAY_CLASSPATH" io.tcpgateway.TcpGatewayApplication)
else
  [ -f target/tcp-gateway.jar ] || mvn -q -DskipTests package
  gateway=(java -jar target/tcp-gateway.jar)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/local-cluster.XXXXXX")
pids=()

stop() {
  local status=$1
  trap - INT TERM EXIT
  echo "local-cluster: stopping"
  # Only the processes this script started, by their ids; the nodes shut down gracefully.
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
  echo "local-cluster: stopped"
  exit "$status"
}
trap 'stop 0' INT TERM
trap 'stop $?' EXIT

await_port() {
  local name=$1 port=$2 pid=$3
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "local-cluster: $name exited; its log:" >&2
      cat "$work/$name.log" >&2
      exit 1
    fi
    sleep 0.2
  done
}

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
  >"$work/redis.log" 2>&1 &
pids+=($!)
redis_pid=$!
await_port redis "$REDIS_PORT" "$!"

redis_settings=(--spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT")
if $sentinel; then
  redis-server --port "$REPLICA_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
    --replicaof 127.0.0.1 "$REDIS_PORT" >"$work/replica.log" 2>&1 &
  pids+=($!)
  await_port replica "$REPLICA_PORT" "$!"
  nodes=()
  for port in $SENTINEL_PORTS; do
    # Sentinel rewrites its file, so each has its own.
    cat >"$work/sentinel-$port.conf" <<CFG
port $port
bind 127.0.0.1
protected-mode no
dir $work
sentinel monitor gateway 127.0.0.1 $REDIS_PORT 2
sentinel down-after-milliseconds gateway 2000
sentinel failover-timeout gateway 10000
CFG
    redis-sentinel "$work/sentinel-$port.conf" >"$work/sentinel-$port.log" 2>&1 &
    pids+=($!)
    await_port "sentinel-$port" "$port" "$!"
    nodes+=("127.0.0.1:$port")
  done
  redis_settings=(--spring.data.redis.sentinel.master=gateway
    --spring.data.redis.sentinel.nodes="$(IFS=,; echo "${nodes[*]}")")
fi

node() {
  local id=$1 port=$2 http=$3
  shift 3
  SPRING_SECURITY_USER_PASSWORD=$PASSWORD "${gateway[@]}" --gateway.tcp.port="$port" --server.port="$http" \
    --gateway.cluster.enabled=true --gateway.cluster.node-id="$id" \
    --gateway.tcp.proxy-protocol=true --gateway.tcp.proxy-protocol-trusted=127.0.0.1/32 \
    "${redis_settings[@]}" "$@" \
    >"$work/$id.log" 2>&1 &
  pids+=($!)
}
node node-1 "$NODE1_PORT" "$NODE1_HTTP_PORT" "$@"
node1=$!
node node-2 "$NODE2_PORT" "$NODE2_HTTP_PORT" "$@"
node2=$!

cat >"$work/haproxy.cfg" <<CFG
global
    log stdout format raw local0 info

defaults
    mode tcp
    log global
    option tcplog
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h

frontend gateway
    bind 127.0.0.1:$LISTEN_PORT
    default_backend gateways

backend gateways
    balance leastconn
    default-server send-proxy-v2 check check-send-proxy inter 2s fall 3 rise 2
    server node-1 127.0.0.1:$NODE1_PORT
    server node-2 127.0.0.1:$NODE2_PORT
CFG
await_port node-1 "$NODE1_PORT" "$node1"
await_port node-2 "$NODE2_PORT" "$node2"
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pids+=($!)
await_port haproxy "$LISTEN_PORT" "$!"

cat <<INFO
local cluster up
  connect:  telnet 127.0.0.1 $LISTEN_PORT   (HAProxy, least connections over both nodes)
  node-1:   127.0.0.1:$NODE1_PORT, http://127.0.0.1:$NODE1_HTTP_PORT/actuator/cluster
  node-2:   127.0.0.1:$NODE2_PORT, http://127.0.0.1:$NODE2_HTTP_PORT/actuator/cluster
  redis:    127.0.0.1:$REDIS_PORT (pid $redis_pid)
INFO
if $sentinel; then
  cat <<INFO
  replica:  127.0.0.1:$REPLICA_PORT
  sentinel: $SENTINEL_PORTS (master name gateway; redis-cli -p ${SENTINEL_PORTS%% *} sentinel get-master-addr-by-name gateway)
INFO
fi
cat <<INFO
  admin:    user admin, password $PASSWORD
  logs:     $work
Ctrl-C stops everything.
INFO

# Any of them exiting ends the cluster too; with Sentinel, all but the primary, which you may kill.
watched=()
for pid in "${pids[@]}"; do
  if ! $sentinel || [ "$pid" != "$redis_pid" ]; then
    watched+=("$pid")
  fi
done
wait -n "${watched[@]}" || true
echo "local-cluster: a process exited on its own; the last lines of each log:" >&2
tail -n 5 "$work"/*.log >&2 || true
stop 1
