#!/usr/bin/env bash
# Fails when a C++ file differs from the repo's .clang-format (prints the files that do).
#   check-format.sh CLANG_FORMAT SOURCE_DIR
set -euo pipefail
clang_format=$1
cd "$2"
mapfile -t files < <(find app core service ui tests bench -name '*.cpp' -o -name '*.h' | sort)
bad=()
for f in "${files[@]}"; do
  "$clang_format" --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "not formatted with .clang-format (run: clang-format -i FILE): ${bad[*]}"
  exit 1
fi
echo "${#files[@]} files follow .clang-format"
