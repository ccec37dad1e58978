#!/usr/bin/env bash
# Build the real-page residue set locally (page text never enters the repository).
#
# usage: benches/realsets/build.sh PAGE_SIGNAL_SNAPSHOT TRAFILATURA_SNAPSHOT [DATA]
#    or: PAGE_SIGNAL=... TRAFILATURA=... [REALSETS_DATA=...] benches/realsets/build.sh
#
# PAGE_SIGNAL_SNAPSHOT / TRAFILATURA_SNAPSHOT: git directories of snapshots of
# github.com/geodrome/page-signal and github.com/adbar/trafilatura (the search tool's `fetch`
# prints them, e.g. /work/.mirror/geodrome+page-signal/repo). DATA (default /work/realsets-data)
# must be outside the repository. SHARED (default ../shared/realsets beside the repository) holds
# the shared page builders build_eval_l3s.py and build_eval_traf.py.
#
# Steps: venv with the pinned extractors (requirements.txt) -> pages (shared builders) ->
# extractor outputs DATA/out/<extractor>/<set>-<page-id>.txt (extract.py) -> a check that the
# committed labels still match the outputs (label.py --check, writes nothing into the repo).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PS=${1:-${PAGE_SIGNAL:-}}
TR=${2:-${TRAFILATURA:-}}
DATA=${3:-${REALSETS_DATA:-/work/realsets-data}}
SHARED=${SHARED:-$REPO/../shared/realsets}
PY=${PYTHON:-python3}
if [[ -z "$PS" || -z "$TR" ]]; then sed -n '2,16p' "$0"; exit 2; fi
case "$(cd "$(dirname "$DATA")" && pwd)/" in "$REPO"/*) echo "DATA must be outside the repository" >&2; exit 2;; esac
L=L3S-GN1-20100130203947-00001
mkdir -p "$DATA"
[[ -x "$DATA/venv/bin/python" ]] || "$PY" -m venv "$DATA/venv"
"$DATA/venv/bin/pip" install -q -U pip
"$DATA/venv/bin/pip" install -q -r "$HERE/requirements.txt"
VPY="$DATA/venv/bin/python"

rm -rf "$DATA/src" "$DATA/realsets" "$DATA/out"
mkdir -p "$DATA/src/l3s" "$DATA/src/traf"
# the snapshot lacks the big .warc; git archive names it on stderr but exits 0
git -C "$PS" archive HEAD "$L/annotated" "$L/original" "$L/url-mapping.txt" 2> >(grep -v '\.warc' >&2) | tar x -C "$DATA/src/l3s"
git -C "$TR" archive HEAD tests/eval tests/cache tests/evaldata.json | tar x -C "$DATA/src/traf"
n=$(ls "$DATA/src/l3s/$L/original" | wc -l); [[ $n -eq 621 ]] || { echo "expected 621 L3S pages, got $n" >&2; exit 1; }

"$VPY" "$SHARED/build_eval_l3s.py" "$DATA/src/l3s/$L" "$DATA/realsets/l3s-gn1"
"$VPY" "$SHARED/build_eval_traf.py" "$DATA/src/traf/tests" "$DATA/realsets/trafilatura-en"
"$VPY" "$HERE/extract.py" "$DATA" 2> >(grep -v -e 'nltk is not installed' -e 'from . import text' >&2)
# newspaper4k varies on a rare page, so a difference is reported, not fatal
"$VPY" "$HERE/label.py" "$DATA" --check || true
echo "built $DATA; score with: python3 $HERE/score.py [COPYDESK] --data $DATA"
