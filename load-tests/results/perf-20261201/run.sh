#!/bin/bash
# Issue 15 before/after runs on a quiet machine (lead, 2026-12-01 evening).
cd /work/wt/perfm
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
OUT=load-tests/results/perf-20261201
L="java -jar load-tests/target/jb-load.jar --url http://127.0.0.1:18931 --out $OUT"
B="--start-server /tmp/jb-before.jar --server-jvm-opts -Xmx512m"
A="--start-server /tmp/jb-after.jar"
run() { echo "== $(date +%T) $*"; uptime; $L "$@" 2>&1 | tail -4; echo "rc=$?"; }
run --scenario workshop --name workshop-before $B
run --scenario workshop --name workshop-after $A
run --scenario workshop --name workshop-after-early --early-broadcast $A
run --scenario hot-board --name hot-board-before $B
run --scenario hot-board --name hot-board-after $A
run --scenario hot-board --name hot-board-after-early --early-broadcast $A
run --scenario crowd --name crowd-before $B
run --scenario crowd --name crowd-after $A
run --scenario many-boards --name many-boards-before $B
run --scenario many-boards --name many-boards-after $A
D=$(ls -t $OUT/many-boards-after-*.json | head -1)
run --scenario many-boards --name many-boards-after-tmpfs --server-data-base /dev/shm --compare $D $A
run --scenario idle --name idle-before $B
run --scenario idle --name idle-after $A
run --scenario join-storm --name join-storm-before $B
run --scenario join-storm --name join-storm-after $A
echo "== done $(date +%T)"
