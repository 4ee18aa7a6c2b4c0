#!/usr/bin/env bash
# Benchmarks the gateway against two echo baselines: bench/node-echo-server.js (the lesson's
# Node.js server) and bench/NettyEchoServer.java (the least a Netty line server can do, the
# ceiling for a Netty-based gateway). The gateway and the Netty server run on Java 17 and on
# Java 25 in the same run. Reports throughput and p99 latency per load case, server memory
# per idle connection, whether the gateway holds SCALE_CONNECTIONS idle connections on
# Java 17, and optionally startup time; each figure next to its target. Prints Markdown
# tables; raw output goes to bench/results/<timestamp>/.
#
# Build first: mvn -q -DskipTests package
# Then:        bench/compare.sh          (echo, TLS, idle and startup rows)
#              bench/compare.sh fanout   (chat and alarm fan-out cases, see "Fan-out" below)
#              bench/compare.sh startup  (only the startup rows)
# Smoke test:  RUNS=1 DURATION=1s WARMUP=0s IDLE_CONNECTIONS=200 SCALE_CONNECTIONS=500 STARTUP=0 bench/compare.sh
#
# Environment (defaults in brackets):
#   RUNS [3]               runs per load case and per startup; medians are reported
#   DURATION [10s]         measured time per run
#   WARMUP [2s]            unmeasured warm-up per run
#   ONLY [gateway,netty,node]   servers to run, a comma list
#   JDKS [17,25]           JDKs that run the gateway and the Netty server, a comma list
#   JAVA17 [java], JAVA25 [/usr/lib/jvm/temurin-25-jdk-amd64/bin/java]   the JVMs for JDKS
#   JAVA_OPTS []           extra JVM options for the gateway
#   NETTY_OPTS []          extra JVM options for the Netty echo server
#   IDLE_CONNECTIONS [10000], HOLD [10s], IDLE_SETTLE [2]   idle case; RSS is sampled
#                          IDLE_SETTLE seconds after all connections are held
#   SOURCES [4]            loopback source addresses (127.0.0.1..N) for the idle and scale
#                          cases; each has only ~28,000 ephemeral ports
#   SCALE [1], SCALE_CONNECTIONS [50000]   scale case: the gateway on JAVA17 with the default
#                          heap holds SCALE_CONNECTIONS idle connections; the script raises
#                          --gateway.tcp.max-connections and ulimit -n for it
#   TLS [1]                1 adds TLS rows for the gateway: 100 conns ping-pong over its TLS
#                          port (bench --tls) and full handshakes/s opening 1000 connections,
#                          next to the same plain figures; the certificate is a throwaway
#                          self-signed one made with openssl
#   STARTUP [1]            1 adds startup-to-listening rows for the gateway (plain jar, and
#                          extracted with CDS on 17 / AOT cache on 25) and for node
#   STARTUP_RUNS [5]       starts per startup row; the rows take turns, medians are reported
#   SERVER_CPU [0], CLIENT_CPU [1]   taskset pinning of the server and the load generator
#   BENCH [java -jar target/tcp-gateway.jar bench]   load generator command
#   LISTEN_TIMEOUT [300]   seconds a server may take to listen (a pinned JVM on a busy machine)
#
# Fan-out (bench/compare.sh fanout): the chat anchors bench/node-chat-server.js and
# bench/NettyChatServer.java (on the first of JDKS) and the gateway on each of JDKS, each restarted
# every round, RUNS rounds in an order rotated each round; medians. Cases: 1. FANOUT_SMALL members
# each sending 10 lines/s, 2. FANOUT_LARGE members, one sending 100 lines/s, 3a. FANOUT_SMALL
# members all sending and 3b. FANOUT_LARGE members with 10 senders in a closed loop
# (FANOUT_WINDOW lines per sender not yet delivered to all), 4. one alarm to ALARM_CONNECTIONS
# connections (median of ALARM_ROUNDS alarms a round).
#   FANOUT_DURATION [5s], FANOUT_WARMUP [2s]   measured time and warm-up per chat case
#   FANOUT_SMALL [100], FANOUT_LARGE [1000], FANOUT_WINDOW [2]   room sizes and closed-loop window
#   ALARM_CONNECTIONS [10000], ALARM_ROUNDS [5]   the alarm case
#   FANOUT_CASES [1,2,3a,3b,4]   the cases to run, a comma list; the others show "-"
# Smoke test:  RUNS=1 FANOUT_DURATION=1s FANOUT_WARMUP=0s FANOUT_LARGE=200 ALARM_CONNECTIONS=500 bench/compare.sh fanout
set -euo pipefail

cd "$(dirname "$0")/.."

JAR=target/tcp-gateway.jar
CLASSPATH_FILE=target/bench-classpath.txt
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
ONLY=${ONLY:-gateway,netty,node}
JDKS=${JDKS:-17,25}
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000}
HOLD=${HOLD:-10s}
IDLE_SETTLE=${IDLE_SETTLE:-2}
SOURCES=${SOURCES:-4}
SCALE=${SCALE:-1}
SCALE_CONNECTIONS=${SCALE_CONNECTIONS:-50000}
STARTUP=${STARTUP:-1}
TLS=${TLS:-1}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
STARTUP_RUNS=${STARTUP_RUNS:-5}
BENCH=${BENCH:-java -jar $JAR bench}
SECTION=${1:-echo}
LISTEN_TIMEOUT=${LISTEN_TIMEOUT:-300}
FANOUT_DURATION=${FANOUT_DURATION:-5s}
FANOUT_WARMUP=${FANOUT_WARMUP:-2s}
FANOUT_SMALL=${FANOUT_SMALL:-100}
FANOUT_LARGE=${FANOUT_LARGE:-1000}
FANOUT_WINDOW=${FANOUT_WINDOW:-2}
ALARM_CONNECTIONS=${ALARM_CONNECTIONS:-10000}
ALARM_ROUNDS=${ALARM_ROUNDS:-5}
FANOUT_CASES=${FANOUT_CASES:-1,2,3a,3b,4}
SIZE=64
# The gateway's own default for gateway.tcp.max-connections (application.yml).
GATEWAY_MAX_CONNECTIONS=10000

