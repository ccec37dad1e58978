#!/bin/sh
# Refreshes one labelling group of this set from a blind labeller's folder.
#
#   ./update.sh [SRC [GROUP [SPLIT]]]     defaults: /work/labels-new/doj a dev
#
# split.tsv keeps the rows of the other groups and lists every story of SRC/list.txt under SPLIT:
# group GROUP when it is in SRC/done.txt (finished: scored), group GROUP-pending otherwise (linted,
# not scored: that group has no label files). labels/dates-GROUP.jsonl and labels/anchors-GROUP.jsonl
# keep the finished stories' items only. The stories themselves stay in ../shared/corpus/doj
# (public domain DOJ press releases, outside the repository): split.tsv points at them from this
# folder.
set -eu
src=${1:-/work/labels-new/doj}
group=${2:-a}
split=${3:-dev}
here=$(dirname "$0")
mkdir -p "$here/labels"
done_list=$(mktemp)
rows=$(mktemp)
trap 'rm -f "$done_list" "$rows"' EXIT
if [ -f "$src/done.txt" ]; then sed 's/[[:space:]]*$//' "$src/done.txt" | grep -v '^$' > "$done_list" || true; fi
{
    printf 'file\tsplit\tgroup\n'
    if [ -f "$here/split.tsv" ]; then
        tail -n +2 "$here/split.tsv" | awk -F '\t' -v g="$group" '$3 != g && $3 != g "-pending"'
    fi
    while IFS= read -r p; do
        [ -n "$p" ] || continue
        if grep -qxF "$p" "$done_list"; then g=$group; else g=$group-pending; fi
        # Label paths are relative to the repository root; split.tsv's to this folder.
        printf '../../%s\t%s\t%s\n' "$p" "$split" "$g"
    done < "$src/list.txt"
} > "$rows"
cat "$rows" > "$here/split.tsv"
for kind in dates anchors; do
    if [ -f "$src/$kind.jsonl" ]; then
        python3 - "$src/$kind.jsonl" "$done_list" > "$here/labels/$kind-$group.jsonl" <<'PY'
import json, sys
done = {l.strip() for l in open(sys.argv[2]) if l.strip()}
for line in open(sys.argv[1]):
    if line.strip() and json.loads(line)["path"] in done:
        sys.stdout.write(line if line.endswith("\n") else line + "\n")
PY
    fi
done
echo "group $group ($split): $(wc -l < "$done_list") of $(grep -c . "$src/list.txt") stories finished"
