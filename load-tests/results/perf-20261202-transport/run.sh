#!/bin/bash
# Issue 15, fourth round (2026-12-02): Netty's native transports (epoll, io_uring) against NIO.
# /tmp/jb-tr.jar = `./jb build` of main at 219dcee with netty-transport-native-epoll and -io_uring (linux-x86_64) on
# the class path and -Djb.transport=nio|epoll|io_uring choosing one (a throwaway switch for batches tr1 and tr2).
# /tmp/jb-889.jar = `git worktree add /tmp/wt889 889c451 && cd /tmp/wt889 && ./jb build` (the round-2 "before").
# /tmp/jb-final.jar = `./jb build` of the commit that adds JB_TRANSPORT (default auto = epoll here), batch tr3.
# Table: python3 load-tests/perftable.py <dir>/*.json. Each batch is a function: bash run.sh <batch>
cd "$(dirname "$0")/../../.."
export PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH
OUT=load-tests/results/perf-20261202-transport
CT="-Xms64m -Xmx256m -XX:+UseSerialGC -XX:-TieredCompilation -XX:CompileThreshold=1000 -XX:TrimNativeHeapInterval=1000"
L="java -jar load-tests/target/jb-load.jar --url http://127.0.0.1:18931"
run() { local batch=$1 name=$2 jar=$3 opts=$4; shift 4; $L --out $OUT --name $batch-$name --start-server $jar --server-jvm-opts "$opts" "$@"; }
tr1() {  # hot-board, 20 s warm-up, transports alternating
  for i in 1 2; do
    run tr1 hb-nio-$i /tmp/jb-tr.jar "$CT -Djb.transport=nio" --scenario hot-board --warmup 20s
    run tr1 hb-epoll-$i /tmp/jb-tr.jar "$CT -Djb.transport=epoll" --scenario hot-board --warmup 20s
    run tr1 hb-uring-$i /tmp/jb-tr.jar "$CT -Djb.transport=io_uring" --scenario hot-board --warmup 20s
  done
}
tr2() {  # hot-board: the round-2 "before" (889c451, G1 -Xmx512m) against main on NIO and on epoll, alternating
  for i in 1 2; do
    run tr2 hb-before-$i /tmp/jb-889.jar "-Xmx512m" --scenario hot-board --warmup 20s
    run tr2 hb-nio-$i /tmp/jb-tr.jar "$CT -Djb.transport=nio" --scenario hot-board --warmup 20s
    run tr2 hb-epoll-$i /tmp/jb-tr.jar "$CT -Djb.transport=epoll" --scenario hot-board --warmup 20s
  done
}
tr3() {  # the shipped setting: default (auto = epoll) against --transport nio, hot-board then workshop, alternating
  for i in 1 2; do
    run tr3 hb-auto-$i /tmp/jb-final.jar "$CT" --scenario hot-board --warmup 20s
    run tr3 hb-nio-$i /tmp/jb-final.jar "$CT" --scenario hot-board --warmup 20s --server-args "--transport nio"
  done
  for i in 1 2; do
    run tr3 ws-auto-$i /tmp/jb-final.jar "$CT" --scenario workshop
    run tr3 ws-nio-$i /tmp/jb-final.jar "$CT" --scenario workshop --server-args "--transport nio"
  done
}
"$@"
