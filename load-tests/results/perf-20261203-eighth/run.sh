#!/bin/bash
# Issue 15, eighth round (2026-12-03, second session). From the repository root:
#   bash load-tests/results/perf-20261203-eighth/run.sh mb     # many-boards on disk, then on tmpfs right after (main)
#   bash load-tests/results/perf-20261203-eighth/run.sh fill   # the log filled ahead: many-boards, workshop, hot-board, after/before
#   bash load-tests/results/perf-20261203-eighth/run.sh young  # the 100-person board: default young generation / NewRatio=4
#   bash load-tests/results/perf-20261203-eighth/run.sh pair   # many-boards disk then tmpfs once more (this round)
#   bash load-tests/results/perf-20261203-eighth/run.sh buf    # the 100-person board: round buffer 64 KiB / 1 MiB
#   python3 load-tests/perftable.py load-tests/results/perf-20261203-eighth/*.json
# /tmp/jb-fill.jar = this round (the log's segments filled with zeros ahead of their rounds; `./jb build`, copied).
# /tmp/jb-buf.jar = this round with the log's round buffer starting at 64 KiB (`./jb build`, copied).
# Jars: /tmp/jb-main8.jar = main at cb7b230 (same code as 6334904) (`./jb build`, server/target/journey-board-server.jar, copied).
set -u
cd "$(dirname "$0")/../../.."
J="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
OUT=load-tests/results/perf-20261203-eighth
L="$J -jar load-tests/target/jb-load.jar --url http://127.0.0.1:18931 --out $OUT"

mb() {
  $L --scenario many-boards --name mb-main --start-server /tmp/jb-main8.jar
  D=$(ls -t $OUT/mb-main-*.json | head -1)
  $L --scenario many-boards --name mbtmpfs-main --server-data-base /dev/shm --compare $D --start-server /tmp/jb-main8.jar
}

fill() {
  $L --scenario many-boards --name mb-fill --start-server /tmp/jb-fill.jar
  D=$(ls -t $OUT/mb-fill-*.json | head -1)
  $L --scenario many-boards --name mbtmpfs-fill --server-data-base /dev/shm --compare $D --start-server /tmp/jb-fill.jar
  $L --scenario many-boards --name mb-main-2 --start-server /tmp/jb-main8.jar
  $L --scenario many-boards --name mb-fill-2 --start-server /tmp/jb-fill.jar
  $L --scenario workshop --warmup 120s --duration 60s --name ws120-fill --start-server /tmp/jb-fill.jar
  $L --scenario workshop --warmup 120s --duration 60s --name ws120-main --start-server /tmp/jb-main8.jar
  $L --scenario hot-board --warmup 20s --name hb-fill --start-server /tmp/jb-fill.jar
}

# many-boards on disk then tmpfs once more, this round's jar
pair() {
  $L --scenario many-boards --name mb-fill-3 --start-server /tmp/jb-fill.jar
  D=$(ls -t $OUT/mb-fill-3-*.json | head -1)
  $L --scenario many-boards --name mbtmpfs-fill-3 --server-data-base /dev/shm --compare $D --start-server /tmp/jb-fill.jar
}

# the 100-person board with the default JVM line and with a smaller young generation (NewRatio 3 and 4: eden is the
# part of the heap every allocation cycle touches, so it is resident whatever the board keeps)
CT="-Xms64m -Xmx512m -XX:+UseSerialGC -XX:-TieredCompilation -XX:CompileThreshold=1000 -XX:TrimNativeHeapInterval=1000"
young() {
  for i in 1 2; do
    $L --scenario hot-board --participants 100 --warmup 30s --name b100-default-$i --start-server /tmp/jb-fill.jar
    $L --scenario hot-board --participants 100 --warmup 30s --name b100-newratio4-$i --start-server /tmp/jb-fill.jar --server-jvm-opts "$CT -XX:NewRatio=4"
  done
}

# the 100-person board with the log's round buffer starting at 64 KiB instead of 1 MiB (/tmp/jb-buf.jar), against
# this round's jar before that change (/tmp/jb-fill.jar), alternating
buf() {
  for i in 1 2; do
    $L --scenario hot-board --participants 100 --warmup 30s --name b100-buf-$i --start-server /tmp/jb-buf.jar
    $L --scenario hot-board --participants 100 --warmup 30s --name b100-fillbuf-$i --start-server /tmp/jb-fill.jar
  done
}

"$@"
