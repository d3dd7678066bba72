#!/usr/bin/env bash
# Evaluation engine benchmark: one generated 1 000-case suite (3 cheap assertions per case) run by
# `promptops eval` against the mock LLM server answering after a fixed 50 ms, at concurrency 4, 16
# and 64. Prints, per run, the wall time, the floor (cases x latency / concurrency), their ratio,
# the ratio once JVM start-up (measured in the same session) is taken off, and the peak RSS; then a
# 1-case run. Targets (issue 5): at 64, wall <= 1.5 x floor + start-up, peak RSS <= 256 MB; one case
# in under 1 s. Usage: bench/eval/eval-bench.sh [CASES] (default 1000). Needs /usr/bin/time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CASES="${1:-1000}"
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
read -r START _ < <(measure --version)
printf 'JVM start-up (promptops --version): %.2f s\n\n' "$START"
printf '%-12s %8s %8s %8s %14s %10s\n' concurrency wall_s floor_s ratio "ratio-startup" rss_MB
for C in 4 16 64; do
  read -r WALL RSS < <(measure eval evals/bench.yaml -j "$C" --no-cache --no-progress-bar)
  python3 - "$CASES" "$LATENCY_MS" "$C" "$WALL" "$RSS" "$START" <<'PY'
import sys
cases, lat, c, wall, rss, start = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
floor = cases * lat / 1000 / c
print("%-12d %8.2f %8.2f %8.2f %14.2f %10.0f" % (c, wall, floor, wall / floor, max(wall - start, 0) / floor, rss / 1024))
PY
done
read -r ONE ONE_RSS < <(measure eval evals/one.yaml --no-cache --no-progress-bar)
printf '\n1-case run: %.2f s, %.0f MB\n' "$ONE" "$(( ONE_RSS / 1024 ))"
