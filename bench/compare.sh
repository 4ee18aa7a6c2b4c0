#!/usr/bin/env bash
# Benchmarks the gateway against the Node.js echo baseline (bench/node-echo-server.js):
# throughput and p99 latency per load case, server memory per idle connection, and the
# gateway's startup time to listening. Prints Markdown tables; raw output goes to
# bench/results/<timestamp>/.
#
# Build first: mvn -q -DskipTests package
# Then:        bench/compare.sh
#
# Environment (defaults in brackets):
#   RUNS [3]               runs per load case and per startup; medians are reported
#   DURATION [10s]         measured time per run
#   WARMUP [2s]            unmeasured warm-up per run
#   ONLY []                "gateway" or "node" to run one server only
#   JAVA [$JAVA25 if present, else java]   JVM for the gateway; JAVA_OPTS [] are passed to it
#   JAVA17 [java], JAVA25 [/usr/lib/jvm/temurin-25-jdk-amd64/bin/java]   JVMs for the startup rows,
#                          each plain and with a class-data archive (CDS on 17, AOT cache on 25)
#   IDLE_CONNECTIONS [10000], HOLD [10s], IDLE_SETTLE [2]   idle case; RSS is sampled
#                          IDLE_SETTLE seconds after all connections are held
#   SERVER_CPU [0], CLIENT_CPU [1]   taskset pinning of the server and the load generator
#   BENCH [java -jar target/tcp-gateway.jar bench]   load generator command
set -euo pipefail

cd "$(dirname "$0")/.."

JAR=target/tcp-gateway.jar
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
ONLY=${ONLY:-}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
# Java 21+ runs each connection on a virtual thread; prefer Java 25 when it is installed.
if [[ -z ${JAVA:-} ]]; then
  if [[ -x $JAVA25 ]]; then JAVA=$JAVA25; else JAVA=java; fi
fi
JAVA17=${JAVA17:-java}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000}
HOLD=${HOLD:-10s}
IDLE_SETTLE=${IDLE_SETTLE:-2}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
BENCH=${BENCH:-java -jar $JAR bench}
SIZE=64

read -r -a BENCH_CMD <<<"$BENCH"
read -r -a GATEWAY_OPTS <<<"${JAVA_OPTS:-}"

CASE_NAMES=("1 conn ping-pong" "100 conns ping-pong" "100 conns pipeline 16" "1000 conns ping-pong")
CASE_ARGS=("--connections=1 --pipeline=1" "--connections=100 --pipeline=1"
  "--connections=100 --pipeline=16" "--connections=1000 --pipeline=1")

log() { echo "compare.sh: $*" >&2; }

case $ONLY in
  "") SERVERS=(gateway node) ;;
  gateway | node) SERVERS=("$ONLY") ;;
  *) log "ONLY must be gateway or node, not '$ONLY'"; exit 2 ;;
esac

if [[ $ONLY != node || $BENCH == *"$JAR"* ]] && [[ ! -f $JAR ]]; then
  log "$JAR not found; build it first: mvn -q -DskipTests package"
  exit 1
fi
command -v taskset >/dev/null || { log "taskset not found (util-linux)"; exit 1; }

# 10,000 idle connections need that many descriptors on each side.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (($(ulimit -n) < IDLE_CONNECTIONS + 200)); then
  log "warning: ulimit -n is $(ulimit -n), too low for $IDLE_CONNECTIONS idle connections"
fi

OUT=bench/results/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"

SERVER_PID=""
BENCH_PID=""
NOTES=()
declare -A RATE=() P99=() IDLE=() STARTUP=()

cleanup() {
  if [[ -n $BENCH_PID ]]; then kill "$BENCH_PID" 2>/dev/null || true; fi
  if [[ -n $SERVER_PID ]]; then stop_server; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000))
}

# start_server NAME PORT LOG [JAVA [JAR [JVM-OPTION...]]]: starts a server pinned to SERVER_CPU,
# sets SERVER_PID.
start_server() {
  local name=$1 port=$2 out=$3 java=${4:-$JAVA} jar=${5:-$JAR}
  local extra=("${@:6}")
  if [[ $name == gateway ]]; then
    taskset -c "${PIN_CPUS:-$SERVER_CPU}" "$java" ${GATEWAY_OPTS[@]+"${GATEWAY_OPTS[@]}"} ${extra[@]+"${extra[@]}"} -jar "$jar" \
      --gateway.tcp.port="$port" --server.port=0 --logging.level.root=WARN >"$out" 2>&1 &
  else
    taskset -c "${PIN_CPUS:-$SERVER_CPU}" node bench/node-echo-server.js "$port" >"$out" 2>&1 &
  fi
  SERVER_PID=$!
}