read -r -a BENCH_CMD <<<"$BENCH"
read -r -a GATEWAY_OPTS <<<"${JAVA_OPTS:-}"
read -r -a NETTY_JVM_OPTS <<<"${NETTY_OPTS:-}"

CASE_NAMES=("1 conn ping-pong" "100 conns ping-pong" "100 conns pipeline 16" "1000 conns ping-pong")
CASE_ARGS=("--connections=1 --pipeline=1" "--connections=100 --pipeline=1"
  "--connections=100 --pipeline=16" "--connections=1000 --pipeline=1")
# Targets per case, "-" for none: gateway/node msg/s (at least), gateway/netty msg/s (at
# least), gateway/node p99 (at most).
TARGET_NODE=(1.0 1.0 0.8 1.0)
TARGET_NETTY=(0.85 0.85 0.85 0.85)
TARGET_P99=(- 1.2 2 -)
TARGET_IDLE_KIB=6
# Startup to listening of the gateway on Java 25 with the AOT cache, ms (at most).
TARGET_STARTUP_MS=2000

log() { echo "compare.sh: $*" >&2; }

case $SECTION in
  echo | fanout) ;;
  startup) STARTUP=1 ;;
  *) log "usage: bench/compare.sh [echo|fanout|startup], not '$SECTION'"; exit 2 ;;
esac
# The startup rows' code says "all" for the echo section, which runs them after the load rows.
MODE=$SECTION
if [[ $SECTION == echo ]]; then MODE=all; fi

SERVERS=()
IFS=, read -r -a requested <<<"$ONLY"
for server in gateway netty node; do
  for r in "${requested[@]}"; do
    if [[ $r == "$server" ]]; then SERVERS+=("$server") && break; fi
  done
done
for r in "${requested[@]}"; do
  case $r in
    gateway | netty | node) ;;
    *) log "ONLY takes a comma list of gateway, netty and node, not '$ONLY'"; exit 2 ;;
  esac
done
has_server() { [[ " ${SERVERS[*]} " == *" $1 "* ]]; }

NOTES=()
declare -A JAVA_FOR=([17]=$JAVA17 [25]=$JAVA25)
JDK_LIST=()
IFS=, read -r -a requested <<<"$JDKS"
for jdk in "${requested[@]}"; do
  case $jdk in
    17 | 25) ;;
    *) log "JDKS takes a comma list of 17 and 25, not '$JDKS'"; exit 2 ;;
  esac
  if ! command -v "${JAVA_FOR[$jdk]}" >/dev/null; then
    log "warning: JAVA$jdk (${JAVA_FOR[$jdk]}) not found, skipping Java $jdk"
    NOTES+=("JAVA$jdk (${JAVA_FOR[$jdk]}) not found: no Java $jdk figures")
    continue
  fi
  JDK_LIST+=("$jdk")
done

# Runtimes: each JVM server once per JDK, node once. A key is "server-jdk" or "node".
RUNTIMES=()
for server in "${SERVERS[@]}"; do
  if [[ $server == node ]]; then
    RUNTIMES+=(node)
  else
    for jdk in ${JDK_LIST[@]+"${JDK_LIST[@]}"}; do RUNTIMES+=("$server-$jdk"); done
  fi
