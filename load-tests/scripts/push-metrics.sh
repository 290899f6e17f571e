#!/usr/bin/env bash
# Pushes a day of survey readings into a board, as a survey tool would: first DAYS days of history (one
# reading per day), then the day's readings hour by hour (the day's entry is replaced each time, the response
# count grows), CSAT, NPS and CES for each touchpoint, over POST /api/boards/{id}/metrics with the data token.
#
#   load-tests/scripts/push-metrics.sh --demo [http://127.0.0.1:8080]      # makes a demo board first (needs the jb-load jar)
#   load-tests/scripts/push-metrics.sh URL BOARD DATA_TOKEN                 # into a board whose cards have these ext keys
#
# Environment: TOUCHPOINTS (ext keys or card ids, default "app-home checkout-page delivery support-desk"),
# DAY (YYYY-MM-DD, default today), DAYS (history days before it, default 14), INTERVAL (seconds between the
# hourly pushes, default 1: watch the cards change live; 0 for as fast as possible), SEED (default 7).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if [ "${1:-}" = "--demo" ]; then
  URL="${2:-http://127.0.0.1:8080}"
  jar="$here/../target/jb-load.jar"
  [ -f "$jar" ] || { echo "build it first: ./jb build -DskipTests -pl protocol,server,load-tests -am" >&2; exit 2; }
  eval "$(java -cp "$jar" dev.journeyboard.load.voc.DemoBoard "$URL")"
  echo "demo board: $FACILITATOR_URL"
else
  [ $# -ge 3 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
  URL="$1"; BOARD="$2"; DATA_TOKEN="$3"
fi
TOUCHPOINTS="${TOUCHPOINTS:-app-home checkout-page delivery support-desk}"
DAY="${DAY:-$(date -u +%F)}"
DAYS="${DAYS:-14}"
INTERVAL="${INTERVAL:-1}"
RANDOM="${SEED:-7}"

# a value drifting around a base, with two decimals (bash has integers only: hundredths)
drift() { # base_hundredths spread_hundredths min max
  local v=$(( $1 + (RANDOM % (2 * $2 + 1)) - $2 ))
  (( v < $3 )) && v=$3; (( v > $4 )) && v=$4
  printf '%d.%02d' $(( v / 100 )) $(( v % 100 ))
}
nps() { local v=$(( $1 + (RANDOM % (2 * $2 + 1)) - $2 )); (( v < -100 )) && v=-100; (( v > 100 )) && v=100; echo "$v"; }

push() { # JSON array of readings
  local code
  code=$(curl -sS -o /tmp/jb-push-metrics.out -w '%{http_code}' -X POST "$URL/api/boards/$BOARD/metrics" \
    -H "Authorization: Bearer $DATA_TOKEN" -H "Content-Type: application/json" --data-binary "$1")
  if [ "$code" != 200 ]; then echo "HTTP $code: $(cat /tmp/jb-push-metrics.out)" >&2; exit 1; fi
}

readings() { # date n
  local out="" sep=""
  for tp in $TOUCHPOINTS; do
    out+="$sep{\"touchpoint\":\"$tp\",\"metric\":\"csat\",\"value\":$(drift 390 40 100 500),\"n\":$2,\"at\":\"$1\"}"
    out+=",{\"touchpoint\":\"$tp\",\"metric\":\"nps\",\"value\":$(nps 25 15),\"n\":$2,\"at\":\"$1\"}"
    out+=",{\"touchpoint\":\"$tp\",\"metric\":\"ces\",\"value\":$(drift 350 60 100 700),\"n\":$2,\"at\":\"$1\"}"
    sep=","
  done
  echo "[$out]"
}

for (( d = DAYS; d >= 1; d-- )); do
  push "$(readings "$(date -u -d "$DAY - $d days" +%F)" $(( 200 + RANDOM % 300 )))"
done
echo "history: $DAYS days before $DAY pushed"
for (( hour = 0; hour < 24; hour++ )); do
  push "$(readings "$DAY" $(( 20 * (hour + 1) )))"
  printf 'hour %02d pushed (%d touchpoints x 3 metrics)\n' "$hour" "$(wc -w <<< "$TOUCHPOINTS")"
  [ "$INTERVAL" = 0 ] || sleep "$INTERVAL"
done
