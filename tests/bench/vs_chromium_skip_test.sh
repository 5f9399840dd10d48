#!/usr/bin/env bash
# bench/run.sh BIN --vs-chromium on a PATH without chromium: the option
# parses, the comparison says it skips the Chromium rows, and exits 0 at
# once, never trying to install anything. A wrong option still fails.
# usage: vs_chromium_skip_test.sh SOURCE_DIR BIN_DIR
set -euo pipefail
src="$1"
bin="$2"
timeout="$(command -v timeout)"
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
# Only what run.sh and the comparison need: no chromium among them.
for tool in bash dirname node; do
  ln -s "$(command -v "$tool")" "$tools/$tool"
done
fail() { echo "FAIL: $*" >&2; exit 1; }

out="$(PATH="$tools" "$timeout" 60 "$src/bench/run.sh" "$bin" --vs-chromium --smoke 2>&1)" ||
  fail "exit $? without chromium: $out"
grep -q '^vs-chromium: chromium not found on PATH: the Chromium rows are skipped' <<<"$out" ||
  fail "no skip line: $out"
if grep -qi 'apt-get install -y\|Setting up' <<<"$out"; then fail "it installed something: $out"; fi

if out="$(PATH="$tools" "$timeout" 60 "$src/bench/run.sh" "$bin" --vs-chromium --rounds=0 2>&1)"; then
  fail "--rounds=0 was accepted: $out"
fi
grep -q -- '--rounds needs a number >= 1' <<<"$out" || fail "no word on --rounds=0: $out"
if out="$(PATH="$tools" "$timeout" 60 "$src/bench/run.sh" "$bin" --vs-chromium --only=nothing 2>&1)"; then
  fail "--only=nothing was accepted: $out"
fi
echo "PASS: --vs-chromium skips cleanly without chromium and refuses bad options"
