#!/usr/bin/env python3
"""Score copydesk's sourcing and quotation checks on real news pages labelled blind.

usage: sourcing_score.py COPYDESK [--data DIR] [--split dev|dev2|dev3|dev4|dev5|dev6|dev7|holdout] [--errors N]
                          [--labels TSV] [--pages TSV]

The labels are the committed, text-free `sourcing-labels.tsv` and `sourcing-pages.tsv` (made by
sourcing_labels.py from the labeller's files; `--split holdout` reads their `-holdout` forms, the
80 pages a second blind labeller labelled later, which are scored only at the end; `--split dev2`
the `-dev2` forms, 100 more development pages a third labeller labelled; `--split dev3` the `-dev3` forms, 100 more
still, labelled by two more blind labellers); the page text is the built trafilatura output,
DIR/out/trafilatura/<page>.txt (DIR: $REALSETS_DATA or /work/realsets-data; build.sh). The
labelled pages are copied into a temporary folder and checked in one run:
    copydesk check --no-config --format json <folder>

Sourcing (attribution.weasel, attribution.anonymous-source, any severity): a finding matches a
label of its type on the line it starts on whose characters overlap its own. A finding matching a
`finding` label is a true positive; one matching only `ambiguous` labels counts neither way; any
other finding (on a `fine` label, or on none) is a false positive. Recall is the share of
`finding` labels matched by at least one finding.

Quotations (attribution.unattributed-quote): recall is the share of full quotations labelled
unattributed (`quote`, label `no`) that a finding overlaps; a finding overlapping no such label
and no `ambiguous` one is a false flag, reported per attributed full quotation (the pages' counts)
and per 80 of them.

Labels whose line no longer has its recorded SHA-256 (a page rebuilt differently) are counted
and left out, with their page's findings on that line. --errors N prints up to N misses and false
positives per rule with their text, on the terminal only: never paste them into the repository.
It is refused for the holdout and for `dev7`, the fresh check of the second session of 2026-12-01
(scored only before and after that session's work); `dev6`, the first one's, is development data now.
"""
import argparse
import collections
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from score import read_tsv  # noqa: E402  (the residue scorer's reader of a labels table)
RULES = {'attribution.weasel': 'weasel', 'attribution.anonymous-source': 'anonymous-source'}


def ratio(a, b):
    return f'{a / b:.3f}' if b else '  -  '


