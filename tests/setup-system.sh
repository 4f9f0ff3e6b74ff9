#!/usr/bin/env bash
# tests/setup-system.sh - installs the system programs the tests need when they are missing:
# C compilers (gcc; clang with libFuzzer), clang-format, Emscripten, Chromium and Korean fonts (Debian packages, needs root and apt-get). Elsewhere
# it says what to install and fails. `npm test` runs it first; running it again does nothing.
set -euo pipefail

missing=()
command -v cc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
command -v clang >/dev/null 2>&1 || missing+=(clang)
command -v clang-format >/dev/null 2>&1 || missing+=(clang-format)
# libFuzzer's runtime, for c/fuzz/run.sh
compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null || missing+=(libclang-rt-14-dev)
command -v emcc >/dev/null 2>&1 || missing+=(emscripten)
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
# Korean glyphs, so that the screenshots of ?lang=ko show real text and not boxes
[ -d /usr/share/fonts/opentype/noto ] && compgen -G "/usr/share/fonts/opentype/noto/NotoSansCJK*" >/dev/null ||
  missing+=(fonts-noto-cjk)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing ${missing[*]} (Debian packages)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "setup: missing ${missing[*]}; install them (Debian: apt-get install ${missing[*]})," >&2
  echo "       or set CHROMIUM to a Chromium binary and put emcc on PATH" >&2
  exit 1
fi
