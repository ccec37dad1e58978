#!/usr/bin/env python3
"""Score copydesk's boilerplate.* checks on real extractor output (see README.md here).

usage: score.py [COPYDESK] [--data DIR] [--errors N] [--split dev|holdout] [--dump TSV]

COPYDESK defaults to /work/bin/copydesk-base; DIR to $REALSETS_DATA or /work/realsets-data (the
folder build.sh fills; out/<extractor>/<page>.txt). For each extractor the labelled pages are
copied into a temporary folder and checked in one run:
    copydesk check --no-config --format json <folder>
A line is flagged when a finding of a boilerplate.* rule at severity warning or error starts on
it. Residue lines are the positives; body and furniture lines the negatives; ambiguous lines are
left out. Precision and recall are printed per extractor and overall, for dev and holdout, with
the residue-free rate: the share of files with no residue line that get no boilerplate warning or
error. --errors N lists N false positives and N false negatives of the dev split with their text
(on the terminal only). --split dev prints the dev figures only (tune on dev, never look at the
holdout); --dump TSV writes every labelled dev line (extractor, page, line, label, flagged, rules,
text) to TSV, which must be outside the repository.
"""
import argparse
import collections
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def read_tsv(path):
    with open(path, encoding='utf-8') as f:
        head = f.readline().rstrip('\n').split('\t')
        return [dict(zip(head, ln.rstrip('\n').split('\t'))) for ln in f if ln.strip()]