def run(copydesk, data, pages):
    """Findings by (page, line): (rule, start col, end col (exclusive), text, severity)."""
    tmp = tempfile.mkdtemp(prefix='realsets-sourcing-')
    try:
        for p in pages:
            shutil.copyfile(os.path.join(data, 'out', 'trafilatura', p + '.txt'),
                            os.path.join(tmp, p + '.txt'))
        res = subprocess.run([copydesk, 'check', '--no-config', '--format', 'json', tmp],
                             capture_output=True, text=True)
        if res.returncode not in (0, 1):
            sys.exit(f'copydesk exited {res.returncode}: {res.stderr.strip()[:2000]}')
        doc = json.loads(res.stdout)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    out = collections.defaultdict(list)
    for d in doc.get('diagnostics', []):
        page = os.path.basename(d['path'])[:-len('.txt')]
        s, e = d['start'], d['end']
        end = e['column'] if e['line'] == s['line'] else 10 ** 9
        out[(page, s['line'])].append((d['rule'], s['column'], end, d.get('severity')))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('copydesk')
    ap.add_argument('--data', default=os.environ.get('REALSETS_DATA', '/work/realsets-data'))
    ap.add_argument('--split', choices=['dev', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'holdout'], default='dev')
    ap.add_argument('--labels')
    ap.add_argument('--pages')
    ap.add_argument('--errors', type=int, default=0, metavar='N')
    a = ap.parse_args()
    if a.errors and a.split in ('dev7', 'holdout'):
        sys.exit(f'--errors is for the development sets only: {a.split} is scored blind')
    tail = '' if a.split == 'dev' else '-' + a.split
    a.labels = a.labels or os.path.join(HERE, f'sourcing-labels{tail}.tsv')
    a.pages = a.pages or os.path.join(HERE, f'sourcing-pages{tail}.tsv')

    pages = read_tsv(a.pages)
    names = [r['page'] for r in pages]
    text = {}
    for p in names:
        with open(os.path.join(a.data, 'out', 'trafilatura', p + '.txt'), encoding='utf-8') as f:
            text[p] = f.read().split('\n')
    labels, stale, stale_lines = [], 0, set()
    for r in read_tsv(a.labels):
        p, n = r['page'], int(r['line'])
        ls = text.get(p)
        if ls is None:
            continue
        line = ls[n - 1] if n <= len(ls) else None
        if line is None or hashlib.sha256(line.encode('utf-8')).hexdigest() != r['sha256']:
            stale += 1
            stale_lines.add((p, n))
            continue
        col, length = int(r['col']), int(r['length'])
        labels.append({'page': p, 'line': n, 'start': col, 'end': col + length,
                       'type': r['type'], 'label': r['label']})
    findings = run(a.copydesk, a.data, names)

    by_line = collections.defaultdict(list)
    for l in labels:
        by_line[(l['page'], l['line'])].append(l)

    def overlapping(page, line, start, end, typ):
        return [l for l in by_line[(page, line)]
                if l['type'] == typ and l['start'] < end and start < l['end']]

    def snippet(page, line, start, end):
        return text[page][line - 1][start - 1:min(end, start + 80) - 1]

    print(f'copydesk: {a.copydesk}')
    print(f'pages: {len(names)}; labels: {len(labels)}; stale (line hash changed, left out): {stale}')
    print(f'  {"rule":<30} {"labels":>6} {"flags":>5} {"TP":>4} {"FP":>4} {"amb":>4} {"FN":>4} '
          f'{"precision":>9} {"recall":>7}')
    for rule, typ in RULES.items():
        tp = fp = amb = 0
        found = set()
        fps = []
        for (p, n), fs in sorted(findings.items()):
            if (p, n) in stale_lines:
                continue
            for r, s, e, _ in fs:
                if r != rule:
                    continue
                hit = overlapping(p, n, s, e, typ)
                pos = [l for l in hit if l['label'] == 'finding']
                if pos:
                    tp += 1
                    found.update(id(l) for l in pos)
                elif any(l['label'] == 'ambiguous' for l in hit):
                    amb += 1
                else:
                    fp += 1
                    fps.append((p, n, s, e, 'fine' if hit else 'unlabelled'))
        positives = [l for l in labels if l['type'] == typ and l['label'] == 'finding']
        fn = [l for l in positives if id(l) not in found]
        print(f'  {rule:<30} {len(positives):6d} {tp + fp + amb:5d} {tp:4d} {fp:4d} {amb:4d} '
              f'{len(fn):4d} {ratio(tp, tp + fp):>9} {ratio(len(positives) - len(fn), len(positives)):>7}')
        if a.errors:
            for p, n, s, e, why in fps[:a.errors]:
                print(f'    FP ({why}) {p}:{n}:{s}: {snippet(p, n, s, e)}')
            for l in fn[:a.errors]:
                print(f'    FN {l["page"]}:{l["line"]}:{l["start"]}: '
                      f'{snippet(l["page"], l["line"], l["start"], l["end"])}')

    # quotations
    unattributed = [l for l in labels if l['type'] == 'quote' and l['label'] == 'no']
    found, false_flags, flags = set(), [], 0
    for (p, n), fs in sorted(findings.items()):
        if (p, n) in stale_lines:
            continue
        for r, s, e, _ in fs:
            if r != 'attribution.unattributed-quote':
                continue
            flags += 1
            hit = overlapping(p, n, s, e, 'quote')
            pos = [l for l in hit if l['label'] == 'no']
            found.update(id(l) for l in pos)
            if not pos and not any(l['label'] == 'ambiguous' for l in hit):
                false_flags.append((p, n, s, e))
    attributed = sum(int(r['full_attributed']) for r in pages)
    got = sum(1 for l in unattributed if id(l) in found)
    per80 = f'{80 * len(false_flags) / attributed:.2f}' if attributed else '-'
    print(f'  attribution.unattributed-quote: unattributed full quotations {len(unattributed)}, '
          f'found {got}, recall {ratio(got, len(unattributed))}; flags {flags}; '
          f'false flags {len(false_flags)} per {attributed} attributed full quotations '
          f'({ratio(len(false_flags), attributed)} each, {per80} per 80)')
    if a.errors:
        for p, n, s, e in false_flags[:a.errors]:
            print(f'    false flag {p}:{n}:{s}: {snippet(p, n, s, e)}')
        for l in unattributed:
            if id(l) not in found:
                print(f'    missed {l["page"]}:{l["line"]}:{l["start"]}: '
                      f'{snippet(l["page"], l["line"], l["start"], l["end"])}')


if __name__ == '__main__':
    main()
