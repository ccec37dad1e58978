#!/usr/bin/env python3
"""Convert the blind date labels of real news pages into the committed, text-free form.

usage: dates_labels.py [--data DIR] [--labels a|b|c|d|e|f|g] [--out-dir DIR]

Reads the labeller's files (dates.jsonl, anchors.jsonl, done.txt) from DIR/labels-dates-<g>/
(`a` to `f` development sets, `g` the fresh check) and the page text DIR/out/trafilatura/<page>.txt
they refer to, and writes, for the pages listed in done.txt only (finished pages):

  dates-labels-<g>.tsv   page, line, sha256, col, length, kind, in_quote, resolved, basis
      line is 1-based in the page file; col the 1-based code point column of the mention; length
      its length in code points; sha256 that of the whole line as written (no trailing newline),
      so the scorer can tell when a rebuilt page differs; kind, in_quote (true|false), resolved
      (YYYY-MM-DD, A..B or unresolvable) and basis as the labeller wrote them
      (fixtures/eval/real-wikinews/LABELLING.md).
  dates-anchors-<g>.tsv  page, anchor, line
      the page's own publication date as its text shows it (YYYY-MM-DD), or empty when the page
      shows none; line the page line it was read from, or empty.

No page text is written: the pages are not openly licensed. DIR defaults to $REALSETS_DATA or
/work/realsets-data; --out-dir to this folder. dates_score.py scores either form.
"""
import argparse
import os
import sys

from labelfiles import done_pages, jsonl, line_sha, page_lines, placed

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default=os.environ.get('REALSETS_DATA', '/work/realsets-data'))
    ap.add_argument('--labels', choices=['a', 'b', 'c', 'd', 'e', 'f', 'g'], default='a')
    ap.add_argument('--out-dir', default=HERE)
    a = ap.parse_args()
    base = os.path.join(a.data, f'labels-dates-{a.labels}')
    done = done_pages(base)
    keep = set(done)
    lines = {p: page_lines(a.data, p) for p in done}

    rows, bad = set(), 0
    for d in jsonl(os.path.join(base, 'dates.jsonl')):
        p = d['page']
        if p not in keep:
            continue
        line = placed(lines[p], d)
        if line is None:
            bad += 1
            continue
        rows.add((p, int(d['line']), line_sha(line), int(d['col']), len(d['text']), d['kind'],
                  'true' if d['in_quote'] else 'false', d['resolved'], d.get('basis') or ''))
    rows = sorted(rows, key=lambda r: (r[0], r[1], r[3], r[5]))

    anchors = {}
    for d in jsonl(os.path.join(base, 'anchors.jsonl')):
        if d['page'] in keep:
            anchors[d['page']] = d  # the last line for a page wins
    missing = [p for p in done if p not in anchors]
    if missing:
        print(f'{len(missing)} finished pages have no anchor line (written as none)',
              file=sys.stderr)

    with open(os.path.join(a.out_dir, f'dates-labels-{a.labels}.tsv'), 'w',
              encoding='utf-8') as f:
        f.write('page\tline\tsha256\tcol\tlength\tkind\tin_quote\tresolved\tbasis\n')
        for r in rows:
            f.write('\t'.join(map(str, r)) + '\n')
    with open(os.path.join(a.out_dir, f'dates-anchors-{a.labels}.tsv'), 'w',
              encoding='utf-8') as f:
        f.write('page\tanchor\tline\n')
        for p in sorted(done):
            d = anchors.get(p, {})
            line = d.get('line')
            f.write(f'{p}\t{d.get("anchor") or ""}\t{"" if line is None else line}\n')
    print(f'{len(done)} pages, {len(rows)} labels written; {bad} left out (text not at its place)')


if __name__ == '__main__':
    main()