done
if ((${#RUNTIMES[@]} == 0)); then
  log "nothing to run (ONLY=$ONLY, JDKS=$JDKS)"
  exit 2
fi

if [[ " ${RUNTIMES[*]} " == *" gateway-"* || $BENCH == *"$JAR"* ]] && [[ ! -f $JAR ]]; then
  log "$JAR not found; build it first: mvn -q -DskipTests package"
  exit 1
fi
command -v taskset >/dev/null || { log "taskset not found (util-linux)"; exit 1; }

NETTY_CP=""
if has_server netty && [[ $MODE != startup ]]; then
  if [[ ! -s $CLASSPATH_FILE || pom.xml -nt $CLASSPATH_FILE ]]; then
    log "writing the Netty classpath to $CLASSPATH_FILE"
    mvn -q dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE" >&2
  fi
  # Only the Netty jars: the echo server needs nothing else, and compiles faster without.
  NETTY_CP=$(tr ':' '\n' <"$CLASSPATH_FILE" | grep '/io/netty/' | paste -sd: || true)
  if [[ -z $NETTY_CP ]]; then
    log "no Netty jars in $CLASSPATH_FILE; is io.netty:netty-handler in pom.xml?"
    exit 1
  fi
fi

run_scale=0
if [[ $SECTION == echo ]]; then
  # Each idle connection needs a descriptor on each side (the server and the load generator
  # both inherit this limit).
  if [[ $SCALE == 1 ]] && has_server gateway && command -v "$JAVA17" >/dev/null; then run_scale=1; fi
  need=$((IDLE_CONNECTIONS + 200))
  if ((run_scale && SCALE_CONNECTIONS + 200 > need)); then need=$((SCALE_CONNECTIONS + 200)); fi
  if (($(ulimit -n) < need)); then
    ulimit -n "$need" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  fi
  if (($(ulimit -n) < IDLE_CONNECTIONS + 200)); then
    log "warning: ulimit -n is $(ulimit -n), too low for $IDLE_CONNECTIONS idle connections"
  fi
  if ((run_scale && $(ulimit -n) < SCALE_CONNECTIONS + 200)); then
    log "warning: ulimit -n is at most $(ulimit -n) here, too low for $SCALE_CONNECTIONS connections: no scale case"
    NOTES+=("scale case not run: ulimit -n could only be raised to $(ulimit -n) (hard limit $(ulimit -Hn));" \
      "$SCALE_CONNECTIONS connections need $((SCALE_CONNECTIONS + 200)) descriptors per process")
    run_scale=0
  fi
  ports=$(awk '{ print $2 - $1 + 1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 28232)
  if ((run_scale && SCALE_CONNECTIONS > SOURCES * ports * 9 / 10)); then
    log "warning: $SCALE_CONNECTIONS connections from $SOURCES source addresses with $ports ephemeral ports each; raise SOURCES"
  fi
else
  # Each alarm connection needs a descriptor in the server and one in the load generator.
  need=$((ALARM_CONNECTIONS + 1000))
  if (($(ulimit -n) < need)); then ulimit -n "$need" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true; fi
  if (($(ulimit -n) < need)); then
    log "warning: ulimit -n is at most $(ulimit -n), too low for $ALARM_CONNECTIONS alarm connections"
  fi
fi

OUT=bench/results/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"

SERVER_PID=""
BENCH_PID=""
declare -A RATE=() P99=() IDLE=() HELD=() IDLE_ERRORS=() CONNECTS=() TLS_RATE=() TLS_P99=()
declare -A TLS_CONNECTS=()

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

cleanup() {
  if [[ -n $BENCH_PID ]]; then kill "$BENCH_PID" 2>/dev/null || true; fi
  if [[ -n $SERVER_PID ]]; then stop_server; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# free_port: a port no socket uses on any address. Binding the wildcard address matters: after
# an idle case, ports bound to 127.0.0.2.. linger in TIME_WAIT and would block the servers'
# wildcard listen.
free_port() {
  python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000))
}

java_of() { echo "${JAVA_FOR[${1##*-}]}"; }

# start_server KEY PORT LOG [GATEWAY-ARG...]: starts the runtime KEY (gateway-17, netty-25,
# node, chat-netty-17, chat-node, ...) pinned to SERVER_CPU (or PIN_CPUS) and sets SERVER_PID. The arguments go to the
# gateway after its own; JVM_EXTRA (an array) adds gateway JVM options and JAR_FILE replaces
# the jar (both for the startup rows). HTTP_PORT, when set, is the gateway's HTTP port and the
# chat anchors' alarm port.
start_server() {
  local key=$1 port=$2 out=$3 cpus=${PIN_CPUS:-$SERVER_CPU}
  shift 3
  case $key in
    gateway-*)
      taskset -c "$cpus" "$(java_of "$key")" ${GATEWAY_OPTS[@]+"${GATEWAY_OPTS[@]}"} \
        ${JVM_EXTRA[@]+"${JVM_EXTRA[@]}"} -jar "${JAR_FILE:-$JAR}" --gateway.tcp.port="$port" \
        --server.port="${HTTP_PORT:-0}" \
        --logging.level.root=WARN "$@" >"$out" 2>&1 &
      ;;
    netty-*)
      taskset -c "$cpus" "$(java_of "$key")" ${NETTY_JVM_OPTS[@]+"${NETTY_JVM_OPTS[@]}"} -cp "$NETTY_CP" \
        bench/NettyEchoServer.java "$port" >"$out" 2>&1 &
      ;;
    node)
      taskset -c "$cpus" node bench/node-echo-server.js "$port" >"$out" 2>&1 &
      ;;
    chat-netty-*)
      taskset -c "$cpus" "$(java_of "$key")" ${NETTY_JVM_OPTS[@]+"${NETTY_JVM_OPTS[@]}"} -cp "$NETTY_CP" \
        bench/NettyChatServer.java "$port" "$HTTP_PORT" >"$out" 2>&1 &
      ;;
    chat-node)
      taskset -c "$cpus" node bench/node-chat-server.js "$port" "$HTTP_PORT" >"$out" 2>&1 &
      ;;
  esac
  SERVER_PID=$!
}

# wait_listening PORT: polls until the server accepts TCP connections on PORT; status 1 if
# the server exited first, 2 after LISTEN_TIMEOUT seconds.
wait_listening() {
  local port=$1 deadline=$((SECONDS + LISTEN_TIMEOUT))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      wait "$SERVER_PID" 2>/dev/null || true
      SERVER_PID=""
      return 1
    fi
    if ((SECONDS >= deadline)); then
      log "server not listening on $port after ${LISTEN_TIMEOUT}s, see the logs in $OUT"
      return 2
    fi
    sleep 0.01
  done
}

# serve KEY LOG [GATEWAY-ARG...]: start_server on a free port and wait until it listens; sets
# PORT, and SERVED_AT to the launch time in ns. The machine is shared, so a port found free may be taken before the server binds it:
# then it tries another port, three times in all.
serve() {
  local key=$1 out=$2 attempt status
  shift 2
  for attempt in 1 2 3; do
    PORT=$(free_port)
    SERVED_AT=$(date +%s%N)
    start_server "$key" "$PORT" "$out" "$@"
    status=0
    wait_listening "$PORT" || status=$?
    if ((status == 0)); then return 0; fi
    if ((status == 2)); then exit 1; fi
    log "$key exited before listening on $PORT (attempt $attempt), see $out"
    cp "$out" "$out.attempt$attempt" 2>/dev/null || true
  done
  log "$key did not start, giving up"
  exit 1
}

# field KEY FILE: the number after " KEY=" in the bench summary line.
field() { grep -oE "(^| )$1=[0-9.]+" "$2" 2>/dev/null | head -n1 | sed 's/.*=//' || true; }

median() { printf '%s\n' "$@" | awk 'NF' | sort -g | awk '{ v[NR] = $0 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2f", a / b }'; }

# verdict VALUE OP LIMIT: "≥ 1.0 ok", "≥ 1.0 **miss**", or the bare target when VALUE is
# missing; "-" when there is no target.
verdict() {
  local value=$1 op=$2 limit=$3
  if [[ $limit == - ]]; then echo "-" && return; fi
  awk -v v="$value" -v op="$op" -v l="$limit" 'BEGIN {
    t = (op == ">=") ? "≥ " l : "≤ " l
    if (v == "" || v == "-") { print t; exit }
    ok = (op == ">=") ? (v + 0 >= l + 0) : (v + 0 <= l + 0)
    print t (ok ? " ok" : " **miss**")
  }'
}

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

java_version() { "$1" -version 2>&1 | head -n1; }

