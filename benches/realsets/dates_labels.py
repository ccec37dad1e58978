#!/usr/bin/env python3
"""Convert the blind date labels of real news pages into the committed, text-free form.

usage: dates_labels.py [--data DIR] [--labels a|b] [--out-dir DIR]

Reads the labeller's files (dates.jsonl, anchors.jsonl, done.txt) from DIR/labels-dates-<g>/
(`a` the development half, `b` the fresh check) and the page text DIR/out/trafilatura/<page>.txt
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
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding='utf-8') as f:
        return [json.loads(ln) for ln in f if ln.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default=os.environ.get('REALSETS_DATA', '/work/realsets-data'))
    ap.add_argument('--labels', choices=['a', 'b'], default='a')
    ap.add_argument('--out-dir', default=HERE)
    a = ap.parse_args()
    base = os.path.join(a.data, f'labels-dates-{a.labels}')
    with open(os.path.join(base, 'done.txt'), encoding='utf-8') as f:
        done = list(dict.fromkeys(ln.strip() for ln in f if ln.strip()))
    keep = set(done)
    lines = {}
    for p in done:
        with open(os.path.join(a.data, 'out', 'trafilatura', p + '.txt'), encoding='utf-8') as f:
            lines[p] = f.read().split('\n')

    rows, bad = set(), 0
    for d in jsonl(os.path.join(base, 'dates.jsonl')):
        p, n, col, text = d['page'], int(d['line']), int(d['col']), d['text']
        if p not in keep:
            continue
        line = lines[p][n - 1] if 0 < n <= len(lines[p]) else None
        if line is None or line[col - 1:col - 1 + len(text)] != text:
            bad += 1
            print(f'label text not at its place: {p}:{n}:{col}', file=sys.stderr)
            continue
        sha = hashlib.sha256(line.encode('utf-8')).hexdigest()
        rows.add((p, n, sha, col, len(text), d['kind'], 'true' if d['in_quote'] else 'false',
                  d['resolved'], d.get('basis') or ''))
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
