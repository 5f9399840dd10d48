#!/usr/bin/env bash
# bench/run.sh BIN_DIR [options]: runs sandtab_bench once and prints the table.
#
#   --smoke                 every row once, minimal time (the ctest uses this)
#   --min-time=SECONDS      Google Benchmark min time per row (default 0.2)
#   --placement=WHERE       same-core (default), cross-core or unpinned
#   --json=PATH             also keep the raw Google Benchmark JSON
#   --benchmark_...         passed through (e.g. --benchmark_filter=round_trip)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${1:?usage: bench/run.sh BIN_DIR [--smoke] [--min-time=S] [--placement=WHERE]}"
shift
min_time=0.2
keep_json=""
args=()
for arg in "$@"; do
  case "$arg" in
    --smoke) min_time=0.001 ;;
    --min-time=*) min_time="${arg#--min-time=}" ;;
    --placement=*|--benchmark_*) args+=("$arg") ;;
    --json=*) keep_json="${arg#--json=}" ;;
    --scale) echo "bench: --scale (hundreds of tabs) is not part of this table yet; ignored" >&2 ;;
    *) echo "bench: unknown option $arg" >&2; exit 2 ;;
  esac
done

[[ -x "$BIN/sandtab_bench" ]] || { echo "bench: $BIN/sandtab_bench not built" >&2; exit 1; }
json="$(mktemp "${TMPDIR:-/tmp}/sandtab-bench.XXXXXX.json")"
trap 'rm -f "$json"' EXIT
# --benchmark_min_time takes plain seconds in Google Benchmark 1.7 (no unit).
"$BIN/sandtab_bench" --benchmark_min_time="$min_time" --benchmark_format=json \
  ${args[@]+"${args[@]}"} >"$json"
python3 "$HERE/format_table.py" "$json"
[[ -z "$keep_json" ]] || cp "$json" "$keep_json"
