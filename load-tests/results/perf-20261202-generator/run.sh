#!/bin/bash
# Issue 15, fifth round (2026-12-02 afternoon): the generator on epoll, and where a workshop's CPU goes.
# Jars: /tmp/jb-base.jar = the server of main at 8348000 (`./jb build`, server/target/journey-board-server.jar, copied;
# this round changes no server code); /tmp/jb-889.jar = `git worktree add /tmp/wt889 889c451 && cd /tmp/wt889 &&
# ./jb build` (the "before" of every round of issue 15, run as then with G1 -Xmx512m). The generator is
# load-tests/target/jb-load.jar of this round (it has --transport, default auto = epoll here). From the repository root:
#   bash load-tests/results/perf-20261202-generator/run.sh gen      # hot-board, generator nio / auto, alternating
#   bash load-tests/results/perf-20261202-generator/run.sh final    # every scenario, before / after, alternating
#   python3 load-tests/perftable.py load-tests/results/perf-20261202-generator/final-*.json
set -u
cd "$(dirname "$0")/../../.."
J="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
OUT=load-tests/results/perf-20261202-generator
L="$J -jar load-tests/target/jb-load.jar --url http://127.0.0.1:18931 --warmup 20s --out $OUT"
SERVER=${SERVER:-/tmp/jb-base.jar}

gen() {
  for i in 1 2; do
    $L --scenario hot-board --start-server $SERVER --transport nio --name gen-hb-nio-$i
    $L --scenario hot-board --start-server $SERVER --name gen-hb-auto-$i
  done
}

B="--start-server /tmp/jb-889.jar --server-jvm-opts -Xmx512m"
A="--start-server $SERVER"
final() {
  for i in 1 2; do
    $L --scenario hot-board --name final-hb-before-$i $B
    $L --scenario hot-board --name final-hb-after-$i $A
  done
  for i in 1 2; do
    $L --scenario workshop --name final-ws-before-$i $B
    $L --scenario workshop --name final-ws-after-$i $A
  done
  $L --scenario crowd --name final-crowd-before $B
  $L --scenario crowd --name final-crowd-after $A
  for who in before after; do
    if [ $who = before ]; then S=$B; else S=$A; fi
    $L --scenario many-boards --name final-mb-$who $S
    D=$(ls -t $OUT/final-mb-$who-2*.json | head -1)
    $L --scenario many-boards --name final-mbtmpfs-$who --server-data-base /dev/shm --compare $D $S
  done
  $L --scenario idle --name final-idle-before $B
  $L --scenario idle --name final-idle-after $A
  # join-storm measures from the first connect whatever --warmup says (its reports: "after 0.0 s warm-up")
  $L --scenario join-storm --name final-join-before $B
  $L --scenario join-storm --name final-join-after $A
  $L --scenario hot-board --participants 100 --warmup 30s --name final-b100-before $B
  $L --scenario hot-board --participants 100 --warmup 30s --name final-b100-after $A
}

# many-boards with the serial heap's ceiling at 256 MiB (the line of the third round) and at 512 MiB, with a GC log:
# the 256 MiB heap filled and paused in full collections. These two ran as the same commands with --out /tmp/r7 and
# the logs in /tmp/r7; reports and logs (gc-mb-256.log, gc-mb-512.log) were copied here
CT="-Xms64m -Xmx256m -XX:+UseSerialGC -XX:-TieredCompilation -XX:CompileThreshold=1000 -XX:TrimNativeHeapInterval=1000"
gclog() {
  $L --scenario many-boards --server-data-base /dev/shm --name mbt-256-gclog $A --server-jvm-opts "$CT -Xlog:gc:file=/tmp/gc-mb-256.log"
  $L --scenario many-boards --server-data-base /dev/shm --name mbt-512-gclog $A --server-jvm-opts "${CT/Xmx256m/Xmx512m} -Xlog:gc:file=/tmp/gc-mb-512.log"
}
# the new default line (-Xmx512m), SERVER=/tmp/jb-new.jar (this round's server: the relay change only)
heap() {
  $L --scenario many-boards --name heap-mb $A
  D=$(ls -t $OUT/heap-mb-2*.json | head -1)
  $L --scenario many-boards --name heap-mbtmpfs --server-data-base /dev/shm --compare $D $A
  $L --scenario hot-board --participants 100 --warmup 30s --name heap-b100-1 $A
  $L --scenario hot-board --participants 100 --warmup 30s --name heap-b100-2 $A
  $L --scenario hot-board --name heap-hb $A
}

# hot-board: append pacing 25 (5 ms at 200 people) against the default 50 (10 ms), alternating, SERVER=/tmp/jb-new.jar
pacing() {
  for i in 1 2; do
    $L --scenario hot-board --name pace25-hb-$i $A --server-args "--append-pacing 25"
    $L --scenario hot-board --name pace50-hb-$i $A
  done
}

# many-boards with four generator event loops (the default two lagged just past their limits), SERVER=/tmp/jb-new.jar
loops4() {
  $L --scenario many-boards --event-loops 4 --name loops4-mb $A
  D=$(ls -t $OUT/loops4-mb-2*.json | head -1)
  $L --scenario many-boards --event-loops 4 --name loops4-mbtmpfs --server-data-base /dev/shm --compare $D $A
}

warm() {
  # a workshop measured after 20 s and after 120 s: how much of its CPU is the JIT's first minutes
  $L --scenario workshop --start-server $SERVER --name warm-ws-20s
  $L --scenario workshop --start-server $SERVER --warmup 120s --name warm-ws-120s
}

"$@"
