#!/bin/bash
# Issue 15, second round: before (889c451) vs after (this round's main) on the quiet machine, 2026-12-02.
# /tmp/jb-before.jar: `git worktree add /work/wt/before 889c451 && cd /work/wt/before && ./jb build`;
# /tmp/jb-final2.jar: `./jb build` of main (2af8e00). A trial generator of this session started each server with
# MALLOC_ARENA_MAX=2 (both jars; the reports show it); board100-after-glibc-arenas ran with 16, no difference beyond
# the noise (175 vs 180 MiB), so the generator and ./jb set nothing. Two runs added by hand after the batch:
# board100-after-g1 (--server-jvm-opts -Xmx256m) and board100-after-g1-small (-Xms16m -Xmx256m -XX:+UseG1GC -XX:G1HeapRegionSize=1m).
cd "$(dirname "$0")/../../.."
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
OUT=load-tests/results/perf-20261202
L="java -jar load-tests/target/jb-load.jar --url http://127.0.0.1:18931 --out $OUT"
B="--start-server /tmp/jb-before.jar --server-jvm-opts -Xmx512m"
A="--start-server /tmp/jb-final2.jar"
run() { echo "== $(date +%T) $*"; uptime; $L "$@" > /tmp/lr-last.log 2>&1; echo "rc=$?"; grep -E '^wrote|the run failed' /tmp/lr-last.log; }
for i in 1 2; do
run --scenario workshop --name workshop-before $B
run --scenario workshop --name workshop-after $A
done
run --scenario hot-board --name hot-board-before $B
run --scenario hot-board --name hot-board-after $A
run --scenario hot-board --name hot-board-after-unpaced --server-args "--append-pacing 0" $A
run --scenario crowd --name crowd-before $B
run --scenario crowd --name crowd-after $A
run --scenario many-boards --name many-boards-before $B
run --scenario many-boards --name many-boards-after $A
D=$(ls -t $OUT/many-boards-after-2*.json | head -1)
run --scenario many-boards --name many-boards-after-tmpfs --server-data-base /dev/shm --compare $D $A
run --scenario idle --name idle-before $B
run --scenario idle --name idle-after $A
run --scenario join-storm --name join-storm-before $B
run --scenario join-storm --name join-storm-after $A
run --scenario hot-board --participants 100 --name board100-before $B
run --scenario hot-board --participants 100 --name board100-after $A
MALLOC_ARENA_MAX=16 run --scenario hot-board --participants 100 --name board100-after-glibc-arenas $A
echo "== done $(date +%T)"
