#!/bin/bash
# Issue 15, tenth round (2026-12-03, fourth session): the resume tail in one byte ring per board, over a training day.
# Jars: /tmp/jb-main.jar = main at db3b32a (the ninth round's server: frames kept one object each, bounded by count and
# age); /tmp/jb-ring.jar = the tail copied into a byte ring per board (tried, not kept); /tmp/jb-props.jar = this round's
# server (documents keep element properties compact, the tail bounded by bytes too). All
# `./jb build` (or `mvn -o -q -DskipTests package -pl server` after installing protocol), server/target/journey-board-server.jar, copied.
# The generator is load-tests/target/jb-load.jar (the server under nice 5, its default). From the repository root:
#   bash load-tests/results/perf-20261203-tenth/run.sh long    # many-boards for nine minutes, main / ring, GC logged
#   bash load-tests/results/perf-20261203-tenth/run.sh tenure  # the same nine minutes, main, -XX:MaxTenuringThreshold=1
#   bash load-tests/results/perf-20261203-tenth/run.sh longprops # many-boards for nine minutes, this round's server
#   bash load-tests/results/perf-20261203-tenth/run.sh pair    # many-boards disk then tmpfs, main / this round's (30 s window)
#   bash load-tests/results/perf-20261203-tenth/run.sh others  # hot-board, 100 on one board, crowd: main / this round's
#   bash load-tests/results/perf-20261203-tenth/run.sh nmt     # many-boards 150 s with native memory tracking (the ring jar; outside the heap it is main's)
#   bash load-tests/results/perf-20261203-tenth/run.sh hist main|props  # many-boards 200 s, a class histogram of the live heap at 150 s
#   python3 load-tests/perftable.py load-tests/results/perf-20261203-tenth/*.json
set -u
cd "$(dirname "$0")/../../.."
J="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
OUT=load-tests/results/perf-20261203-tenth
L="$J -jar load-tests/target/jb-load.jar --url http://127.0.0.1:18931 --warmup 20s --out $OUT"
M="--start-server /tmp/jb-main.jar"
R="--start-server /tmp/jb-ring.jar"
P="--start-server /tmp/jb-props.jar"
# the default JVM line (./jb run, the image, the generator), plus a GC log
CT="-Xms64m -Xmx512m -XX:+UseSerialGC -XX:-TieredCompilation -XX:CompileThreshold=1000 -XX:TrimNativeHeapInterval=1000"

long() {
  $L --scenario many-boards --duration 540s --name long-mb-ring $R --server-jvm-opts "$CT -Xlog:gc:file=$OUT/long-mb-ring.log"
  $L --scenario many-boards --duration 540s --name long-mb-main $M --server-jvm-opts "$CT -Xlog:gc:file=$OUT/long-mb-main.log"
}

pairof() { # many-boards on disk, then on tmpfs right after: $1 = name, the rest = server flags
  local n=$1; shift
  $L --scenario many-boards --name $n "$@"
  local D=$(ls -t $OUT/$n-2*.json | head -1)
  $L --scenario many-boards --name ${n/mb/mbtmpfs} --server-data-base /dev/shm --compare $D "$@"
}

pair() {
  pairof pair-mb-main $M
  pairof pair-mb-props $P
}

# many-boards for nine minutes, this round's server, GC logged (against long-mb-main)
longprops() {
  $L --scenario many-boards --duration 540s --name long-mb-props $P --server-jvm-opts "$CT -Xlog:gc:file=$OUT/long-mb-props.log"
}

# hot-board, 100 people on one board and crowd: main / this round's server, alternating
others() {
  $L --scenario hot-board --name hb-main $M
  $L --scenario hot-board --name hb-props $P
  $L --scenario hot-board --participants 100 --warmup 30s --name b100-main $M
  $L --scenario hot-board --participants 100 --warmup 30s --name b100-props $P
  $L --scenario crowd --name crowd-main $M
  $L --scenario crowd --name crowd-props $P
}

hist() { # $1 = the jar's short name (main | props): many-boards 200 s, a class histogram of the live heap at ~150 s
  local jar=/tmp/jb-$1.jar
  $L --scenario many-boards --duration 200s --name hist-mb-$1 --start-server $jar &
  sleep 150
  local P=$(pgrep -f "jb-$1.jar --host")
  { echo "# jcmd $P GC.class_histogram, $jar ~150 s after the start of many-boards (run.sh hist $1; its report perturbed by the full collection)"
    jcmd $P GC.class_histogram > /tmp/histogram-$1.txt; head -45 /tmp/histogram-$1.txt; tail -1 /tmp/histogram-$1.txt; } > $OUT/histogram-$1-150s.txt
  wait
}

# many-boards 150 s, the ring's server with native memory tracking: where the RSS beyond the heap goes, at ~130 s
nmt() {
  $L --scenario many-boards --duration 150s --name nmt-mb-ring $R --server-jvm-opts "$CT -XX:NativeMemoryTracking=summary" &
  sleep 130
  local P=$(pgrep -f "jb-ring.jar --host")
  { echo "# jcmd $P VM.native_memory summary, /tmp/jb-ring.jar ~130 s after the start of many-boards (run.sh nmt)"
    jcmd $P VM.native_memory summary; grep -E "VmRSS|RssAnon|RssFile" /proc/$P/status; } > $OUT/nmt-ring-130s.txt
  wait
}

# many-boards for nine minutes, main with objects tenured after one young collection (documents'
# elements live about a minute: copied once, not until the survivor spaces overflow), GC logged
tenure() {
  $L --scenario many-boards --duration 540s --name long-mb-main-mtt1 $M --server-jvm-opts "$CT -XX:MaxTenuringThreshold=1 -Xlog:gc:file=$OUT/long-mb-main-mtt1.log"
}

"$@"