java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ && !n++ { split($2, v, "."); print v[1] }'; }

run_bench() {
  local out=$1
  shift
  taskset -c "$CLIENT_CPU" "${BENCH_CMD[@]}" --host=127.0.0.1 "$@" >"$out.out" 2>"$out.err"
}

load_cases() {
  local key=$1 port i run out rates p99s errors args connects=()
  serve "$key" "$OUT/$key-load.log"
  port=$PORT
  for i in "${!CASE_NAMES[@]}"; do
    rates=()
    p99s=()
    read -r -a args <<<"${CASE_ARGS[i]}"
    for run in $(seq "$RUNS"); do
      out="$OUT/$key-case$((i + 1))-run$run"
      run_bench "$out" --port="$port" --size="$SIZE" --duration="$DURATION" --warmup="$WARMUP" "${args[@]}" ||
        NOTES+=("$key, ${CASE_NAMES[i]}, run $run: bench exited with an error, see $out.err")
      log "$key, ${CASE_NAMES[i]}, run $run: $(cat "$out.out")"
      errors=$(field errors "$out.out")
      if [[ ${errors:-1} != 0 ]]; then NOTES+=("$key, ${CASE_NAMES[i]}, run $run: errors=${errors:-?}"); fi
      rates+=("$(field 'msg/s' "$out.out")")
      p99s+=("$(field p99 "$out.out")")
      # The 1000-connection case, to set beside the TLS handshakes that open as many.
      if ((i == 3)); then connects+=("$(field 'connects/s' "$out.out")"); fi
    done
    RATE[$key,$i]=$(median "${rates[@]}")
    P99[$key,$i]=$(median "${p99s[@]}")
  done
  CONNECTS[$key]=$(median "${connects[@]}")
  stop_server
}

# tls_cases KEY: the gateway runtime KEY with its TLS listener on a throwaway certificate:
# 100 connections ping-pong over TLS (TLS_RATE, TLS_P99) and the rate of full handshakes
# while opening 1000 connections, 200 at a time (TLS_CONNECTS).
tls_cases() {
  local key=$1 tls_port run out rates=() p99s=() connects=() dir=$OUT/tls
  if [[ ! -f $dir/server.crt ]]; then
    mkdir -p "$dir"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
      -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$dir/server.key" -out "$dir/server.crt" \
      >"$dir/openssl.log" 2>&1
  fi
  tls_port=$(free_port)
  serve "$key" "$OUT/$key-tls.log" --gateway.tls.port="$tls_port" --gateway.tls.bundle=bench \
    --spring.ssl.bundle.pem.bench.keystore.certificate="file:$dir/server.crt" \
    --spring.ssl.bundle.pem.bench.keystore.private-key="file:$dir/server.key"
  wait_listening "$tls_port" || { log "$key: TLS port $tls_port not listening"; exit 1; }
  for run in $(seq "$RUNS"); do
    out="$OUT/$key-tls-pingpong-run$run"
    run_bench "$out" --tls --port="$tls_port" --size="$SIZE" --duration="$DURATION" --warmup="$WARMUP" \
      --connections=100 --pipeline=1 || NOTES+=("$key, TLS ping-pong, run $run: bench exited with an error, see $out.err")
    log "$key, TLS 100 conns ping-pong, run $run: $(cat "$out.out")"
    rates+=("$(field 'msg/s' "$out.out")")
    p99s+=("$(field p99 "$out.out")")
    out="$OUT/$key-tls-handshakes-run$run"
    run_bench "$out" --tls --port="$tls_port" --size="$SIZE" --duration=1s --warmup=0s --connections=1000 ||
      NOTES+=("$key, TLS handshakes, run $run: bench exited with an error, see $out.err")
    log "$key, TLS handshakes, run $run: $(cat "$out.out")"
    connects+=("$(field 'connects/s' "$out.out")")
  done
  TLS_RATE[$key]=$(median "${rates[@]}")
  TLS_P99[$key]=$(median "${p99s[@]}")
  TLS_CONNECTS[$key]=$(median "${connects[@]}")
  stop_server
}

# idle_case NAME KEY CONNECTIONS [GATEWAY-ARG...]: holds CONNECTIONS idle connections from
# SOURCES source addresses on a fresh server, so the RSS growth is due to them alone; sets
# IDLE[NAME] (KiB per held connection), HELD[NAME] and IDLE_ERRORS[NAME].
idle_case() {
  local name=$1 key=$2 connections=$3 port out before during held deadline
  shift 3
  out="$OUT/$name-idle"
  serve "$key" "$out.log" "$@"
  port=$PORT
  sleep 1
  before=$(rss_kib "$SERVER_PID")
  taskset -c "$CLIENT_CPU" "${BENCH_CMD[@]}" --idle --host=127.0.0.1 --port="$port" --sources="$SOURCES" \
    --connections="$connections" --hold="$HOLD" >"$out.out" 2>"$out.err" &
  BENCH_PID=$!
  deadline=$((SECONDS + 120 + connections / 200))
  until grep -qs 'holding' "$out.err" || ! kill -0 "$BENCH_PID" 2>/dev/null || ((SECONDS >= deadline)); do
    sleep 0.1
  done
  sleep "$IDLE_SETTLE"
  during=$(rss_kib "$SERVER_PID")
  wait "$BENCH_PID" || NOTES+=("$name, idle: bench exited with an error, see $out.err")
  BENCH_PID=""
  held=$(field held "$out.out")
  log "$name, idle: $(cat "$out.out"); VmRSS ${before} KiB before, ${during} KiB held"
  echo "rss_before_kib=$before rss_held_kib=$during" >>"$out.out"
  HELD[$name]=${held:-0}
  IDLE_ERRORS[$name]=$(field errors "$out.out")
  IDLE[$name]=$(awk -v a="$before" -v b="$during" -v n="${held:-0}" \
    'BEGIN { if (n > 0) printf "%.1f", (b - a) / n }')
  stop_server
}

# cpu_ms PID: the CPU time (user and system, all threads) the process has used so far, in ms.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"; }

