#!/bin/bash
# Issue 15, sixth round (2026-12-02 evening): early broadcast against durable delivery on a quiet machine, with a
# generator that keeps up (item 4 of the issue: measure both modes on the workshop and hot-board, choose the default).
# Jar: /tmp/jb-main.jar = the server of main at 429e1ba (`./jb build`, server/target/journey-board-server.jar, copied).
# The generator is load-tests/target/jb-load.jar of the same commit (epoll). From the repository root:
#   bash load-tests/results/perf-20261202-early/run.sh modes
#   python3 load-tests/perftable.py load-tests/results/perf-20261202-early/modes-*.json
set -u
cd "$(dirname "$0")/../../.."
J="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
OUT=load-tests/results/perf-20261202-early
L="$J -jar load-tests/target/jb-load.jar --url http://127.0.0.1:18931 --out $OUT"
SERVER=${SERVER:-/tmp/jb-main.jar}
A="--start-server $SERVER"

# durable (the default) and early, alternating; the workshop measured from 120 s after the start (a warm server:
# the fifth round found its first two minutes mostly JIT work), hot-board after the usual 20 s
modes() {
  for i in 1 2; do
    $L --scenario workshop --warmup 120s --name modes-ws-durable-$i $A
    $L --scenario workshop --warmup 120s --name modes-ws-early-$i $A --early-broadcast
  done
  for i in 1 2; do
    $L --scenario hot-board --warmup 20s --name modes-hb-durable-$i $A
    $L --scenario hot-board --warmup 20s --name modes-hb-early-$i $A --early-broadcast
  done
}

# hot-board: durable, early with a delivery per burst (/tmp/jb-main.jar), early with deliveries spaced like durable
# mode's appends (/tmp/jb-paced.jar = this round's server, `./jb build`, copied), alternating
paced() {
  for i in 1 2; do
    $L --scenario hot-board --warmup 20s --name paced-hb-durable-$i --start-server /tmp/jb-main.jar
    $L --scenario hot-board --warmup 20s --name paced-hb-early-burst-$i --start-server /tmp/jb-main.jar --early-broadcast
    $L --scenario hot-board --warmup 20s --name paced-hb-early-paced-$i --start-server /tmp/jb-paced.jar --early-broadcast
  done
}

"$@"
