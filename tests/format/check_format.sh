#!/usr/bin/env bash
# The format gate: every C++ file of the tree is as .clang-format writes it.
# Usage: check_format.sh ROOT   (exit 0: formatted; 1: not, with the diff)
# ./sandtab installs clang-format (Debian's clang-format-14) for `test`.
set -uo pipefail
root="${1:?usage: check_format.sh ROOT}"
cd "$root" || exit 2
tool=""
for candidate in clang-format-14 clang-format; do
  if command -v "$candidate" >/dev/null; then tool="$candidate"; break; fi
done
if [[ -z "$tool" ]]; then
  echo "check_format: clang-format not found (./sandtab test installs clang-format)" >&2
  exit 2
fi
if [[ -d .git || -f .git ]] && git rev-parse --show-toplevel >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cc' '*.h' | grep -v '^tests/fuzz/corpus/')
else
  mapfile -t files < <(find . -path ./build -prune -o \( -name '*.cc' -o -name '*.h' \) -print | sed 's|^\./||' |
                       grep -v -E '^(build|tests/fuzz/corpus)/')
fi
# One run over every file: clang-format names each line it would change.
output=$("$tool" --dry-run -Werror "${files[@]}" 2>&1)
status=$?
if (( status != 0 )); then
  echo "$output" | grep -E '^[^ ].*: error:' | sed -E 's/:[0-9]+:[0-9]+: error: .*//' | sort -u | sed 's/^/not formatted: /' | head -40
  echo "$output" | head -40
  echo "check_format: run \`./sandtab format\` (or $tool -i FILE) to format" >&2
  exit 1
fi
echo "check_format: ${#files[@]} files formatted as .clang-format says"