# startup_run NAME RUN: one start of the startup row NAME, not pinned, timed from launch until
# the port accepts TCP; appends the wall and CPU milliseconds to STARTUP_WALL and STARTUP_CPU.
startup_run() {
  local name=$1 run=$2 t1 cpu
  # Startup is not pinned: a JVM starting on one core is slowed by its own JIT and GC threads.
  local PIN_CPUS="0-$(($(nproc) - 1))"
  JVM_EXTRA=()
  if [[ -n ${STARTUP_JVM[$name]:-} ]]; then JVM_EXTRA=("${STARTUP_JVM[$name]}"); fi
  JAR_FILE=${STARTUP_JAR[$name]:-}
  serve "${STARTUP_KEY[$name]}" "$OUT/$name-startup-run$run.log"
  t1=$(date +%s%N)
  cpu=$(cpu_ms "$SERVER_PID")
  stop_server
  JVM_EXTRA=()
  JAR_FILE=""
  STARTUP_WALL[$name]+=" $(((t1 - SERVED_AT) / 1000000))"
  STARTUP_CPU[$name]+=" $cpu"
  log "$name startup, run $run: $(((t1 - SERVED_AT) / 1000000)) ms, CPU $cpu ms"
}

# class_data_archive JAVA OPTION FILE: trains a class-data archive for the extracted jar with
# one startup that exits after refresh (Spring Boot's training run).
class_data_archive() {
  "$1" "$2=$3" -Dspring.context.exit=onRefresh -jar "$OUT/extracted/tcp-gateway.jar" \
    --gateway.tcp.port=0 --server.port=0 >"$3.log" 2>&1
}

# gateway_capacity CONNECTIONS: the gateway argument that lets it hold that many.
gateway_capacity() {
  if (($1 > GATEWAY_MAX_CONNECTIONS)); then echo "--gateway.tcp.max-connections=$(($1 + 100))"; fi
}

# ---- Fan-out: bench/compare.sh fanout ----

FANOUT_IDS=(1 2 3a 3b)
FANOUT_NAMES=("1. $FANOUT_SMALL members, each sends 10 lines/s" "2. $FANOUT_LARGE members, one sends 100 lines/s"
  "3a. $FANOUT_SMALL members, all sending, closed loop" "3b. $FANOUT_LARGE members, 10 senders, closed loop")
FANOUT_ARGS=("--connections=$FANOUT_SMALL --senders=$FANOUT_SMALL --rate=10"
  "--connections=$FANOUT_LARGE --senders=1 --rate=100"
  "--connections=$FANOUT_SMALL --senders=$FANOUT_SMALL --window=$FANOUT_WINDOW"
  "--connections=$FANOUT_LARGE --senders=10 --window=$FANOUT_WINDOW")
ALARM_PASSWORD=bench-$RANDOM$RANDOM
declare -A FAN=()

# fanout_case ID: whether FANOUT_CASES has the case.
fanout_case() { [[ ",$FANOUT_CASES," == *",$1,"* ]]; }

# fanout_round KEY ROUND: one fresh server KEY through every fan-out case; raw figures go to
# FAN[KEY,CASE,FIELD,ROUND].
fanout_round() {
  local key=$1 round=$2 i out args figures field
  HTTP_PORT=$(free_port)
  local extra=()
  if [[ $key == gateway-* ]]; then
    # Only delivery is measured: no flood limit, room for the alarm connections and for
    # output queued while the load generator reads.
    extra=(--gateway.chat.max-lines-per-second=0 "--gateway.tcp.max-connections=$((ALARM_CONNECTIONS + 1000))"
      --gateway.tcp.max-pending-output=16MB "--spring.security.user.password=$ALARM_PASSWORD")
  fi
  serve "$key" "$OUT/$key-fanout-round$round.log" ${extra[@]+"${extra[@]}"}
  wait_listening "$HTTP_PORT" || { log "$key: HTTP port $HTTP_PORT not listening"; exit 1; }
  for i in "${!FANOUT_NAMES[@]}"; do
    fanout_case "${FANOUT_IDS[i]}" || continue
    out="$OUT/$key-fanout-case$((i + 1))-round$round"
    read -r -a args <<<"${FANOUT_ARGS[i]}"
    run_bench "$out" --chat --port="$PORT" --size="$SIZE" --duration="$FANOUT_DURATION" \
      --warmup="$FANOUT_WARMUP" "${args[@]}" ||
      NOTES+=("$key, ${FANOUT_NAMES[i]}, round $round: bench exited with an error, see $out.err")
    log "$key, ${FANOUT_NAMES[i]}, round $round: $(cat "$out.out")"
    for field in p99 deliveries/s missing reordered errors; do
      FAN[$key,$i,$field,$round]=$(field "$field" "$out.out")
    done
  done
  if ! fanout_case 4; then
    stop_server
    HTTP_PORT=""
    return
  fi
  out="$OUT/$key-fanout-alarm-round$round"
  run_bench "$out" --alarm --port="$PORT" --http-port="$HTTP_PORT" --password="$ALARM_PASSWORD" \
    --connections="$ALARM_CONNECTIONS" --rounds="$ALARM_ROUNDS" ||
    NOTES+=("$key, alarm, round $round: bench exited with an error, see $out.err")
  log "$key, alarm to $ALARM_CONNECTIONS connections, round $round: $(cat "$out.out")"
  for field in first last missing errors; do
    FAN[$key,4,$field,$round]=$(field "$field" "$out.out")
  done
  stop_server
  HTTP_PORT=""
}

# fan_median KEY CASE FIELD: the median over the rounds.
fan_median() {
  local round values=()
  for round in $(seq "$RUNS"); do values+=("${FAN[$1,$2,$3,$round]:-}"); done
  median "${values[@]}"
}

# fan_cell VALUE UNIT: microseconds as "17.5 ms", or a rate as "237k".
fan_cell() {
  awk -v v="$1" -v u="$2" 'BEGIN {
    if (v == "") { print "-"; exit }
    if (u == "ms") printf "%.1f ms", v / 1000; else printf "%.0fk", v / 1000
  }'
}

