#!/usr/bin/env bash
# bench/run.sh BIN_DIR [options]: runs sandtab_bench (IPC rows) and
# sandtab_e2e_bench (end-to-end rows) once each and prints the one table.
#
#   --smoke                 every row once, minimal time (the ctest uses this)
#   --min-time=SECONDS      Google Benchmark min time per row (default 0.2)
#   --placement=WHERE       same-core (default), cross-core or unpinned
#   --json=PATH             also keep the raw Google Benchmark JSON
#   --benchmark_...         passed through (e.g. --benchmark_filter=round_trip)
#   --e2e=SECTIONS          end-to-end sections of sandtab_e2e_bench to run:
#                           all (default), none, or a list from
#                           launch,floor,open,crash,client,script,sites,render,plugin,memory,scale,devtools
#   --ipc=none              skip sandtab_bench (the IPC rows)
#   --scale                 add the scale run: 500 tabs at once, 50 renderers
#                           crashed, then all closed (a few minutes); --smoke
#                           always runs a tiny version (10 tabs, 2 crashes)
#   --scale-tabs=N, --scale-crashes=N, --idle-seconds=S   its size
#   --scale-page=FILE       every scale tab opens FILE (e.g. scripted.html: one
#                           inline script) instead of the built-in pages in turn
#                           (js-mix: half of them scripted, animating and ticking)
#   --vs-chromium [--smoke] [--rounds=N] [--only=oneshot|cdp]
#                           instead of the table: sandtab against Debian's
#                           chromium, alternating runs (bench/vs_chromium/;
#                           skipped with a line when chromium is not on PATH)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${1:?usage: bench/run.sh BIN_DIR [--smoke] [--min-time=S] [--placement=WHERE]}"
shift
# The comparison is a run of its own (minutes): node, and the CDP client
# ctest's devtools_npm_ci installed into the build folder.
if [[ " $* " == *" --vs-chromium "* ]]; then
  vs_args=()
  for arg in "$@"; do [[ "$arg" == --vs-chromium ]] || vs_args+=("$arg"); done
  command -v node >/dev/null || { echo "bench: --vs-chromium needs node (./sandtab test installs it)" >&2; exit 1; }
  NODE_PATH="$BIN/../tests/devtools/node/node_modules" exec node "$HERE/vs_chromium/main.js" "$BIN" \
    ${vs_args[@]+"${vs_args[@]}"}
fi
min_time=0.2
keep_json=""
placement=""
smoke=0
e2e=all
ipc=all
args=()
scale_args=()
for arg in "$@"; do
  case "$arg" in
    --smoke) min_time=0.001; smoke=1 ;;
    --e2e=*) e2e="${arg#--e2e=}" ;;
    --ipc=*) ipc="${arg#--ipc=}" ;;
    --min-time=*) min_time="${arg#--min-time=}" ;;
    --placement=*) args+=("$arg"); placement="$arg" ;;
    --benchmark_*) args+=("$arg") ;;
    --json=*) keep_json="${arg#--json=}" ;;
    --scale|--scale-tabs=*|--scale-crashes=*|--idle-seconds=*|--scale-page=*) scale_args+=("$arg") ;;
    *) echo "bench: unknown option $arg" >&2; exit 2 ;;
  esac
done

# Only the executables this run uses need be built (--ipc=none runs no
# sandtab_bench, --e2e=none no sandtab_e2e_bench).
needed=()
[[ "$ipc" == none ]] || needed+=(sandtab_bench)
[[ "$e2e" == none ]] || needed+=(sandtab_e2e_bench)
for exe in ${needed[@]+"${needed[@]}"}; do
  [[ -x "$BIN/$exe" ]] || { echo "bench: $BIN/$exe not built" >&2; exit 1; }
done
json="$(mktemp "${TMPDIR:-/tmp}/sandtab-bench.XXXXXX.json")"
e2e_json="$(mktemp "${TMPDIR:-/tmp}/sandtab-e2e.XXXXXX.json")"
trap 'rm -f "$json" "$e2e_json"' EXIT
if [[ "$ipc" == none ]]; then
  echo '{"context": {}, "benchmarks": []}' >"$json"
else
  # --benchmark_min_time takes plain seconds in Google Benchmark 1.7 (no unit).
  "$BIN/sandtab_bench" --benchmark_min_time="$min_time" --benchmark_format=json \
    ${args[@]+"${args[@]}"} >"$json"
fi
if [[ "$e2e" == none ]]; then
  echo '{"context": {}, "rows": []}' >"$e2e_json"
else
  e2e_args=(${placement:+"$placement"})
  [[ "$smoke" == 1 ]] && e2e_args+=(--smoke)
  [[ "$e2e" == all ]] || e2e_args+=("--only=$e2e")
  e2e_args+=(${scale_args[@]+"${scale_args[@]}"})
  "$BIN/sandtab_e2e_bench" ${e2e_args[@]+"${e2e_args[@]}"} >"$e2e_json"
fi
python3 "$HERE/format_table.py" "$json" "$e2e_json"
# The DevTools rows (devtools_bench.js) need the npm clients the tests
# installed into the build folder (ctest's devtools_npm_ci).
node_modules="$BIN/../tests/devtools/node/node_modules"
if [[ "$e2e" == all || "$e2e" == *devtools* ]]; then
  if command -v node >/dev/null && [[ -d "$node_modules" ]]; then
    smoke_flag=()
    [[ "$smoke" == 1 ]] && smoke_flag=(--smoke)
    NODE_PATH="$node_modules" node "$HERE/devtools_bench.js" "$BIN/sandtab" ${smoke_flag[@]+"${smoke_flag[@]}"}
  else
    echo "(DevTools rows skipped: run ctest -R devtools_npm_ci first to install the clients)"
  fi
fi
if [[ -n "$keep_json" ]]; then
  cp "$json" "$keep_json"
  cp "$e2e_json" "${keep_json%.json}.e2e.json"
fi
