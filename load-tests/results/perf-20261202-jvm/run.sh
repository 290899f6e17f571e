#!/bin/bash
# Issue 15, third round (2026-12-02, 04:11-05:50 UTC, the quiet machine): the server's JVM flags, and two tries at
# hot-board's CPU. Every batch below ran as written, one after the other; the file prefix is the batch's name
# (memexp, memexp2..5, lazy, loops, final, final3). /tmp/jb-head.jar = `./jb build` of main at 9d5855f (copied from
# server/target/journey-board-server.jar); /tmp/jb-lazy.jar = the same with the lazy presence post (not merged:
# no measurable gain, see README "Performance", third round). Table: python3 load-tests/perftable.py <dir>/*.json
# Each batch is a function; run one with: bash run.sh <batch>
cd "$(dirname "$0")/../../.."
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
OUT=load-tests/results/perf-20261202-jvm
REF="-Xms64m -Xmx256m -XX:+UseSerialGC"                                  # last round's default (tiered)
NT="$REF -XX:-TieredCompilation -XX:TrimNativeHeapInterval=1000"         # C2 alone (10,000 calls) + trim
CT="$REF -XX:-TieredCompilation -XX:CompileThreshold=1000 -XX:TrimNativeHeapInterval=1000"   # the new default
L="java -jar load-tests/target/jb-load.jar --url http://127.0.0.1:18931"
B100="--scenario hot-board --participants 100"
run() { local batch=$1 name=$2 jar=$3 opts=$4; shift 4; $L --out $OUT --name $batch-$name --start-server $jar --server-jvm-opts "$opts" "$@"; }
memexp() {  # 100 on one board, 5 s warm-up
  run memexp ref /tmp/jb-head.jar "$REF" $B100
  run memexp trim /tmp/jb-head.jar "$REF -XX:TrimNativeHeapInterval=1000" $B100
  run memexp notiered /tmp/jb-head.jar "$REF -XX:-TieredCompilation" $B100
  run memexp netty1 /tmp/jb-head.jar "$REF -Dio.netty.allocator.numDirectArenas=1 -Dio.netty.allocator.numHeapArenas=1" $B100
  run memexp xms16 /tmp/jb-head.jar "-Xms16m -Xmx256m -XX:+UseSerialGC" $B100
  run memexp combo /tmp/jb-head.jar "-Xms16m -Xmx256m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=1000 -XX:-TieredCompilation" $B100
}
memexp2() {  # 100 on one board, 30 s warm-up
  run memexp2 ref /tmp/jb-head.jar "$REF" $B100 --warmup 30s
  run memexp2 nt16 /tmp/jb-head.jar "-Xms16m -Xmx256m -XX:+UseSerialGC -XX:-TieredCompilation" $B100 --warmup 30s
  run memexp2 c1_16 /tmp/jb-head.jar "-Xms16m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" $B100 --warmup 30s
  run memexp2 nt64 /tmp/jb-head.jar "$REF -XX:-TieredCompilation" $B100 --warmup 30s
}
memexp3() {
  N16="-Xms16m -Xmx256m -XX:+UseSerialGC -XX:-TieredCompilation -XX:TrimNativeHeapInterval=1000"
  run memexp3 nttrim-a /tmp/jb-head.jar "$N16" $B100 --warmup 30s
  run memexp3 nttrim-b /tmp/jb-head.jar "$N16" $B100 --warmup 30s
  run memexp3 js-ref /tmp/jb-head.jar "$REF" --scenario join-storm
  run memexp3 js-nt /tmp/jb-head.jar "$N16" --scenario join-storm
}
memexp4() {
  N32="-Xms32m -Xmx256m -XX:+UseSerialGC -XX:-TieredCompilation -XX:TrimNativeHeapInterval=1000"
  run memexp4 b32 /tmp/jb-head.jar "$N32" $B100 --warmup 30s
  run memexp4 j32 /tmp/jb-head.jar "$N32" --scenario join-storm
  run memexp4 b64 /tmp/jb-head.jar "$NT" $B100 --warmup 30s
  run memexp4 j64 /tmp/jb-head.jar "$NT" --scenario join-storm
}
memexp5() {  # paired: tiered vs C2 alone + trim (chosen-3 overlapped a build at its end)
  for i in 2 3; do
    run memexp5 tiered-$i /tmp/jb-head.jar "$REF" $B100 --warmup 30s
    run memexp5 chosen-$i /tmp/jb-head.jar "$NT" $B100 --warmup 30s
  done
}
loops() {  # hot-board, server event loops 4 (default: 2 x cores), 1, 2
  run loops hb-l4 /tmp/jb-head.jar "$NT" --scenario hot-board --warmup 20s
  run loops hb-l1 /tmp/jb-head.jar "$NT" --scenario hot-board --warmup 20s --server-args "--event-loops 1"
  run loops hb-l2 /tmp/jb-head.jar "$NT" --scenario hot-board --warmup 20s --server-args "--event-loops 2"
}
lazy() {  # hot-board: presence posted without waking the room (jb-lazy) vs main; then 1 compiler thread
  for i in 1 2; do
    run lazy hb-head-$i /tmp/jb-head.jar "$NT" --scenario hot-board --warmup 20s
    run lazy hb-lazy-$i /tmp/jb-lazy.jar "$NT" --scenario hot-board --warmup 20s
  done
  run lazy b100-cc1-1 /tmp/jb-lazy.jar "$NT -XX:CICompilerCount=1" $B100 --warmup 30s
  run lazy b100-cc1-2 /tmp/jb-lazy.jar "$NT -XX:CICompilerCount=1" $B100 --warmup 30s
}
final() {  # the pacing curve at 200 people, and every scenario under the candidate flags
  run final hot-board-pacing100 /tmp/jb-head.jar "$NT" --scenario hot-board --warmup 20s --server-args "--append-pacing 100"
  run final hot-board-pacing25 /tmp/jb-head.jar "$NT" --scenario hot-board --warmup 20s --server-args "--append-pacing 25"
  run final crowd-jvm /tmp/jb-head.jar "$NT" --scenario crowd
  run final workshop-jvm /tmp/jb-head.jar "$NT" --scenario workshop
  run final workshop-tiered /tmp/jb-head.jar "$REF" --scenario workshop
  run final idle-jvm /tmp/jb-head.jar "$NT" --scenario idle
  # C2 alone made the workshop 38 % dearer (its methods stay interpreted longer): CompileThreshold=1000
  run final workshop-ct1000 /tmp/jb-head.jar "$CT" --scenario workshop
  run final board100-ct1000 /tmp/jb-head.jar "$CT" $B100 --warmup 30s
  run final workshop-tieredtrim /tmp/jb-head.jar "$REF -XX:TrimNativeHeapInterval=1000" --scenario workshop
  run final board100-tieredtrim /tmp/jb-head.jar "$REF -XX:TrimNativeHeapInterval=1000" $B100 --warmup 30s
  run final crowd-tiered /tmp/jb-head.jar "$REF" --scenario crowd
  run final crowd-ct1000 /tmp/jb-head.jar "$CT" --scenario crowd
  # confirmation of the chosen line
  run final board100-ct1000 /tmp/jb-head.jar "$CT" $B100 --warmup 30s
  run final workshop-ct1000 /tmp/jb-head.jar "$CT" --scenario workshop
  run final workshop-tiered /tmp/jb-head.jar "$REF" --scenario workshop
  run final join-storm-ct1000 /tmp/jb-head.jar "$CT" --scenario join-storm
  run final hot-board-ct1000 /tmp/jb-head.jar "$CT" --scenario hot-board
}
final3() {  # after the commit: CompileThreshold=300, and join storms again (they turned out to be noisy)
  C3="$REF -XX:-TieredCompilation -XX:CompileThreshold=300 -XX:TrimNativeHeapInterval=1000"
  run final3 workshop-ct300 /tmp/jb-head.jar "$C3" --scenario workshop
  run final3 board100-ct300 /tmp/jb-head.jar "$C3" $B100 --warmup 30s
  run final3 join-storm-ct300 /tmp/jb-head.jar "$C3" --scenario join-storm
  run final3 join-storm-tiered /tmp/jb-head.jar "$REF" --scenario join-storm
}
"${1:?which batch: memexp memexp2 memexp3 memexp4 memexp5 loops lazy final final3}"
