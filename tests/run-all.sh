#!/usr/bin/env bash
# tests/run-all.sh - every test suite of convstep, in order (`npm test` runs this).
#
# Each suite runs even when an earlier one failed; its result is printed as it ends, and the
# last line totals the suites: `N passed, N failed`. Exits non-zero when any suite failed.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

passed=0
failed=0
results=()

suite() {
  local name="$1"
  shift
  echo
  echo "==== $name: $*"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    results+=("PASS  $name ($((SECONDS - start)) s)")
    echo "==== $name: PASS"
  else
    failed=$((failed + 1))
    results+=("FAIL  $name ($((SECONDS - start)) s)")
    echo "==== $name: FAIL"
  fi
}

# Compilers and the browser: installed when missing (Debian, root), otherwise named.
bash tests/setup-system.sh || { echo "0 passed, 1 failed"; exit 1; }

# The C library natively, under AddressSanitizer and UBSan, against tests/fixtures/.
suite "C (native)" bash build.sh test
# The whole C API under libFuzzer with ASan and UBSan, for a minute, from the committed corpus.
suite "C fuzz (60 s)" bash c/fuzz/run.sh 60
# The WebAssembly module the engine tests and the page load.
suite "WebAssembly build" bash build.sh wasm
suite "TypeScript types" npm run --silent typecheck
# Formatting, lint rules, the import rules of web/src and unused exports.
suite "lint" bash tests/lint.sh
suite "engine (vitest, Node)" npx --no-install vitest run --project engine
suite "pure modules (vitest, Node)" npx --no-install vitest run --project lib
suite "components (vitest, happy-dom)" npx --no-install vitest run --project components
# The static site that the end-to-end tests serve.
suite "site build (vite)" npx --no-install vite build --logLevel warn
# The one-file copy (dist-single/convstep.html) that the end-to-end tests open from disk.
suite "one-file build (vite)" npx --no-install vite build --config vite.single.config.ts --logLevel warn
suite "end-to-end (Chromium)" node tests/e2e/run.mjs

echo
echo "==== summary"
printf '%s\n' "${results[@]}"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
