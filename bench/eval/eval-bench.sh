#!/usr/bin/env bash
# Evaluation engine benchmark: one generated 1 000-case suite (3 cheap assertions per case) run by
# `promptops eval` against the mock LLM server answering after a fixed 50 ms, at concurrency 4, 16
# and 64. Each run is made RUNS times (default 3) and the median is printed: the wall time, the
# floor (cases x latency / concurrency), their ratio, the same ratio once start-up is taken off
# (start-up: `promptops --version`, and separately a whole 1-case eval less its 50 ms), the peak
# RSS, and the wall time of the same requests sent by the JDK's HTTP client alone (RawHttp.java,
# same mock, same concurrency, a fresh JVM: what this machine allows before PromptOps does
# anything). Then the 1-case run. Targets (issue 5): at 64, wall <= 1.5 x floor + start-up, peak
# RSS <= 256 MB; one case in under 1 s.
# Usage: bench/eval/eval-bench.sh [CASES] [RUNS]. Needs /usr/bin/time and python3.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CASES="${1:-1000}"
RUNS="${2:-3}"
LATENCY_MS=50
PROMPTOPS="$ROOT/promptops"
WORK="$(mktemp -d)"
trap 'kill "${MOCK_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
"$PROMPTOPS" --version >/dev/null   # builds the CLI if needed, outside the measurements

PORT=$(( 20000 + RANDOM % 20000 ))
cat > "$WORK/rules.yaml" <<RULES
rules:
  - name: fixed-latency
    latency: ${LATENCY_MS}ms
    reply: "echo: {{lastUserMessage}}"
RULES
"$PROMPTOPS" mock-llm --port "$PORT" --rules "$WORK/rules.yaml" >"$WORK/mock.log" 2>&1 &
MOCK_PID=$!
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/api/tags" && break
  sleep 0.1
done

mkdir -p "$WORK/p/prompts" "$WORK/p/evals"
echo "project: bench" > "$WORK/p/promptops.yaml"
cat > "$WORK/p/prompts/bench.prompt" <<'PROMPT'
---
model: openai/gpt-4o-mini
input:
  schema:
    n: integer
    topic: string
---
Write one sentence about {{topic}} number {{n}}.
PROMPT
suite() { # NAME CASES
  python3 - "$WORK/p/evals/$1.jsonl" "$2" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(json.dumps({"vars": {"n": i, "topic": "topic %d" % (i % 17)}}) + "\n")
PY
  cat > "$WORK/p/evals/$1.yaml" <<SUITE
prompts: [../prompts/bench.prompt]
defaults:
  assert:
    - {type: icontains, value: "number {{n}}"}
    - {type: not-contains, value: "error"}
    - {type: length, value: {max: 2000}}
cases: [{file: $1.jsonl}]
SUITE
}
suite bench "$CASES"
suite one 1

export OPENAI_BASE_URL="http://127.0.0.1:$PORT/v1" OPENAI_API_KEY=bench
cd "$WORK/p"
measure() { # prints "WALL_SECONDS MAX_RSS_KB"
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$PROMPTOPS" "$@" >"$WORK/out" 2>"$WORK/err" || {
    echo "command failed: promptops $*" >&2; cat "$WORK/err" >&2; exit 1; }
  cat "$WORK/time"
}
median() { # RUNS lines of "WALL RSS" on stdin -> the median wall and the largest RSS
  python3 -c '
import sys
rows = [l.split() for l in sys.stdin if l.strip()]
walls = sorted(float(r[0]) for r in rows)
print(walls[len(walls) // 2], max(int(r[1]) for r in rows))'
}
repeat() { for _ in $(seq 1 "$RUNS"); do measure "$@"; done | median; }
raw() { # CONCURRENCY -> median wall seconds of RawHttp
  for _ in $(seq 1 "$RUNS"); do
    "$JAVA_HOME/bin/java" "$ROOT/bench/eval/RawHttp.java" \
      "http://127.0.0.1:$PORT/v1/chat/completions" "$CASES" "$1"
  done | python3 -c 'import sys; w = sorted(float(l) for l in sys.stdin); print(w[len(w) // 2])'
}
. "$ROOT/.ci/java-home.sh"

read -r START _ < <(repeat --version)
read -r ONE ONE_RSS < <(repeat eval evals/one.yaml --no-cache --no-progress-bar)
EVAL_START=$(python3 -c "print(max($ONE - $LATENCY_MS / 1000, 0))")
printf 'start-up: promptops --version %.2f s; a 1-case eval less its %d ms: %.2f s (median of %d)\n\n' \
  "$START" "$LATENCY_MS" "$EVAL_START" "$RUNS"
printf '%-12s %8s %8s %8s %10s %10s %8s %10s\n' \
  concurrency wall_s floor_s ratio "-version" "-1case" rss_MB raw_http_s
for C in 4 16 64; do
  read -r WALL RSS < <(repeat eval evals/bench.yaml -j "$C" --no-cache --no-progress-bar)
  RAW=$(raw "$C")
  python3 - "$CASES" "$LATENCY_MS" "$C" "$WALL" "$RSS" "$START" "$EVAL_START" "$RAW" <<'PY'
import sys
cases, lat, c = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
wall, rss, start, eval_start, raw = float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7]), float(sys.argv[8])
floor = cases * lat / 1000 / c
print("%-12d %8.2f %8.2f %8.2f %10.2f %10.2f %8.0f %10.2f" % (c, wall, floor, wall / floor,
      max(wall - start, 0) / floor, max(wall - eval_start, 0) / floor, rss / 1024, raw))
PY
done
printf '\n1-case run: %.2f s, %.0f MB\n' "$ONE" "$(( ONE_RSS / 1024 ))"
cat <<'NOTE'

ratio: wall / floor; -version: (wall - `promptops --version`) / floor, the issue's measure;
-1case: (wall - the 1-case eval's fixed cost) / floor; raw_http_s: the JDK client alone, no JVM
start-up counted, for the same requests (its ratio to the floor is what the machine allows).
NOTE