def pct(a, b):
    return f'{100 * a / b:5.1f}%' if b else '    -'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('copydesk', nargs='?', default='/work/bin/copydesk-base')
    ap.add_argument('--data', default=os.environ.get('REALSETS_DATA', '/work/realsets-data'))
    ap.add_argument('--errors', type=int, default=0, metavar='N')
    ap.add_argument('--labels', default=os.path.join(HERE, 'labels.tsv'))
    ap.add_argument('--split-file', default=os.path.join(HERE, 'split.tsv'))
    ap.add_argument('--split', choices=('dev', 'holdout'), help='print this split only')
    ap.add_argument('--dump', metavar='TSV', help='write the dev lines with their label and flag')
    a = ap.parse_args()

    labels = read_tsv(a.labels)
    split = {r['page']: r['split'] for r in read_tsv(a.split_file)}
    extractors = sorted({r['extractor'] for r in labels})
    pages = sorted(split)

    # line texts, and the hash check
    texts, mismatched, missing_files = {}, 0, set()
    for ex in extractors:
        for p in pages:
            fp = os.path.join(a.data, 'out', ex, p + '.txt')
            if not os.path.exists(fp):
                missing_files.add((ex, p))
                continue
            with open(fp, encoding='utf-8') as f:
                texts[(ex, p)] = f.read().split('\n')
    rows = []
    for r in labels:
        ls = texts.get((r['extractor'], r['page']))
        n = int(r['line'])
        t = ls[n - 1].strip() if ls and n <= len(ls) else None
        if t is None or hashlib.sha1(t.encode('utf-8')).hexdigest() != r['sha1']:
            mismatched += 1
            continue
        rows.append((r['extractor'], r['page'], n, r['label'], t))
    print(f'labels: {len(labels)} lines; hash mismatches: {mismatched}'
          + (f'; missing output files: {len(missing_files)}' if missing_files else ''))
    if mismatched:
        print('  (mismatched lines are left out; rebuild with build.sh and the pinned requirements)')

    # run copydesk once per extractor
    flagged = collections.defaultdict(set)        # (ex, page) -> {line}
    rule_at = {}                                  # (ex, page, line) -> rule ids
    info_at = {}                                  # (ex, page, line) -> rule ids at info
    file_warned = set()                           # (ex, page)
    for ex in extractors:
        tmp = tempfile.mkdtemp(prefix=f'realsets-{ex}-')
        try:
            for p in pages:
                if (ex, p) in texts:
                    shutil.copyfile(os.path.join(a.data, 'out', ex, p + '.txt'), os.path.join(tmp, p + '.txt'))
            res = subprocess.run([a.copydesk, 'check', '--no-config', '--format', 'json', tmp],
                                 capture_output=True, text=True)
            if res.returncode not in (0, 1):
                print(f'copydesk exited {res.returncode} on {ex}: {res.stderr.strip()[:2000]}', file=sys.stderr)
            doc = json.loads(res.stdout)
            for d in doc.get('diagnostics', []):
                if d['rule'].startswith('boilerplate.') and d['severity'] == 'info':
                    info_at.setdefault((ex, os.path.basename(d['path'])[:-len('.txt')], d['start']['line']),
                                       set()).add(d['rule'])
                if not d['rule'].startswith('boilerplate.') or d['severity'] not in ('warning', 'error'):
                    continue
                page = os.path.basename(d['path'])[:-len('.txt')]
                line = d['start']['line']
                flagged[(ex, page)].add(line)
                rule_at.setdefault((ex, page, line), set()).add(d['rule'])
                file_warned.add((ex, page))
            if doc.get('errors'):
                print(f'{ex}: copydesk could not read {len(doc["errors"])} files', file=sys.stderr)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    # counts
    C = collections.defaultdict(collections.Counter)   # (split, ex) -> tp/fp/fn/tn
    has_res = collections.defaultdict(bool)
    has_lines = set()
    fps, fns = [], []
    for ex, p, n, lab, t in rows:
        sp = split[p]
        has_lines.add((ex, p))
        if lab == 'residue':
            has_res[(ex, p)] = True
        if lab == 'ambiguous':
            continue
        f = n in flagged[(ex, p)]
        k = ('tp' if f else 'fn') if lab == 'residue' else ('fp' if f else 'tn')
        for key in ((sp, ex), (sp, 'overall')):
            C[key][k] += 1
        if sp == 'dev' and k == 'fp':
            fps.append((ex, p, n, lab, t, sorted(rule_at.get((ex, p, n), ()))))
        if sp == 'dev' and k == 'fn':
            fns.append((ex, p, n, lab, t, []))
    clean = collections.defaultdict(collections.Counter)
    for ex, p in has_lines:
        if has_res[(ex, p)]:
            continue
        sp = split[p]
        for key in ((sp, ex), (sp, 'overall')):
            clean[key]['files'] += 1
            clean[key]['quiet'] += (ex, p) not in file_warned

    print(f'copydesk: {a.copydesk}')
    for sp in (a.split,) if a.split else ('dev', 'holdout'):
        print(f'\n{sp} ({sum(1 for p in pages if split[p] == sp)} pages)')
        print(f'  {"extractor":<12} {"residue":>7} {"flagged":>7} {"TP":>5} {"FP":>5} {"FN":>5} '
              f'{"precision":>9} {"recall":>7}  residue-free files quiet')
        for ex in extractors + ['overall']:
            c, q = C[(sp, ex)], clean[(sp, ex)]
            tp, fp, fn = c['tp'], c['fp'], c['fn']
            print(f'  {ex:<12} {tp + fn:7d} {tp + fp:7d} {tp:5d} {fp:5d} {fn:5d} '
                  f'{pct(tp, tp + fp):>9} {pct(tp, tp + fn):>7}  {q["quiet"]}/{q["files"]} {pct(q["quiet"], q["files"])}')
    if a.dump:
        if os.path.abspath(a.dump).startswith(os.path.dirname(os.path.dirname(HERE)) + os.sep):
            sys.exit('--dump must write outside the repository')
        with open(a.dump, 'w', encoding='utf-8') as f:
            for ex, p, n, lab, t in rows:
                if split[p] != 'dev':
                    continue
                rules = ','.join(sorted(rule_at.get((ex, p, n), set()) | info_at.get((ex, p, n), set())))
                f.write(f'{ex}\t{p}\t{n}\t{lab}\t{int(n in flagged[(ex, p)])}\t{rules}\t{t}\n')
    if a.errors:
        rnd = random.Random(0)
        for name, xs in (('false positives (dev)', fps), ('false negatives (dev)', fns)):
            print(f'\n{name}: {len(xs)}; {min(a.errors, len(xs))} shown')
            for ex, p, n, lab, t, rules in sorted(rnd.sample(xs, min(a.errors, len(xs)))):
                extra = f' [{",".join(rules)}]' if rules else ''
                print(f'  {ex} {p}:{n} ({lab}){extra}: {t[:200]}')


if __name__ == '__main__':
    main()
