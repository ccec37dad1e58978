#!/usr/bin/env python3
"""Score copydesk's date resolution on real news pages whose date mentions were labelled blind.

usage: dates_score.py COPYDESK [--labels a|b|c|d|e|f|g] [--data DIR] [--from raw|tsv] [--errors N]

Labels: the labeller's files DIR/labels-dates-<g>/ (dates.jsonl, anchors.jsonl, done.txt; only
pages listed in done.txt are scored), or (`--from tsv`, the default when that folder is absent)
the committed, text-free `dates-labels-<g>.tsv` and `dates-anchors-<g>.tsv` that dates_labels.py
writes. Groups `a` to `f` are development sets (`b` to `f` were the fresh checks of five sessions,
scored then before and after, and became development data afterwards); `g` is the fresh check of
the fourth session of 2026-12-01, scored only before and after its
work: its errors are never printed. The page text is DIR/out/trafilatura/<page>.txt (DIR: $REALSETS_DATA
or /work/realsets-data; build.sh).

Each page is read by
    copydesk inspect --no-config --format json [--date ANCHOR] <page>.txt
with the labeller's anchor as --date when the page has one (copydesk's own anchor, found in the
page text, comes first when it finds one; --date only stands in when it finds none). Mentions are
matched and judged as `copydesk score --set` does for Wikinews (src/cli/score/set.rs): a label
takes the mention on its line whose columns overlap its own the most (the earliest on a tie); it
is right when the mention's resolved date or range is exactly the labelled one, or, for an
`unresolvable` label, when the mention has no value or there is none. Core mentions are the
kinds weekday, month-day, relative-day and relative-period outside quotations.

It prints exact resolution for core and all mentions, per kind and per basis, and how often
copydesk's own anchor (from the page text, not --date) agrees with the labeller's (both none
counts as agreeing). Labels whose line no longer has its recorded SHA-256 (tsv only) are left out.
--errors N prints up to N wrong mentions and wrong anchors with their text (groups a to f only), on the
terminal only: never paste them into the repository, an issue or a commit.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

from labelfiles import done_pages, jsonl, line_sha, page_lines

HERE = os.path.dirname(os.path.abspath(__file__))
CORE = {'weekday', 'month-day', 'relative-day', 'relative-period'}
OWN = {'front-matter:date', 'dateline', 'timestamp'}


def read_tsv(path):
    with open(path, encoding='utf-8') as f:
        head = f.readline().rstrip('\n').split('\t')
        return [dict(zip(head, ln.rstrip('\n').split('\t'))) for ln in f if ln.strip()]


def from_raw(base):
    """(pages, labels, anchors) of the finished pages; labels as dicts with length."""
    done = done_pages(base)
    keep = set(done)
    labels = []
    for d in jsonl(os.path.join(base, 'dates.jsonl')):
        if d['page'] in keep:
            labels.append({'page': d['page'], 'line': int(d['line']), 'col': int(d['col']),
                           'length': len(d['text']), 'kind': d['kind'],
                           'in_quote': bool(d['in_quote']), 'resolved': d['resolved'],
                           'basis': d.get('basis') or '', 'text': d['text'], 'sha256': None})
    anchors = {}
    for d in jsonl(os.path.join(base, 'anchors.jsonl')):
        if d['page'] in keep:
            anchors[d['page']] = d.get('anchor')  # the last line for a page wins
    return done, labels, anchors


def from_tsv(group):
    labels = []
    for r in read_tsv(os.path.join(HERE, f'dates-labels-{group}.tsv')):
        labels.append({'page': r['page'], 'line': int(r['line']), 'col': int(r['col']),
                       'length': int(r['length']), 'kind': r['kind'],
                       'in_quote': r['in_quote'] == 'true', 'resolved': r['resolved'],
                       'basis': r['basis'], 'text': None, 'sha256': r['sha256']})
    anchors = {}
    for r in read_tsv(os.path.join(HERE, f'dates-anchors-{group}.tsv')):
        anchors[r['page']] = r['anchor'] or None
    return sorted(anchors), labels, anchors


def inspect(copydesk, path, anchor):
    cmd = [copydesk, 'inspect', '--no-config', '--format', 'json']
    if anchor:
        cmd += ['--date', anchor]
    res = subprocess.run(cmd + [path], capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f'copydesk inspect {path} exited {res.returncode}: {res.stderr.strip()[:2000]}')
    return json.loads(res.stdout)


def end_of(start, text):
    """(line, column) just past `text` starting at `start` (code points, 1-based)."""
    parts = text.split('\n')
    if len(parts) == 1:
        return start['line'], start['column'] + len(text)
    return start['line'] + len(parts) - 1, len(parts[-1]) + 1


def cols_on(line, m):
    """The columns [s, e) a mention covers on `line`, or None (as score's cols_on)."""
    s_line, s_col = m['start']['line'], m['start']['column']
    e_line, e_col = m['end']
    if line < s_line or line > e_line:
        return None
    s = s_col if s_line == line else 1
    e = max(e_col, s + 1) if e_line == line else 10 ** 9
    return s, e


def notation(r):
    if r is None:
        return None
    if isinstance(r, list):
        return r[0] if r[0] == r[1] else f'{r[0]}..{r[1]}'
    return r


def normalise(v):
    v = v.strip()
    if '..' in v:
        a, b = (x.strip() for x in v.split('..', 1))
        return a if a == b else f'{a}..{b}'
    return v


def right(label, mention):
    got = notation(mention['resolved']) if mention else None
    if label.strip() == 'unresolvable':
        return got is None
    return got is not None and got == normalise(label)


def ratio(a, b):
    return f'{a / b:.3f}' if b else '  -  '


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('copydesk')
    ap.add_argument('--labels', choices=['a', 'b', 'c', 'd', 'e', 'f', 'g'], default='a')
    ap.add_argument('--data', default=os.environ.get('REALSETS_DATA', '/work/realsets-data'))
    ap.add_argument('--from', dest='source', choices=['raw', 'tsv'])
    ap.add_argument('--errors', type=int, default=0, metavar='N')
    a = ap.parse_args()
    if a.errors and a.labels not in ('a', 'b', 'c', 'd', 'e', 'f'):
        sys.exit('--errors is for the development labels (a to f) only: g is a fresh check')
    base = os.path.join(a.data, f'labels-dates-{a.labels}')
    source = a.source or ('raw' if os.path.exists(os.path.join(base, 'done.txt')) else 'tsv')
    pages, labels, anchors = from_raw(base) if source == 'raw' else from_tsv(a.labels)

    text, stale = {}, 0
    for p in pages:
        text[p] = page_lines(a.data, p)
    kept = []
    for l in labels:
        ls = text.get(l['page'])
        line = ls[l['line'] - 1] if ls and l['line'] <= len(ls) else None
        if line is None:
            stale += 1
            continue
        if l['sha256'] is not None:
            if line_sha(line) != l['sha256']:
                stale += 1
                continue
        elif line[l['col'] - 1:l['col'] - 1 + l['length']] != l['text']:
            stale += 1
            continue
        kept.append(l)
    labels = kept

    seen = {}
    for p in pages:
        doc = inspect(a.copydesk, os.path.join(a.data, 'out', 'trafilatura', p + '.txt'),
                      anchors.get(p))
        for m in doc.get('dates', []):
            m['end'] = end_of(m['start'], m['text'])
        seen[p] = doc

    tally = collections.defaultdict(lambda: [0, 0])
    wrong = []
    for l in labels:
        best = None
        for m in seen[l['page']]['dates']:
            cols = cols_on(l['line'], m)
            if cols is None:
                continue
            n = min(cols[1], l['col'] + max(l['length'], 1)) - max(cols[0], l['col'])
            if n > 0 and (best is None or n > best[0] or
                          (n == best[0] and m['span']['start'] < best[1]['span']['start'])):
                best = (n, m)
        m = best[1] if best else None
        ok = right(l['resolved'], m)
        core = l['kind'] in CORE and not l['in_quote']
        keys = ['all', 'kind ' + l['kind'], 'basis ' + (l['basis'] or '?'),
                'in quotes' if l['in_quote'] else 'outside quotes']
        if core:
            keys.append('core')
        for k in keys:
            tally[k][0] += int(ok)
            tally[k][1] += 1
        if not ok:
            wrong.append((l, m, core))

    print(f'copydesk: {a.copydesk}')
    print(f'labels {a.labels} ({source}): {len(pages)} pages, {len(labels)} mentions; '
          f'left out (text or line hash not at its place): {stale}')
    for k in ['core', 'all']:
        r, n = tally[k]
        print(f'  {k:<26} {r:4d} / {n:4d}  {ratio(r, n)}')
    for prefix in ['kind ', 'basis ', 'in quotes', 'outside quotes']:
        for k in sorted(x for x in tally if x.startswith(prefix)):
            r, n = tally[k]
            print(f'  {k:<26} {r:4d} / {n:4d}  {ratio(r, n)}')

    # anchors: copydesk's own (found in the page text), not the --date stand-in
    agree = collections.Counter()
    bad_anchor = []
    for p in pages:
        found = seen[p].get('anchor')
        own = found['date'] if found and found['source'] in OWN else None
        want = anchors.get(p)
        if own == want:
            agree['agree (both ' + ('none' if want is None else 'the same date') + ')'] += 1
        elif want is None:
            agree['copydesk found one, labelled none'] += 1
            bad_anchor.append((p, want, found))
        elif own is None:
            agree['copydesk found none, labelled one'] += 1
            bad_anchor.append((p, want, found))
        else:
            agree['different dates'] += 1
            bad_anchor.append((p, want, found))
    n_agree = sum(v for k, v in agree.items() if k.startswith('agree'))
    print(f'  anchors: copydesk\'s own agrees with the label on {n_agree} / {len(pages)} pages '
          f'({ratio(n_agree, len(pages))})')
    for k, v in sorted(agree.items()):
        print(f'    {k:<36} {v:4d}')

    if a.errors:
        print(f'wrong mentions (first {a.errors} of {len(wrong)}):')
        for l, m, core in wrong[:a.errors]:
            line = text[l['page']][l['line'] - 1]
            snip = line[l['col'] - 1:l['col'] - 1 + l['length']]
            ctx = line[max(0, l['col'] - 90):l['col'] - 1 + l['length'] + 40]
            got = 'not found' if m is None else (
                f'{m["text"]!r} ({m["kind"]}, {m.get("basis")}) = {notation(m["resolved"])}')
            print(f'  {"CORE " if core else ""}{l["page"]}:{l["line"]}:{l["col"]} {snip!r} '
                  f'{l["kind"]}{" in quote" if l["in_quote"] else ""}: labelled {l["resolved"]} '
                  f'({l["basis"]}, anchor {anchors.get(l["page"])}), copydesk {got}')
            print(f'      … {ctx}')
        print(f'wrong anchors (first {a.errors} of {len(bad_anchor)}):')
        for p, want, found in bad_anchor[:a.errors]:
            at = found.get('at') if found else None
            print(f'  {p}: labelled {want}, copydesk '
                  f'{found["date"] + " (" + found["source"] + ")" if found else "none"}'
                  f'{" from " + repr(at["text"]) + " line " + str(at["start"]["line"]) if at else ""}')


if __name__ == '__main__':
    main()
