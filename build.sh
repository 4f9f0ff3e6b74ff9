#!/usr/bin/env bash
# build.sh - builds convstep's C library natively (for its tests) and as WebAssembly (for the page).
#
# Run `bash build.sh -h` for the commands. Everything is built from the repository's top folder,
# wherever the script is called from.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bash build.sh [--debug] [--force] [COMMAND...]

Commands (default: all):
  native   build build/test_native: c/src/*.c and c/tests/*.c with AddressSanitizer and
           UndefinedBehaviorSanitizer; also compiles web/wasm/glue.c natively as a warning check
  test     build native, then run build/test_native from the repository's top folder
           (it reads tests/fixtures/)
  wasm     build the Emscripten module web/src/engine/generated/convstep.{mjs,wasm};
           skipped when it is newer than every source and was built with the same flags
  all      native and wasm

Options:
  --debug  -O0 -g and Emscripten assertions, instead of -O3 (-O1 -g for native). The debug
           module checks that it runs on the web, so in Node run its tests under a DOM:
           npx vitest run --project engine --environment happy-dom
  --force  rebuild the WebAssembly module even when it looks up to date
  -h       this text

Environment:
  CC       the native C compiler (default: cc)
  EMCC     the Emscripten compiler (default: emcc)
EOF
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

debug=0
force=0
commands=()
for arg in "$@"; do
  case "$arg" in
    -h | --help) usage; exit 0 ;;
    --debug) debug=1 ;;
    --force) force=1 ;;
    native | test | wasm | all) commands+=("$arg") ;;
    *) echo "build.sh: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done
[ ${#commands[@]} -gt 0 ] || commands=(all)

CC="${CC:-cc}"
EMCC="${EMCC:-emcc}"
warnings=(-Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror)

c_sources() {
  # The library's sources, sorted so that builds are reproducible.
  local files=(c/src/*.c)
  if [ ! -e "${files[0]}" ]; then
    echo "build.sh: no C sources in c/src/" >&2
    exit 1
  fi
  printf '%s\n' "${files[@]}"
}

build_native() {
  mkdir -p build
  local opt=(-O1 -g)
  [ "$debug" = 1 ] && opt=(-O0 -g)
  local lib tests
  mapfile -t lib < <(c_sources)
  tests=(c/tests/*.c)
  if [ ! -e "${tests[0]}" ]; then
    echo "build.sh: no C tests in c/tests/" >&2
    exit 1
  fi
  local sanitize=(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  echo "native: ${CC} -> build/test_native"
  "$CC" -std=c11 "${warnings[@]}" "${opt[@]}" "${sanitize[@]}" -Ic/include \
    "${lib[@]}" "${tests[@]}" -lm -o build/test_native
  # The WebAssembly glue is plain C too: compile it here so its warnings surface early.
  "$CC" -std=c11 "${warnings[@]}" -O1 -Ic/include -c web/wasm/glue.c -o build/glue_check.o
}

run_native_tests() {
  echo "native: running build/test_native"
  ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}" \
  UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
    ./build/test_native
}

# Debian's emcc needs its JavaScript modules (acorn) from /usr/share/nodejs, a folder that only
# exists once apt has installed emscripten (node-acorn puts it there): so this runs after the
# install, never before it. Harmless for an emcc from the Emscripten SDK.
use_debian_node_modules() {
  if [ -d /usr/share/nodejs ]; then
    case ":${NODE_PATH:-}:" in
      *:/usr/share/nodejs:*) ;;
      *) export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs" ;;
    esac
  fi
}

find_emcc() {
  if command -v "$EMCC" >/dev/null 2>&1; then
    use_debian_node_modules
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "wasm: emcc not found; installing Emscripten with apt-get"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y emscripten
    if command -v "$EMCC" >/dev/null 2>&1; then
      use_debian_node_modules
      return 0
    fi
  fi
  cat >&2 <<'EOF'
build.sh: emcc (Emscripten) was not found.
Install it, then run this again:
  Debian or Ubuntu (as root):  apt-get update && apt-get install -y emscripten
  elsewhere:                   the Emscripten SDK (emsdk), then `source ./emsdk_env.sh`
or point EMCC at an emcc binary.
EOF
  exit 1
}

build_wasm() {
  local out_dir=web/src/engine/generated
  local out="$out_dir/convstep.mjs"
  local wasm="$out_dir/convstep.wasm"
  local lib
  mapfile -t lib < <(c_sources)

  # -mbulk-memory: memcpy and memset become memory.copy and memory.fill. Without it, this
  # Emscripten's memcpy calls out to JavaScript for every copy of 512 bytes or more, and
  # pool_backward's row copies ran at half the native speed.
  local opt=(-O3 -msimd128 -mbulk-memory)
  [ "$debug" = 1 ] && opt=(-O0 -g -msimd128 -mbulk-memory -sASSERTIONS=2)
  local flags=(
    -std=c11 "${warnings[@]}" "${opt[@]}" -Ic/include
    -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createConvstep
    # Web only: in Node the engine hands the factory the .wasm bytes itself.
    -sENVIRONMENT=web
    # A tensor holds at most 2^22 doubles (32 MiB); a stepper owns at most seven, plus
    # snapshots of one more (convstep.h), so the 1 GB cap holds a few steppers.
    -sINITIAL_MEMORY=16MB -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=1GB
    # A failed malloc returns NULL (the C code then reports CS_ERR_NOMEM) instead of aborting.
    -sABORTING_MALLOC=0
    -sMALLOC=emmalloc -sFILESYSTEM=0 -sDYNAMIC_EXECUTION=0
    -sEXPORTED_FUNCTIONS=@web/wasm/exports.json
    -sEXPORTED_RUNTIME_METHODS=HEAPU8,HEAP32,HEAPF64,UTF8ToString
  )

  # Up to date? Compare with every input and with the flags of the last build.
  local stamp="$out_dir/.flags"
  local want_stamp
  want_stamp="$(printf '%s\n' "${flags[@]}" "${lib[@]}")"
  if [ "$force" = 0 ] && [ -f "$wasm" ] && [ -f "$out" ] && [ -f "$stamp" ] &&
     [ "$(cat "$stamp")" = "$want_stamp" ] &&
     [ -z "$(find c/src c/include web/wasm build.sh -newer "$wasm" -print -quit)" ]; then
    echo "wasm: $wasm is up to date"
    return 0
  fi

  find_emcc
  mkdir -p "$out_dir"
  echo "wasm: $EMCC -> $out, $wasm"
  "$EMCC" "${flags[@]}" "${lib[@]}" web/wasm/glue.c -o "$out"
  printf '%s\n' "$want_stamp" >"$stamp"
  echo "wasm: $(wc -c <"$wasm") bytes of wasm, $(wc -c <"$out") bytes of glue"
}

for cmd in "${commands[@]}"; do
  case "$cmd" in
    native) build_native ;;
    test) build_native; run_native_tests ;;
    wasm) build_wasm ;;
    all) build_native; build_wasm ;;
  esac
done
