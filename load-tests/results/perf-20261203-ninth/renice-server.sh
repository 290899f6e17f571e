#!/bin/bash
# renice the server listening on 18931 (all its threads) to $1 once it is up
N=$1
for i in $(seq 1 300); do
  pid=$(ss -ltnpH 'sport = :18931' 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  if [ -n "$pid" ]; then
    for t in /proc/$pid/task/*; do renice -n $N -p $(basename $t) >/dev/null; done
    echo "reniced $pid to $N: $(ls /proc/$pid/task | wc -l) threads"; exit 0
  fi
  sleep 0.1
done
