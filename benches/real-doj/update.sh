#!/bin/sh
# Refreshes this set from the blind labeller's folder (default /work/labels-new/doj): split.tsv
# lists every story of list.txt, group `a` when it is in done.txt (finished: scored) and group
# `pending` otherwise (linted, not scored); labels/dates-a.jsonl and labels/anchors-a.jsonl keep
# the finished stories' items only. The stories themselves stay in ../shared/corpus/doj (public
# domain DOJ press releases, outside the repository): split.tsv points at them from this folder.
set -eu
src=${1:-/work/labels-new/doj}
here=$(dirname "$0")
mkdir -p "$here/labels"
done_list=$(mktemp)
trap 'rm -f "$done_list"' EXIT
if [ -f "$src/done.txt" ]; then sed 's/[[:space:]]*$//' "$src/done.txt" | grep -v '^$' > "$done_list" || true; fi
{
    printf 'file\tsplit\tgroup\n'
    while IFS= read -r p; do
        [ -n "$p" ] || continue
        if grep -qxF "$p" "$done_list"; then g=a; else g=pending; fi
        # Label paths are relative to the repository root; split.tsv's to this folder.
        printf '../../%s\tdev\t%s\n' "$p" "$g"
    done < "$src/list.txt"
} > "$here/split.tsv"
for kind in dates anchors; do
    if [ -f "$src/$kind.jsonl" ]; then
        python3 - "$src/$kind.jsonl" "$done_list" > "$here/labels/$kind-a.jsonl" <<'PY'
import json, sys
done = {l.strip() for l in open(sys.argv[2]) if l.strip()}
for line in open(sys.argv[1]):
    if line.strip() and json.loads(line)["path"] in done:
        sys.stdout.write(line if line.endswith("\n") else line + "\n")
PY
    fi
done
echo "$(wc -l < "$done_list") of $(grep -c . "$src/list.txt") stories finished"
