#!/bin/sh
# Rebuilds the test modules from their text: wabt's wat2wasm (Debian's wabt 1.0.32).
set -e
cd "$(dirname "$0")"
for f in *.wat; do wat2wasm --enable-threads --enable-multi-memory "$f" -o "${f%.wat}.wasm"; done