stop_server() {
  local pid=$SERVER_PID
  SERVER_PID=""
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# wait_listening PORT: polls until the server accepts TCP connections on PORT.
wait_listening() {
  local port=$1 deadline=$((SECONDS + 120))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server exited before listening on $port, see the logs in $OUT"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      log "server not listening on $port after 120s, see the logs in $OUT"
      return 1
    fi
    sleep 0.01
  done
}

# field KEY FILE: the number after " KEY=" in the bench summary line.
field() { grep -oE "(^| )$1=[0-9.]+" "$2" 2>/dev/null | head -n1 | sed 's/.*=//' || true; }

median() { printf '%s\n' "$@" | awk 'NF' | sort -g | awk '{ v[NR] = $0 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2f", a / b }'; }

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ && !n++ { split($2, v, "."); print v[1] }'; }

run_bench() {
  local out=$1
  shift
  taskset -c "$CLIENT_CPU" "${BENCH_CMD[@]}" --host=127.0.0.1 "$@" >"$out.out" 2>"$out.err"
}

load_cases() {
  local server=$1 port i run out rates p99s errors args
  port=$(free_port)
  start_server "$server" "$port" "$OUT/$server-load.log"
  wait_listening "$port"
  for i in "${!CASE_NAMES[@]}"; do
    rates=()
    p99s=()
    read -r -a args <<<"${CASE_ARGS[i]}"
    for run in $(seq "$RUNS"); do
      out="$OUT/$server-case$((i + 1))-run$run"
      run_bench "$out" --port="$port" --size="$SIZE" --duration="$DURATION" --warmup="$WARMUP" "${args[@]}" ||
        NOTES+=("$server, ${CASE_NAMES[i]}, run $run: bench exited with an error, see $out.err")
      log "$server, ${CASE_NAMES[i]}, run $run: $(cat "$out.out")"
      errors=$(field errors "$out.out")
      if [[ ${errors:-1} != 0 ]]; then NOTES+=("$server, ${CASE_NAMES[i]}, run $run: errors=${errors:-?}"); fi
      rates+=("$(field 'msg/s' "$out.out")")
      p99s+=("$(field p99 "$out.out")")
    done
    RATE[$server,$i]=$(median "${rates[@]}")
    P99[$server,$i]=$(median "${p99s[@]}")
  done
  stop_server
}

# A fresh server, so the RSS growth is due to the idle connections alone.
idle_case() {
  local server=$1 port out before during held deadline
  port=$(free_port)
  out="$OUT/$server-idle"
  start_server "$server" "$port" "$out.log"
  wait_listening "$port"
  sleep 1
  before=$(rss_kib "$SERVER_PID")
  taskset -c "$CLIENT_CPU" "${BENCH_CMD[@]}" --idle --host=127.0.0.1 --port="$port" \
    --connections="$IDLE_CONNECTIONS" --hold="$HOLD" >"$out.out" 2>"$out.err" &
  BENCH_PID=$!
  deadline=$((SECONDS + 120))
  until grep -q 'holding' "$out.err" || ! kill -0 "$BENCH_PID" 2>/dev/null || ((SECONDS >= deadline)); do
    sleep 0.1
  done
  sleep "$IDLE_SETTLE"
  during=$(rss_kib "$SERVER_PID")
  wait "$BENCH_PID" || NOTES+=("$server, idle: bench exited with an error, see $out.err")
  BENCH_PID=""
  held=$(field held "$out.out")
  log "$server, idle: $(cat "$out.out"); VmRSS ${before} KiB before, ${during} KiB held"
  echo "rss_before_kib=$before rss_held_kib=$during" >>"$out.out"
  IDLE[$server]=$(awk -v a="$before" -v b="$during" -v n="${held:-0}" \
    'BEGIN { if (n > 0) printf "%.1f", (b - a) / n }')
  stop_server
}

# startup_case KEY SERVER [JAVA [JAR [JVM-OPTION...]]]: median milliseconds from launch to
# accepting TCP.
startup_case() {
  local key=$1 server=$2 java=${3:-$JAVA} jar=${4:-$JAR} run port t0 t1 times=()
  local extra=("${@:5}")
  # Startup is not pinned: a JVM starting on one core is slowed by its own JIT and GC threads.
  local PIN_CPUS="0-$(($(nproc) - 1))"
  for run in $(seq "$RUNS"); do
    port=$(free_port)
    t0=$(date +%s%N)
    start_server "$server" "$port" "$OUT/$key-startup-run$run.log" "$java" "$jar" ${extra[@]+"${extra[@]}"}
    wait_listening "$port"
    t1=$(date +%s%N)
    stop_server
    times+=($(((t1 - t0) / 1000000)))
    log "$key startup, run $run: ${times[-1]} ms"
  done
  STARTUP[$key]=$(median "${times[@]}")
}

for server in "${SERVERS[@]}"; do
  load_cases "$server"
  idle_case "$server"
done
# class_data_archive JAVA OPTION FILE: trains a class-data archive for the extracted jar with
# one startup that exits after refresh (Spring Boot's training run).
class_data_archive() {
  "$1" "$2=$3" -Dspring.context.exit=onRefresh -jar "$OUT/extracted/tcp-gateway.jar" \
    --gateway.tcp.port=0 --server.port=0 >"$3.log" 2>&1
}

declare -A STARTUP_JAVA=() STARTUP_LABEL=()
STARTUP_KEYS=()
if [[ " ${SERVERS[*]} " == *" gateway "* ]]; then
  "$JAVA17" -Djarmode=tools -jar "$JAR" extract --destination "$OUT/extracted" >/dev/null
  EXTRACTED=$OUT/extracted/tcp-gateway.jar
  STARTUP_KEYS+=(gateway-java17 gateway-java17-cds)
  STARTUP_JAVA[gateway-java17]=$JAVA17 STARTUP_LABEL[gateway-java17]="plain jar"
  STARTUP_JAVA[gateway-java17-cds]=$JAVA17 STARTUP_LABEL[gateway-java17-cds]="extracted, CDS archive"
  startup_case gateway-java17 gateway "$JAVA17"
  class_data_archive "$JAVA17" -XX:ArchiveClassesAtExit "$OUT/app.jsa"
  startup_case gateway-java17-cds gateway "$JAVA17" "$EXTRACTED" -XX:SharedArchiveFile="$OUT/app.jsa"
  if [[ -x $JAVA25 ]]; then
    STARTUP_KEYS+=(gateway-java25 gateway-java25-aot)
    STARTUP_JAVA[gateway-java25]=$JAVA25 STARTUP_LABEL[gateway-java25]="plain jar"
    STARTUP_JAVA[gateway-java25-aot]=$JAVA25 STARTUP_LABEL[gateway-java25-aot]="extracted, AOT cache"
    startup_case gateway-java25 gateway "$JAVA25"
    class_data_archive "$JAVA25" -XX:AOTCacheOutput "$OUT/app.aot"
    startup_case gateway-java25-aot gateway "$JAVA25" "$EXTRACTED" -XX:AOTCache="$OUT/app.aot"
  else
    NOTES+=("JAVA25 ($JAVA25) not found: no Java 25 startup rows")
  fi
fi
if [[ " ${SERVERS[*]} " == *" node "* ]]; then
  startup_case node node
fi

cell() { echo "${1:--}"; }

{
  echo "## tcp-gateway vs Node.js echo baseline"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'):" \
    "$SIZE-byte lines, median of $RUNS runs of $DURATION after $WARMUP warm-up;" \
    "server on CPU $SERVER_CPU, load generator on CPU $CLIENT_CPU;" \
    "gateway JVM: $("$JAVA" -version 2>&1 | head -n1); node $(node --version 2>/dev/null || echo '?')."
  echo
  echo "| case | gateway msg/s | node msg/s | ratio | gateway p99 (us) | node p99 (us) | ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for i in "${!CASE_NAMES[@]}"; do
    g=${RATE[gateway,$i]:-}
    n=${RATE[node,$i]:-}
    gp=${P99[gateway,$i]:-}
    np=${P99[node,$i]:-}
    echo "| ${CASE_NAMES[i]} | $(cell "$g") | $(cell "$n") | $(ratio "$g" "$n") |" \
      "$(cell "$gp") | $(cell "$np") | $(ratio "$gp" "$np") |"
  done
  echo
  echo "| metric | gateway | node | ratio |"
  echo "|---|---:|---:|---:|"
  echo "| idle: server RSS per connection, $IDLE_CONNECTIONS held (KiB) | $(cell "${IDLE[gateway]:-}") |" \
    "$(cell "${IDLE[node]:-}") | $(ratio "${IDLE[gateway]:-}" "${IDLE[node]:-}") |"
  if ((${#STARTUP_JAVA[@]} == 0)); then
    echo "| startup to listening (ms) | - | $(cell "${STARTUP[node]:-}") | - |"
  fi
  for key in ${STARTUP_KEYS[@]+"${STARTUP_KEYS[@]}"}; do
    echo "| startup to listening, Java $(java_major "${STARTUP_JAVA[$key]}"), ${STARTUP_LABEL[$key]} (ms) |" \
      "$(cell "${STARTUP[$key]:-}") | $(cell "${STARTUP[node]:-}") |" \
      "$(ratio "${STARTUP[$key]:-}" "${STARTUP[node]:-}") |"
  done
  if ((${#NOTES[@]} > 0)); then
    echo
    printf -- '- %s\n' "${NOTES[@]}"
  fi
} | tee "$OUT/summary.md"
log "raw output in $OUT"