# fan_target GATEWAY-VALUE OP LIMIT: "ok" or "**miss**" for the gateway's figure.
fan_target() {
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
    if (v == "" || l == "") { print "-"; exit }
    ok = (op == ">=") ? (v + 0 >= l + 0) : (v + 0 <= l + 0)
    print ok ? "ok" : "**miss**"
  }'
}

fanout() {
  local keys=() key round i j field fields value problems=0 column
  if has_server node; then keys+=(chat-node); fi
  if has_server netty && ((${#JDK_LIST[@]} > 0)); then keys+=("chat-netty-${JDK_LIST[0]}"); fi
  if has_server gateway; then
    for jdk in ${JDK_LIST[@]+"${JDK_LIST[@]}"}; do keys+=("gateway-$jdk"); done
  fi
  if ((${#keys[@]} == 0)); then
    log "nothing to run (ONLY=$ONLY, JDKS=$JDKS)"
    exit 2
  fi
  for round in $(seq "$RUNS"); do
    # Rotate the order each round, so no server always runs first or after the same one.
    for ((j = 0; j < ${#keys[@]}; j++)); do
      fanout_round "${keys[(j + round - 1) % ${#keys[@]}]}" "$round"
    done
  done
  local ids=("${FANOUT_IDS[@]}" 4)
  for key in "${keys[@]}"; do
    for i in 0 1 2 3 4; do
      fanout_case "${ids[i]}" || continue
      fields=(missing reordered errors)
      # The alarm has no order to keep.
      if ((i == 4)); then fields=(missing errors); fi
      for field in "${fields[@]}"; do
        for round in $(seq "$RUNS"); do
          value=${FAN[$key,$i,$field,$round]:-}
          if [[ ${value:-x} != 0 ]]; then
            NOTES+=("$key, case $((i + 1)), round $round: $field=${value:-?}")
            problems=1
          fi
        done
      done
    done
  done
  {
    echo "## Fan-out: tcp-gateway vs Node.js and Netty ChannelGroup chat servers"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'):" \
      "$SIZE-byte lines, median of $RUNS rounds (order rotated, every server restarted each round)," \
      "chat cases $FANOUT_DURATION after $FANOUT_WARMUP warm-up, closed loop window $FANOUT_WINDOW," \
      "alarm: median of $ALARM_ROUNDS alarms a round; server on CPU $SERVER_CPU, load generator on CPU $CLIENT_CPU."
    for jdk in ${JDK_LIST[@]+"${JDK_LIST[@]}"}; do
      echo "Java $jdk: $(java_version "${JAVA_FOR[$jdk]}")."
    done
    if has_server node; then echo "Node.js $(node --version 2>/dev/null || echo '?')."; fi
    echo
    printf '| case |'
    for key in "${keys[@]}"; do
      case $key in
        chat-node) column="Node chat" ;;
        chat-netty-*) column="Netty \`ChannelGroup\` chat (Java ${key##*-})" ;;
        gateway-*) column="gateway, Java ${key##*-}" ;;
      esac
      printf ' %s |' "$column"
    done
    echo
    printf '|---|'
    for key in "${keys[@]}"; do printf -- '---:|'; done
    echo
    fan_row() {
      local label=$1 i=$2 field=$3 unit=$4
      printf '| %s |' "$label"
      for key in "${keys[@]}"; do printf ' %s |' "$(fan_cell "$(fan_median "$key" "$i" "$field")" "$unit")"; done
      echo
    }
    fan_row "${FANOUT_NAMES[0]}: p99 delivery latency" 0 p99 ms
    fan_row "${FANOUT_NAMES[1]}: p99" 1 p99 ms
    fan_row "${FANOUT_NAMES[2]}: deliveries/s" 2 deliveries/s k
    fan_row "${FANOUT_NAMES[2]}: p99" 2 p99 ms
    fan_row "${FANOUT_NAMES[3]}: deliveries/s" 3 deliveries/s k
    fan_row "${FANOUT_NAMES[3]}: p99" 3 p99 ms
    fan_row "4. one alarm to $ALARM_CONNECTIONS connections: POST to the first client" 4 first ms
    fan_row "4. the same: to the last client" 4 last ms
    echo
    if has_server gateway && has_server node; then
      local netty_key="chat-netty-${JDK_LIST[0]:-}"
      echo "Targets (issue 16), per JDK: p99 in cases 1 and 2 no worse than Node's; deliveries/s in case 3 at" \
        "least Node's and the Netty anchor's; case 4 first client within 20 ms, last no later than Node's."
      echo
      echo "| JDK | 1. p99 ≤ node | 2. p99 ≤ node | 3a ≥ node, netty | 3b ≥ node, netty | 4. first ≤ 20 ms | 4. last ≤ node |"
      echo "|---|---|---|---|---|---|---|"
      for jdk in ${JDK_LIST[@]+"${JDK_LIST[@]}"}; do
        key=gateway-$jdk
        printf '| %s | %s | %s |' "$jdk" \
          "$(fan_target "$(fan_median "$key" 0 p99)" "<=" "$(fan_median chat-node 0 p99)")" \
          "$(fan_target "$(fan_median "$key" 1 p99)" "<=" "$(fan_median chat-node 1 p99)")"
        for i in 2 3; do
          value=$(fan_median "$key" "$i" deliveries/s)
          printf ' %s, %s |' "$(fan_target "$value" ">=" "$(fan_median chat-node "$i" deliveries/s)")" \
            "$(fan_target "$value" ">=" "$(fan_median "$netty_key" "$i" deliveries/s)")"
        done
        printf ' %s | %s |\n' "$(fan_target "$(fan_median "$key" 4 first)" "<=" 20000)" \
          "$(fan_target "$(fan_median "$key" 4 last)" "<=" "$(fan_median chat-node 4 last)")"
      done
      echo
    fi
    if ((problems == 0)); then
      echo "No line was lost or reordered and no alarm was missed by any server in any round."
    fi
    if ((${#NOTES[@]} > 0)); then
      echo
      printf -- '- %s\n' "${NOTES[@]}"
    fi
  } | tee "$OUT/summary.md"
  log "raw output in $OUT"
}

if [[ $SECTION == fanout ]]; then
  fanout
  exit 0
fi

run_tls=0
if [[ $TLS == 1 ]] && has_server gateway; then
  if command -v openssl >/dev/null; then run_tls=1; else NOTES+=("TLS rows not run: openssl not found"); fi
fi

for key in "${RUNTIMES[@]}"; do
  if [[ $MODE != all ]]; then break; fi
  load_cases "$key"
  if ((run_tls)) && [[ $key == gateway-* ]]; then tls_cases "$key"; fi
  capacity=()
  if [[ $key == gateway-* ]]; then read -r -a capacity <<<"$(gateway_capacity "$IDLE_CONNECTIONS")"; fi
  idle_case "$key" "$key" "$IDLE_CONNECTIONS" ${capacity[@]+"${capacity[@]}"}
done

if ((run_scale)); then
  # The default heap: GATEWAY_OPTS (JAVA_OPTS) still apply, so leave -Xmx out of them.
  idle_case scale gateway-17 "$SCALE_CONNECTIONS" "--gateway.tcp.max-connections=$((SCALE_CONNECTIONS + 100))"
fi

# startup_cases: the startup rows: the gateway on each JDK from the plain jar, and from the
# extracted jar with the class-data archive of a training run (CDS on 17, the AOT cache on 25),
# as the README's "Fast start" and the Dockerfile run it; and node. The rows take turns (A B C
# D, A B C D, ...), so a change in the load of this shared machine hits them alike; the load
# average is reported with them.
startup_cases() {
  local jdk java name run
  STARTUP_LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  if [[ " ${RUNTIMES[*]} " == *" gateway-"* ]]; then
    "$JAVA17" -Djarmode=tools -jar "$JAR" extract --destination "$OUT/extracted" >/dev/null
    for jdk in "${JDK_LIST[@]}"; do
      java=${JAVA_FOR[$jdk]}
      STARTUP_ROWS+=("gateway-$jdk")
      STARTUP_KEY[gateway-$jdk]=gateway-$jdk
      STARTUP_LABEL[gateway-$jdk]="gateway, Java $(java_major "$java"), plain jar"
      name=gateway-$jdk-archive
      if [[ $jdk == 17 ]]; then
        STARTUP_LABEL[$name]="gateway, Java $(java_major "$java"), extracted, CDS archive"
        class_data_archive "$java" -XX:ArchiveClassesAtExit "$OUT/app.jsa"
        STARTUP_JVM[$name]=-XX:SharedArchiveFile=$OUT/app.jsa
      else
        STARTUP_LABEL[$name]="gateway, Java $(java_major "$java"), extracted, AOT cache"
        class_data_archive "$java" -XX:AOTCacheOutput "$OUT/app.aot"
        STARTUP_JVM[$name]=-XX:AOTCache=$OUT/app.aot
      fi
      STARTUP_ROWS+=("$name")
      STARTUP_KEY[$name]=gateway-$jdk
      STARTUP_JAR[$name]=$OUT/extracted/tcp-gateway.jar
    done
  fi
  if has_server node; then
    STARTUP_ROWS+=(node)
    STARTUP_KEY[node]=node
    STARTUP_LABEL[node]="node"
  fi
  for run in $(seq "$STARTUP_RUNS"); do
    for name in "${STARTUP_ROWS[@]}"; do startup_run "$name" "$run"; done
  done
  STARTUP_LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
}

STARTUP_ROWS=()
declare -A STARTUP_LABEL=() STARTUP_KEY=() STARTUP_JVM=() STARTUP_JAR=() STARTUP_WALL=() STARTUP_CPU=()
if [[ $STARTUP == 1 ]]; then startup_cases; fi

cell() { echo "${1:--}"; }

# JDK rows of the tables: one per JDK, or a single "-" row when only node ran.
ROW_JDKS=(${JDK_LIST[@]+"${JDK_LIST[@]}"})
if ((${#ROW_JDKS[@]} == 0)) || [[ " ${RUNTIMES[*]} " != *"-"* ]]; then ROW_JDKS=(-); fi

netty_version=$(grep -oE 'netty-transport-[0-9][^/]*\.jar' "$CLASSPATH_FILE" 2>/dev/null | head -n1 |
  sed -E 's/netty-transport-(.*)\.jar/\1/' || true)

# load_tables: the throughput, latency, TLS, idle and scale tables in Markdown.
load_tables() {
  echo
  echo "### Throughput (msg/s)"
  echo
  echo "| case | JDK | gateway | netty | node | gateway/node | target | gateway/netty | target |"
  echo "|---|---|---:|---:|---:|---:|---|---:|---|"
  for i in "${!CASE_NAMES[@]}"; do
    for jdk in "${ROW_JDKS[@]}"; do
      g=${RATE[gateway-$jdk,$i]:-}
      ne=${RATE[netty-$jdk,$i]:-}
      no=${RATE[node,$i]:-}
      rn=$(ratio "$g" "$no")
      rt=$(ratio "$g" "$ne")
      echo "| ${CASE_NAMES[i]} | $jdk | $(cell "$g") | $(cell "$ne") | $(cell "$no") |" \
        "$rn | $(verdict "$rn" ">=" "${TARGET_NODE[i]}") | $rt | $(verdict "$rt" ">=" "${TARGET_NETTY[i]}") |"
    done
  done
  echo
  echo "### p99 latency (us)"
  echo
  echo "| case | JDK | gateway | netty | node | gateway/node | target | gateway/netty |"
  echo "|---|---|---:|---:|---:|---:|---|---:|"
  for i in "${!CASE_NAMES[@]}"; do
    for jdk in "${ROW_JDKS[@]}"; do
      g=${P99[gateway-$jdk,$i]:-}
      ne=${P99[netty-$jdk,$i]:-}
      no=${P99[node,$i]:-}
      rn=$(ratio "$g" "$no")
      echo "| ${CASE_NAMES[i]} | $jdk | $(cell "$g") | $(cell "$ne") | $(cell "$no") |" \
        "$rn | $(verdict "$rn" "<=" "${TARGET_P99[i]}") | $(ratio "$g" "$ne") |"
    done
  done
  if ((run_tls)); then
    echo
    echo "### TLS: the gateway's TLS port next to its plain port (BoringSSL on Linux x86-64, else the JDK; RSA 2048)"
    echo
    echo "| JDK | case | plain | TLS | TLS/plain |"
    echo "|---|---|---:|---:|---:|"
    for jdk in ${JDK_LIST[@]+"${JDK_LIST[@]}"}; do
      k=gateway-$jdk
      echo "| $jdk | 100 conns ping-pong, msg/s | $(cell "${RATE[$k,1]:-}") | $(cell "${TLS_RATE[$k]:-}") |" \
        "$(ratio "${TLS_RATE[$k]:-}" "${RATE[$k,1]:-}") |"
      echo "| $jdk | 100 conns ping-pong, p99 (us) | $(cell "${P99[$k,1]:-}") | $(cell "${TLS_P99[$k]:-}") |" \
        "$(ratio "${TLS_P99[$k]:-}" "${P99[$k,1]:-}") |"
      echo "| $jdk | connects/s (TLS: full handshakes/s), 200 at a time | $(cell "${CONNECTS[$k]:-}") |" \
        "$(cell "${TLS_CONNECTS[$k]:-}") | $(ratio "${TLS_CONNECTS[$k]:-}" "${CONNECTS[$k]:-}") |"
    done
  fi
  echo
  echo "### Idle: server RSS growth per connection, $IDLE_CONNECTIONS held from $SOURCES source addresses (KiB)"
  echo
  echo "| JDK | gateway | held | netty | node | target (gateway) |"
  echo "|---|---:|---:|---:|---:|---|"
  for jdk in "${ROW_JDKS[@]}"; do
    g=${IDLE[gateway-$jdk]:-}
    echo "| $jdk | $(cell "$g") | $(cell "${HELD[gateway-$jdk]:-}") | $(cell "${IDLE[netty-$jdk]:-}") |" \
      "$(cell "${IDLE[node]:-}") | $(verdict "$g" "<=" "$TARGET_IDLE_KIB") |"
  done
  if [[ $SCALE == 1 ]] && has_server gateway; then
    echo
    echo "### Scale: idle connections held by the gateway on Java 17, default heap"
    echo
    echo "| requested | held | errors | RSS growth per connection (KiB) | target |"
    echo "|---:|---:|---:|---:|---|"
    if [[ -n ${HELD[scale]:-} ]]; then
      ok=$([[ ${HELD[scale]} == "$SCALE_CONNECTIONS" ]] && echo ok || echo "**miss**")
      echo "| $SCALE_CONNECTIONS | ${HELD[scale]} | $(cell "${IDLE_ERRORS[scale]:-}") | $(cell "${IDLE[scale]:-}") |" \
        "all held: $ok |"
    else
      echo "| $SCALE_CONNECTIONS | - | - | - | all held: not run, see the notes |"
    fi
  fi
}

# wall_median NAME, cpu_median NAME: the startup row's median wall and CPU milliseconds.
wall_median() { median ${STARTUP_WALL[$1]:-}; }
cpu_median() { median ${STARTUP_CPU[$1]:-}; }

# startup_table: the startup rows as a Markdown table.
startup_table() {
  local name wall range target
  echo
  echo "### Startup to listening (ms, not pinned)"
  echo
  echo "Median of $STARTUP_RUNS starts per row, the rows in turn; load average (1, 5, 15 min)" \
    "$STARTUP_LOAD_BEFORE before, $STARTUP_LOAD_AFTER after. CPU ms is the server's user and system" \
    "time until it listened, all threads: steadier than the wall time on a shared machine."
  echo
  echo "| server | ms | min–max | CPU ms | ratio to node | target |"
  echo "|---|---:|---:|---:|---:|---|"
  for name in "${STARTUP_ROWS[@]}"; do
    wall=$(wall_median "$name")
    range=$(printf '%s\n' ${STARTUP_WALL[$name]:-} | sort -g | sed -n '1p;$p' | paste -sd-)
    target=-
    if [[ $name == gateway-25-archive ]]; then target=$TARGET_STARTUP_MS; fi
    echo "| ${STARTUP_LABEL[$name]} | $(cell "$wall") | $(cell "$range") | $(cell "$(cpu_median "$name")") |" \
      "$(ratio "$wall" "$(wall_median node)") | $(verdict "$wall" "<=" "$target") |"
  done
}

{
  if [[ $MODE == all ]]; then echo "## tcp-gateway vs Netty and Node.js echo baselines"; else echo "## tcp-gateway startup"; fi
  echo
  if [[ $MODE == all ]]; then
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'):" \
      "$SIZE-byte lines, median of $RUNS runs of $DURATION after $WARMUP warm-up;" \
      "server on CPU $SERVER_CPU, load generator on CPU $CLIENT_CPU."
  else
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'):" \
      "$(nproc) CPUs, $(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)."
  fi
  for jdk in ${JDK_LIST[@]+"${JDK_LIST[@]}"}; do
    echo "Java $jdk: $(java_version "${JAVA_FOR[$jdk]}")."
  done
  if has_server netty; then echo "Netty ${netty_version:-?} (NIO, one event loop per available CPU)."; fi
  if has_server node; then echo "Node.js $(node --version 2>/dev/null || echo '?')."; fi
  if [[ $MODE == all ]]; then load_tables; fi
  if ((${#STARTUP_ROWS[@]} > 0)); then startup_table; fi
  if ((${#NOTES[@]} > 0)); then
    echo
    printf -- '- %s\n' "${NOTES[@]}"
  fi
} | tee "$OUT/summary.md"
log "raw output in $OUT"
