#!/usr/bin/env python3
"""Convert the blind sourcing labels of real news pages into the committed, text-free form.

usage: sourcing_labels.py [--data DIR] [--split dev|dev2|dev3|dev4|dev5|dev6|dev7|holdout] [--out-dir DIR]

Reads the labeller's files (sourcing.jsonl, quotes-unattributed.jsonl, quotes-count.jsonl,
done.txt) from DIR/labels-sourcing/ (the dev split), DIR/labels-sourcing-dev2/ and DIR/labels-sourcing-dev3/ (second and
third dev sets, labelled blind later by other labellers) or DIR/labels-sourcing-holdout/ (the holdout,
labelled later by another blind labeller and scored only at the end), and the page text
DIR/out/trafilatura/<page>.txt it refers to, and writes, for the pages listed in done.txt only
(finished pages), with `-dev2`, `-dev3` or `-holdout` before `.tsv` for those splits:

  sourcing-labels.tsv  page, line, sha256, col, length, type, label
      type weasel | anonymous-source (label finding | ambiguous | fine), or quote (a full
      quotation the labeller judged: label no | ambiguous | yes for "attributed");
      line is 1-based in the page file; col is the 1-based character column of the labelled
      phrase; length its length in characters; sha256 that of the whole line as written
      (no trailing newline), so the scorer can tell when a rebuilt page differs.
  sourcing-pages.tsv   page, full_attributed, full_unattributed, partial_or_scare, full_ambiguous

No page text is written: the pages are not openly licensed. DIR defaults to $REALSETS_DATA or
/work/realsets-data; --out-dir to this folder.
"""
import argparse
import os
import sys

from labelfiles import done_pages, jsonl, line_sha, page_lines, placed

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', default=os.environ.get('REALSETS_DATA', '/work/realsets-data'))
    ap.add_argument('--split', choices=['dev', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'holdout'], default='dev')
    ap.add_argument('--out-dir', default=HERE)
    a = ap.parse_args()
    tail = '' if a.split == 'dev' else '-' + a.split
    base = os.path.join(a.data, 'labels-sourcing' + tail)
    done = done_pages(base)
    done_set = set(done)
    lines = {p: page_lines(a.data, p) for p in done}

    rows, bad = [], 0

    def add(d, typ, label):
        nonlocal bad
        p = d['page']
        if p not in done_set:
            return
        line = placed(lines[p], d)
        if line is None:
            bad += 1
            return
        rows.append((p, int(d['line']), line_sha(line), int(d['col']), len(d['text']), typ, label))

    for d in jsonl(os.path.join(base, 'sourcing.jsonl')):
        add(d, d['type'], d['label'])
    for d in jsonl(os.path.join(base, 'quotes-unattributed.jsonl')):
        add(d, 'quote', d['attributed'])
    rows = sorted(set(rows), key=lambda r: (r[0], r[1], r[3], r[5]))

    counts = {}
    for d in jsonl(os.path.join(base, 'quotes-count.jsonl')):
        if d['page'] in done_set:
            counts[d['page']] = d  # the last entry for a page wins
    missing = [p for p in done if p not in counts]
    if missing:
        print(f'{len(missing)} finished pages have no quotation counts', file=sys.stderr)

    with open(os.path.join(a.out_dir, f'sourcing-labels{tail}.tsv'), 'w', encoding='utf-8') as f:
        f.write('page\tline\tsha256\tcol\tlength\ttype\tlabel\n')
        for r in rows:
            f.write('\t'.join(map(str, r)) + '\n')
    keys = ['full_attributed', 'full_unattributed', 'partial_or_scare', 'full_ambiguous']
    with open(os.path.join(a.out_dir, f'sourcing-pages{tail}.tsv'), 'w', encoding='utf-8') as f:
        f.write('page\t' + '\t'.join(keys) + '\n')
        for p in sorted(done):
            c = counts.get(p, {})
            f.write(p + '\t' + '\t'.join(str(c.get(k, 0)) for k in keys) + '\n')
    print(f'{len(done)} pages, {len(rows)} labels written; {bad} left out (text not at its place)')


if __name__ == '__main__':
    main()
