#!/usr/bin/env bash
# The speed-and-scale suite (issue 17), in one go:
#   - the real archive: ../shared/corpus/doj and ../shared/corpus/wikinews, read in place;
#   - a deterministic synthetic archive (benches/synth.py: 200 MB in 60,000 stories) and one
#     100 MB story, generated under $TMPDIR (never in the repository);
# for each: wall time, MB/s, files/s and peak RSS of `copydesk check --format json`, and `rg`
# running the boilerplate pack's patterns (benches/rg_patterns.py) over the same files as the
# reference, runs interleaved and the median taken; then peak RSS on the real archive in every
# streamed format, cold start on one story (hyperfine, against starting `cat`), and re-lint of a
# 10 KB story through the library API (the criterion bench `relint`).
#
#   benches/suite.sh                 everything (generating the synthetic data takes a while once)
#   RUNS=5 benches/suite.sh          more runs per measure (default 3)
#   SCALE=0.1 benches/suite.sh       a tenth of the synthetic data, for a quick look
#   SINGLE_RUNS=3 benches/suite.sh   runs on the 100 MB story (default 1: it takes minutes)
#   SKIP_CRITERION=1 benches/suite.sh
#   FORMATS="json jsonl" benches/suite.sh   the formats whose peak RSS is measured
#
# Needs ripgrep and hyperfine (installed with apt-get when missing and running as root).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
scale=${SCALE:-1}
work=${TMPDIR:-/tmp}/copydesk-bench
mkdir -p "$work"
for tool in rg hyperfine; do
  if ! command -v "$tool" >/dev/null; then
    pkg=$tool; [ "$tool" = rg ] && pkg=ripgrep
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "$pkg" >/dev/null; fi
  fi
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 2; }
done

# BIN=path/to/copydesk measures that binary instead of building one.
if [ -z "${BIN:-}" ]; then cargo build --release --quiet; fi
bin=${BIN:-$PWD/target/release/copydesk}
out="$work/results.tsv"
: > "$out"

# The synthetic data, made once per scale (the same bytes every time).
files=$(python3 -c "print(int(60000*$scale))")
mb=$(python3 -c "print(200*$scale)")
one_mb=$(python3 -c "print(100*$scale)")
synth="$work/synth-$scale"
single="$work/single-$scale.md"
[ -d "$synth" ] || python3 benches/synth.py archive "$synth" --files "$files" --mb "$mb"
[ -f "$single" ] || python3 benches/synth.py single "$single" --mb "$one_mb"
python3 benches/rg_patterns.py rules/boilerplate.toml > "$work/patterns.txt"

# measure NAME DATASET CMD...: one line "name dataset seconds max_rss_kb" per run.
measure() {
  local name=$1 set=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null 2>"$work/stderr.txt" || true
  echo -e "$name\t$set\t$(cat "$work/time.txt" | tail -1 | tr ' ' '\t')" >> "$out"
}

dataset() {
  local set=$1 n=$2; shift 2
  local paths=("$@")
  local bytes nfiles
  bytes=$(find "${paths[@]}" -type f \( -name '*.md' -o -name '*.txt' \) -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
  nfiles=$(find "${paths[@]}" -type f \( -name '*.md' -o -name '*.txt' \) | wc -l)
  echo -e "size\t$set\t$bytes\t$nfiles" >> "$out"
  for _ in $(seq "$n"); do
    measure copydesk "$set" "$bin" check "${paths[@]}" --no-config --format json --fail-on never --max-file-size 1000000000
    measure rg "$set" rg -c -f "$work/patterns.txt" "${paths[@]}"
  done
}

echo "== real archive" >&2
dataset real "$runs" ../shared/corpus/doj ../shared/corpus/wikinews
echo "== synthetic archive ($files stories, $mb MB)" >&2
dataset synthetic "$runs" "$synth"
echo "== one ${one_mb} MB story" >&2
dataset single "${SINGLE_RUNS:-1}" "$single"

echo "== peak RSS on the real archive, every format" >&2
for format in ${FORMATS:-json jsonl human concise github sarif}; do
  measure "rss-$format" real "$bin" check ../shared/corpus/doj ../shared/corpus/wikinews --no-config --format "$format" --fail-on never
done

echo "== cold start on one story" >&2
story=$(find ../shared/corpus/doj -name '*.md' | sort | sed -n 1p)
hyperfine --warmup 3 --runs $((runs * 10)) -N --style none --export-json "$work/cold.json" \
  "cat $story" "$bin check $story --no-config --fail-on never" > /dev/null

relint=""
if [ -z "${SKIP_CRITERION:-}" ]; then
  echo "== re-lint of a 10 KB story (criterion)" >&2
  cargo bench --quiet --bench relint -- --noplot > "$work/criterion.txt" 2>&1 || true
  relint=$(find target/criterion -path '*relint*/new/estimates.json' | head -1)
fi

python3 - "$out" "$work/cold.json" "$relint" <<'PY'
import json, statistics, sys
from collections import defaultdict
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
size, runs, rss = {}, defaultdict(list), defaultdict(int)
for r in rows:
    if r[0] == "size":
        size[r[1]] = (int(r[2]), int(r[3]))
    else:
        runs[(r[0], r[1])].append(float(r[2]))
        rss[(r[0], r[1])] = max(rss[(r[0], r[1])], int(r[3]))
print("| data | copydesk s | MB/s | files/s | peak RSS | rg s | copydesk / rg |")
print("|---|---|---|---|---|---|---|")
for s in ["real", "synthetic", "single"]:
    if s not in size: continue
    b, n = size[s]
    cd = statistics.median(runs[("copydesk", s)]); rg = statistics.median(runs[("rg", s)])
    print(f"| {s}: {n:,} files, {b/1e6:.0f} MB | {cd:.2f} | {b/1e6/cd:.1f} | {n/cd:,.0f} | "
          f"{rss[('copydesk', s)]/1024:.0f} MB ({rss[('copydesk', s)]*1024/b:.2f}x data) | {rg:.2f} | {cd/rg:.1f}x |")
print()
print("peak RSS on the real archive by format: " + ", ".join(
    f"{k[0][4:]} {v/1024:.0f} MB" for k, v in rss.items() if k[0].startswith("rss-")))
cold = json.load(open(sys.argv[2]))["results"]
cat, cd = cold[0]["median"], cold[1]["median"]
print(f"cold start, one story: {cd*1000:.1f} ms median ({cd/cat:.1f}x starting `cat`, {cat*1000:.1f} ms)")
if sys.argv[3]:
    est = json.load(open(sys.argv[3]))
    print(f"re-lint of a 10 KB story (library API): {est['median']['point_estimate']/1e6:.3f} ms median")
PY
