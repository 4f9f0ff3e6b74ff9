#!/usr/bin/env bash
# c/fuzz/run.sh - builds the libFuzzer harness c/fuzz/fuzz_api.c with the library's sources
# and fuzzes the public C API for a while. Run `bash c/fuzz/run.sh -h` for the options.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bash c/fuzz/run.sh [SECONDS] [--runs N]

Builds build/fuzz_api (clang -O2, -fsanitize=fuzzer,address,undefined) from c/src/*.c and
c/fuzz/fuzz_api.c, then fuzzes for SECONDS seconds (default 60), starting from a copy of the
seed corpus c/fuzz/corpus/ and of the defect inputs c/fuzz/crashes/ in a temporary folder
(the committed files do not change). With --runs N it stops after N executions instead (or
after SECONDS, when both are given): `bash c/fuzz/run.sh --runs 10000000` is the long run.
Prints the final statistics (executions, coverage) and, last, `1 passed, 0 failed` or
`0 passed, 1 failed`; the exit status is 0 only when nothing was found.

A crashing input is written to build/fuzz-artifacts/; replay it with
  ./build/fuzz_api build/fuzz-artifacts/crash-...
and, if it shows a defect of c/src, keep a copy in c/fuzz/crashes/ (see c/fuzz/README.md).

Options:
  -h, --help    this text

Environment:
  CLANG         the clang to use (default: clang); libFuzzer comes with its runtime
                (Debian: apt-get install libclang-rt-14-dev)
EOF
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

seconds=""
runs=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --runs)
      if [ $# -lt 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]] || [ "$2" -le 0 ]; then
        echo "run.sh: --runs needs a positive number of executions" >&2
        usage >&2
        exit 2
      fi
      runs="$2"
      shift
      ;;
    *)
      if [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -gt 0 ]; then
        seconds="$1"
      else
        echo "run.sh: unknown argument '$1'" >&2
        usage >&2
        exit 2
      fi
      ;;
  esac
  shift
done
if [ -z "$seconds" ] && [ -z "$runs" ]; then seconds=60; fi

CLANG="${CLANG:-clang}"
if ! command -v "$CLANG" >/dev/null 2>&1; then
  echo "run.sh: $CLANG was not found; install clang (Debian: apt-get install -y clang libclang-rt-14-dev)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/convstep-fuzz.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# libFuzzer ships with clang's runtime libraries, which Debian packages separately.
fuzzer_links() {
  printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
    >"$tmp/probe.c"
  "$CLANG" -fsanitize=fuzzer,address,undefined "$tmp/probe.c" -o "$tmp/probe" >/dev/null 2>&1
}
if ! fuzzer_links; then
  clang_major="$("$CLANG" -dumpversion 2>/dev/null | cut -d. -f1)"
  pkg="libclang-rt-${clang_major:-14}-dev"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "run.sh: clang's fuzzer runtime is missing; installing $pkg with apt-get"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "$pkg"
  fi
  if ! fuzzer_links; then
    echo "run.sh: $CLANG cannot link -fsanitize=fuzzer: libFuzzer (clang's runtime) is missing." >&2
    echo "Install it, then run this again (Debian or Ubuntu, as root): apt-get install -y $pkg" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

mkdir -p build build/fuzz-artifacts build/fuzz-obj
echo "fuzz: building build/fuzz_api"
# Every file under ASan and UBSan with libFuzzer's edge counters. The harness, validate.c and
# rng.c also trace comparisons (trace-cmp), which lets libFuzzer guess the operands of a
# comparison; the kernels' comparisons are loop bounds, whose tracing cost a quarter of the
# run time and guessed nothing, so they have the counters only.
common=(-g -O2 -fsanitize=address,undefined -fno-sanitize-recover=all -Ic/include)
build_ok=1
for src in c/src/*.c c/fuzz/fuzz_api.c; do
  name="$(basename "$src" .c)"
  case "$name" in
    conv | pool | stepper | conv_transpose)
      cov=(-fsanitize-coverage=inline-8bit-counters,indirect-calls,pc-table) ;;
    *) cov=(-fsanitize=fuzzer-no-link) ;;
  esac
  "$CLANG" "${common[@]}" "${cov[@]}" -c "$src" -o "build/fuzz-obj/$name.o" || build_ok=0
done
if [ "$build_ok" = 1 ]; then
  "$CLANG" -fsanitize=fuzzer,address,undefined build/fuzz-obj/*.o -lm -o build/fuzz_api || build_ok=0
fi
if [ "$build_ok" = 0 ]; then
  echo "run.sh: the build failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# The seeds, and the inputs of defects found before (regression inputs, replayed first).
mkdir -p "$tmp/corpus"
cp c/fuzz/corpus/* "$tmp/corpus/"
if compgen -G "c/fuzz/crashes/*" >/dev/null; then
  cp c/fuzz/crashes/* "$tmp/corpus/"
fi
limits=()
what=""
if [ -n "$seconds" ]; then
  limits+=(-max_total_time="$seconds")
  what="${seconds} s"
fi
if [ -n "$runs" ]; then
  limits+=(-runs="$runs")
  what="${what:+$what or }$runs executions"
fi
echo "fuzz: ${what} from $(find "$tmp/corpus" -type f | wc -l) inputs of c/fuzz/corpus and c/fuzz/crashes (copied to a temporary folder)"

log="$tmp/fuzz.log"
status=0
# -reload=0: no other process adds to the corpus folder, so it is not read again.
UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
  ./build/fuzz_api "${limits[@]}" -reload=0 -rss_limit_mb=2048 -timeout=60 \
  -print_final_stats=1 -artifact_prefix=build/fuzz-artifacts/ "$tmp/corpus" >"$log" 2>&1 || status=$?

# The first and the last coverage line, the final statistics; a crash report in full.
grep -m1 -E '^#[0-9]+[[:space:]]+INITED' "$log" || true
grep -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|DONE|RELOAD)' "$log" | tail -n 1 || true
grep -E '^Done [0-9]+ runs' "$log" || true
if [ "$status" != 0 ]; then
  echo
  echo "fuzz: libFuzzer stopped with status $status:"
  # The report: from the first sanitizer or invariant message to the end.
  awk 'f || /invariant violated|ERROR: |runtime error|==[0-9]+==|deadly signal|ALARM: / { f = 1; print }' \
    "$log" | grep -v -E '^"|^###### Recommended dictionary|^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)|^stat::' | head -n 80
  artifact="$(grep -o 'Test unit written to [^ ]*' "$log" | tail -n 1 | sed 's/Test unit written to //')"
  if [ -n "$artifact" ]; then
    echo
    echo "fuzz: crashing input: $artifact (replay: ./build/fuzz_api $artifact)"
  fi
fi
execs="$(grep -E '^stat::number_of_executed_units:' "$log" | awk '{ print $2 }' | tail -n 1)"
cov="$(grep -E '^#[0-9]+[[:space:]]' "$log" | grep -o 'cov: [0-9]* ft: [0-9]*' | tail -n 1)"
grep -E '^stat::' "$log" || true
echo "fuzz: ${execs:-?} executions, ${cov:-coverage unknown}"

if [ "$status" = 0 ]; then
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
  exit 1
fi
