#!/usr/bin/env bash
# Throughput benchmark: copydesk over the DOJ press-release corpus (12,673 stories, 57 MB),
# reported as a ratio against a baseline measured in the same run: reading every file with `cat`
# (the I/O floor). A second pair times one story against spawning `cat` on it (process start-up).
#
#   benches/throughput.sh [CORPUS_DIR]     (default: ../shared/corpus/doj)
#
# Uses hyperfine (installed with apt-get when missing and running as root).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/doj}
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
if ! command -v hyperfine >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; fi
fi
command -v hyperfine >/dev/null || { echo "hyperfine is required" >&2; exit 2; }

cargo build --release --quiet
bin=target/release/copydesk
one=$(find "$corpus" -name '*.md' | sort | sed -n 1p)
files=$(find "$corpus" -name '*.md' | wc -l)
bytes=$(find "$corpus" -name '*.md' -print0 | xargs -0 cat | wc -c)
out=$(mktemp -d)

hyperfine --warmup 1 --runs 5 --style basic --export-json "$out/corpus.json" \
  -n "baseline: cat every file" "find '$corpus' -name '*.md' -print0 | xargs -0 cat > /dev/null" \
  -n "copydesk check (json)" "$bin check '$corpus' --no-config --format json --fail-on never > /dev/null"
hyperfine --warmup 3 --runs 30 -N --style basic --export-json "$out/one.json" \
  -n "baseline: cat one story" "cat '$one'" \
  -n "copydesk check one story" "$bin check '$one' --no-config --fail-on never"

python3 - "$out" "$files" "$bytes" <<'PY'
import json, sys
out, files, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def means(name):
    r = json.load(open(f"{out}/{name}.json"))["results"]
    return r[0]["mean"], r[1]["mean"]
base, cd = means("corpus")
print(f"\ncorpus: {files} files, {size/1e6:.1f} MB")
print(f"  cat every file     {base*1000:8.1f} ms")
print(f"  copydesk check     {cd*1000:8.1f} ms   = {cd/base:.1f}x the I/O baseline, {size/1e6/cd:.1f} MB/s, {files/cd:,.0f} files/s")
base, cd = means("one")
print(f"one story:")
print(f"  cat                {base*1000:8.2f} ms")
print(f"  copydesk check     {cd*1000:8.2f} ms   = {cd/base:.1f}x process start-up")
PY
