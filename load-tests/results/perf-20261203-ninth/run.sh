#!/bin/bash
# Issue 15, ninth round (2026-12-03, third session): every scenario before and after, the started server under nice.
# Jars: /tmp/jb-r9.jar = main at a8903a2 (`./jb build`, server/target/journey-board-server.jar, copied);
# /tmp/jb-tail.jar = this round's resume tail kept encoded, /tmp/jb-age.jar = the same also bounded by age (the
# committed server; both `./jb build`, copied); /tmp/jb-before.jar = `git worktree add --detach /tmp/before 889c451 && cd /tmp/before &&
# ./jb build -DskipTests -pl protocol,server -am` (the "before" of every round of issue 15, run as then: G1 -Xmx512m).
# The generator is load-tests/target/jb-load.jar of this round: a started server runs under `nice -n 5` by default
# (--server-nice; load-tests/README "server niceness"). From the repository root:
#   bash load-tests/results/perf-20261203-ninth/run.sh why     # many-boards, the server at niceness 5 / 0
#   bash load-tests/results/perf-20261203-ninth/run.sh final   # every scenario, before / after, alternating
#   bash load-tests/results/perf-20261203-ninth/run.sh again   # the scenarios at a target's edge once more, after
#   bash load-tests/results/perf-20261203-ninth/run.sh gclog   # many-boards with the server's GC logged
#   bash load-tests/results/perf-20261203-ninth/run.sh young   # many-boards disk / tmpfs with a 64 MiB young generation
#   bash load-tests/results/perf-20261203-ninth/run.sh tail    # the resume tail kept encoded: the live heap's growth at many-boards
#   bash load-tests/results/perf-20261203-ninth/run.sh long    # many-boards for ten minutes: main / tail kept encoded / and age-bounded
#   bash load-tests/results/perf-20261203-ninth/run.sh agepair # many-boards disk then tmpfs, the age-bounded tail
#   bash load-tests/results/perf-20261203-ninth/run.sh nice0   # workshop and hot-board with the server at niceness 0
#   python3 load-tests/perftable.py load-tests/results/perf-20261203-ninth/*.json
set -u
cd "$(dirname "$0")/../../.."
J="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
OUT=load-tests/results/perf-20261203-ninth
L="$J -jar load-tests/target/jb-load.jar --url http://127.0.0.1:18931 --warmup 20s --out $OUT"
B="--start-server /tmp/jb-before.jar --server-jvm-opts -Xmx512m"
A="--start-server /tmp/jb-r9.jar"

# the generator's send slip with the server at niceness 5 and at 0 (what every round before this one ran). The two
# reports why-mb-renice5 / why-mb-nice0 (14:12-14:14) were made before --server-nice existed, with the generator of
# main and `renice-server.sh 5` (in this folder: renices every thread of the server on port 18931 once it listens)
# run alongside the first; this function makes the same two runs with the flag.
why() {
  $L --scenario many-boards --name why-mb-nice5 $A
  $L --scenario many-boards --name why-mb-nice0 --server-nice 0 $A
}

pair() { # many-boards on disk, then on tmpfs right after: $1 = name, the rest = server flags
  local n=$1; shift
  $L --scenario many-boards --name $n "$@"
  local D=$(ls -t $OUT/$n-2*.json | head -1)
  $L --scenario many-boards --name ${n/mb/mbtmpfs} --server-data-base /dev/shm --compare $D "$@"
}

final() {
  $L --scenario hot-board --name final-hb-before $B
  $L --scenario hot-board --name final-hb-after $A
  # a workshop's first two minutes are the JIT's (fifth round): both measured after 120 s
  $L --scenario workshop --warmup 120s --name final-ws-before $B
  $L --scenario workshop --warmup 120s --name final-ws-after $A
  $L --scenario workshop --warmup 120s --early-broadcast --name final-wsearly-after $A
  $L --scenario crowd --name final-crowd-before $B
  $L --scenario crowd --name final-crowd-after $A
  pair final-mb-before $B
  pair final-mb-after $A
  $L --scenario idle --name final-idle-before $B
  $L --scenario idle --name final-idle-after $A
  # join-storm measures from the first connect whatever --warmup says
  $L --scenario join-storm --name final-join-before $B
  $L --scenario join-storm --name final-join-after $A
  $L --scenario hot-board --participants 100 --warmup 30s --name final-b100-before $B
  $L --scenario hot-board --participants 100 --warmup 30s --name final-b100-after $A
}

again() {
  pair again-mb-after $A
  $L --scenario hot-board --name again-hb-after $A
  $L --scenario hot-board --name again-hb-after-nice0 --server-nice 0 $A
  $L --scenario workshop --warmup 120s --name again-ws-after $A
  $L --scenario hot-board --participants 100 --warmup 30s --name again-b100-after $A
}

# many-boards with the server's GC logged (after): where the op p99 beyond the store's append goes
CT="-Xms64m -Xmx512m -XX:+UseSerialGC -XX:-TieredCompilation -XX:CompileThreshold=1000 -XX:TrimNativeHeapInterval=1000"
gclog() {
  $L --scenario many-boards --name gclog-mb-after $A --server-jvm-opts "$CT -Xlog:gc:file=$OUT/gclog-mb-after.log"
}

# the same with a young generation of 64 MiB from the start (-Xmn64m): the serial collector resizes its young
# generation only at a full collection, so under -Xms64m eden stays ~17 MiB however large the old generation grows
young() {
  pair young-mb-xmn64 $A --server-jvm-opts "$CT -Xmn64m -Xlog:gc:file=$OUT/young-mb-xmn64-%p.log"
}

# the resume tail kept encoded (/tmp/jb-tail.jar: this round's server, `./jb build`, copied) against main (/tmp/jb-r9.jar):
# many-boards for 120 s with the GC logged, so the live heap's growth shows in the sizes after each young collection
T="--start-server /tmp/jb-tail.jar"
# /tmp/jb-age.jar: this round's server with the tail also bounded by age (two minutes), `./jb build`, copied
G="--start-server /tmp/jb-age.jar"
tail() {
  $L --scenario many-boards --duration 120s --name tail-mb-main $A --server-jvm-opts "$CT -Xlog:gc:file=$OUT/tail-mb-main.log"
  $L --scenario many-boards --duration 120s --name tail-mb-tail $T --server-jvm-opts "$CT -Xlog:gc:file=$OUT/tail-mb-tail.log"
  pair tail-mb-pair $T
}

# a training day's ten minutes: many-boards for 540 s, main / the tail kept encoded; at 1,200 ops a second the
# 300 tails of 2,000 ops fill after ~500 s
long() {
  $L --scenario many-boards --duration 540s --name long-mb-main $A --server-jvm-opts "$CT -Xlog:gc:file=$OUT/long-mb-main.log"
  $L --scenario many-boards --duration 540s --name long-mb-tail $T --server-jvm-opts "$CT -Xlog:gc:file=$OUT/long-mb-tail.log"
  $L --scenario many-boards --duration 540s --name long-mb-age $G --server-jvm-opts "$CT -Xlog:gc:file=$OUT/long-mb-age.log"
}

# many-boards disk then tmpfs with the tail bounded by age too (/tmp/jb-age.jar)
agepair() {
  pair age-mb $G
}

# the started server at niceness 0 (as in every round before this one), after: workshop and hot-board
nice0() {
  $L --scenario workshop --warmup 120s --name nice0-ws-after --server-nice 0 $A
  $L --scenario hot-board --name nice0-hb-after --server-nice 0 $A
}

"$@"
