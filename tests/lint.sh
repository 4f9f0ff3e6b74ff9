#!/usr/bin/env bash
# tests/lint.sh - `npm run lint`: formatting and lint rules (Biome for TypeScript, JavaScript and
# CSS; clang-format for C), the import rules of web/src (dependency-cruiser, .dependency-cruiser.cjs)
# and unused files and exports (knip). Every check runs; the script fails if any did.
# `npm run format` rewrites what the formatters would change.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

failed=0
check() {
  echo "lint: $1"
  shift
  "$@" || { echo "lint: FAILED: $*"; failed=1; }
}

c_files() { git ls-files 'c/*.c' 'c/*.h' 'bench/*.c' 'web/wasm/*.c'; }

check "Biome (format and lint)" npx --no-install biome check .
if command -v clang-format >/dev/null 2>&1; then
  # shellcheck disable=SC2046
  check "clang-format (C)" clang-format --dry-run --Werror $(c_files)
else
  echo "lint: clang-format not found: install it (Debian: apt-get install clang-format)" >&2
  failed=1
fi
# Every module of web/src is reached from the page's entry (operations through the registry's
# imports) and the engine's public index.
check "import rules (dependency-cruiser)" \
  npx --no-install depcruise web/src/main.tsx web/src/engine/index.ts --config .dependency-cruiser.cjs
check "unused files and exports (knip)" npx --no-install knip

exit "$failed"
