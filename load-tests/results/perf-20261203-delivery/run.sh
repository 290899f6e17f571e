#!/bin/bash
# Issue 15, seventh round (2026-12-03): durable delivery spaced instead of the appends (room/Delivery,
# room/DeliveryPacing). On a big board the appends run back to back and each sender's ack leaves with its append;
# the others get one frame per JB_APPEND_PACING interval, as before.
# Jars: /tmp/jb-main.jar = main at 50b9ac3 (before), /tmp/jb-after.jar = this round (`./jb build`,
# server/target/journey-board-server.jar, copied). The generator is load-tests/target/jb-load.jar of this round
# (unchanged since 50b9ac3). From the repository root:
#   bash load-tests/results/perf-20261203-delivery/run.sh char    # the machine as found: main only (run with --out /tmp/char, copied here)
#   bash load-tests/results/perf-20261203-delivery/run.sh hot     # hot-board before / after, alternating
#   bash load-tests/results/perf-20261203-delivery/run.sh ws      # workshop durable, 120 s warm-up, after
#   bash load-tests/results/perf-20261203-delivery/run.sh big     # crowd and the 100-person board, after
#   python3 load-tests/perftable.py load-tests/results/perf-20261203-delivery/*.json
set -u
cd "$(dirname "$0")/../../.."
J="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
OUT=load-tests/results/perf-20261203-delivery
L="$J -jar load-tests/target/jb-load.jar --url http://127.0.0.1:18931 --out $OUT"

char() {
  $L --scenario workshop --warmup 20s --duration 30s --name char-ws --start-server /tmp/jb-main.jar
  $L --scenario workshop --warmup 120s --duration 60s --name char-ws120-durable --start-server /tmp/jb-main.jar
  $L --scenario workshop --warmup 120s --duration 60s --name char-ws120-early --start-server /tmp/jb-main.jar --early-broadcast
  $L --scenario hot-board --warmup 20s --name char-hb --start-server /tmp/jb-main.jar
}

hot() {
  for i in 1 2; do
    $L --scenario hot-board --warmup 20s --name hb-before-$i --start-server /tmp/jb-main.jar
    $L --scenario hot-board --warmup 20s --name hb-after-$i --start-server /tmp/jb-after.jar
  done
}

ws() {
  $L --scenario workshop --warmup 120s --duration 60s --name ws120-durable-after --start-server /tmp/jb-after.jar
}

# the other two boards above 30 people, after only
big() {
  $L --scenario crowd --name crowd-after --start-server /tmp/jb-after.jar
  $L --scenario hot-board --participants 100 --warmup 30s --name b100-after --start-server /tmp/jb-after.jar
}

"$@"
