#!/usr/bin/env python3
"""Label every non-blank line of every extractor output: residue, furniture, body or ambiguous.

usage: label.py DATA [--labels labels.tsv] [--manual manual.tsv] [--todo TODO.tsv] [--check]
(--check: compare with the committed labels.tsv and split.tsv and write nothing into the repo)

Labels come from the benchmarks' annotations where a line can be matched to annotated text:
- L3S-GN1 (realsets/l3s-gn1/ID/labels.tsv, one label per raw page line): boilerplate, related,
  comments = residue; headline, supplemental = furniture; fulltext = body. An output line is
  matched to the page's raw lines on normalised words (lower case, punctuation and white space
  dropped): a raw line with the same words, else the words as a run inside the page's word
  sequence (the line may span raw lines), else word-trigram containment (at least 60% of the
  line's trigrams found in the page). When the line occurs more than once, the occurrence nearest
  to the neighbouring lines' unique matches is taken (extractors keep page order). A match counts
  when one label covers at least 85% of the matched characters.
- trafilatura tests/eval (realsets/trafilatura-en/ID/snippets.json): a line that contains a
  `without` snippet is residue, one that contains a `with` snippet (or lies wholly inside one) is
  body.
Lines with no match, a mixed match, or both kinds of snippet, and annotation labels that the
conventions read otherwise (L3S leaves bylines, datelines and timestamps unselected, that is
"boilerplate"; a few short selected lines are share or "click here" widgets), are labelled by
hand: manual.tsv (page, sha1 of the stripped line, label) holds those decisions, which apply to
every extractor's copy of the same line on the same page; source is then "manual".
Lines still needing a decision are written with their text to TODO.tsv (local, never committed).
"""
import argparse
import bisect
import collections
import hashlib
import json
import os
import re
import sys

CAT = {'boilerplate': 'residue', 'related': 'residue', 'comments': 'residue',
       'headline': 'furniture', 'supplemental': 'furniture', 'fulltext': 'body'}
EXTRACTORS = ('trafilatura', 'readability', 'justext', 'newspaper4k')
WORD = re.compile(r'\w+')
# Annotation labels to double-check against the conventions (see the docstring).
FURN_HINT = re.compile(r'^\W*by\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d|'
                       r'\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(19|20)\d\d\b|'
                       r'\d{1,2}:\d\d|\b(updated|published|posted|last modified|staff writer|correspondent|'
                       r'reporter|editor|photo|photograph|picture|credit|getty|reuters|associated press|'
                       r'\(ap\)|\bafp\b|reporting by|editing by|writing by|news service)\b', re.I)
RES_HINT = re.compile(r'\b(click|share|e-?mail this|print|comments?|subscribe|sign up|newsletter|'
                      r'advertisement|advertising|copyright|all rights reserved|related|read more|'
                      r'more on|see also|follow us|bookmark|digg|facebook|twitter|reprint|'
                      r'rss|feedback|back to top|next page|previous page|\d+ of \d+)\b|©', re.I)
COPY_HINT = re.compile(r'copyright|all rights reserved|©|\(c\) ?(19|20)\d\d', re.I)


def sha1(s):
    return hashlib.sha1(s.encode('utf-8')).hexdigest()


def words(s):
    return WORD.findall(s.lower())


def read_lines(path):
    """(1-based line number, stripped text) of every non-blank line."""
    out = []
    with open(path, encoding='utf-8') as f:
        for i, ln in enumerate(f.read().split('\n'), 1):
            t = ln.strip()
            if t:
                out.append((i, t))
    return out


class L3SPage:
    def __init__(self, d):
        self.tok, self.tok_line, self.lines = [], [], []
        with open(os.path.join(d, 'labels.tsv'), encoding='utf-8') as f:
            next(f)
            for row in f:
                _, lab, text = row.rstrip('\n').split('\t', 2)
                li = len(self.lines)
                self.lines.append((CAT[lab], text))
                for w in words(text):
                    self.tok.append(w)
                    self.tok_line.append(li)
        self.by_words = collections.defaultdict(list)
        for li, (_, text) in enumerate(self.lines):
            self.by_words[' '.join(words(text))].append(li)
        self.tri = collections.defaultdict(list)
        for i in range(len(self.tok) - 2):
            self.tri[tuple(self.tok[i:i + 3])].append(i)
        self.first = collections.defaultdict(list)
        for i, w in enumerate(self.tok):
            self.first[w].append(i)

    def cats_of_tokens(self, idxs):
        c = collections.Counter()
        for i in idxs:
            c[self.lines[self.tok_line[i]][0]] += len(self.tok[i])
        return c

    def occurrences(self, text):
        """Candidate matches: list of (raw line position, Counter of category weights)."""
        ws = words(text)
        if not ws:
            return [], 'none'
        key = ' '.join(ws)
        if key in self.by_words:
            return [(li, collections.Counter({self.lines[li][0]: len(key)})) for li in self.by_words[key]], 'line'
        n = len(ws)
        occ = []
        for i in self.first.get(ws[0], ()):
            if self.tok[i:i + n] == ws:
                occ.append((self.tok_line[i], self.cats_of_tokens(range(i, i + n))))
        if occ:
            return occ, 'run'
        if n >= 3:
            shingles = [tuple(ws[i:i + 3]) for i in range(n - 2)]
            found = [s for s in shingles if s in self.tri]
            if len(found) >= 0.6 * len(shingles):
                # group hits into occurrences by position clusters
                pos = sorted(p for s in found for p in self.tri[s])
                groups, cur = [], [pos[0]]
                for p in pos[1:]:
                    if p - cur[-1] <= n + 3:
                        cur.append(p)
                    else:
                        groups.append(cur)
                        cur = [p]
                groups.append(cur)
                # keep clusters that hold a substantial part of the line
                best = max(len(g) for g in groups)
                occ = []
                for g in groups:
                    if len(g) >= max(1, 0.5 * best) and len(set(g)) >= 0.5 * len(shingles):
                        idxs = sorted({q for p in g for q in range(p, p + 3)})
                        occ.append((self.tok_line[g[0]], self.cats_of_tokens(idxs)))
                if occ:
                    return occ, 'fuzzy'
        return [], 'none'


def dominant(c):
    tot = sum(c.values())
    if not tot:
        return None
    cat, w = c.most_common(1)[0]
    return cat if w >= 0.85 * tot else 'mixed'


def label_l3s(page, lines):
    """[(auto label or None, why)] for the output lines of one page."""
    occs = [page.occurrences(t) for _, t in lines]
    uniq = [o[0][0][0] if len(o[0]) == 1 else None for o in occs]
    res = []
    for k, ((occ, how), (_, text)) in enumerate(zip(occs, lines)):
        if not occ:
            res.append((None, 'unmatched'))
            continue
        if len(occ) > 1:
            cats = {dominant(c) for _, c in occ}
            if len(cats) > 1:
                # the occurrence nearest to the neighbours' unique matches (page order)
                prev = next((uniq[j] for j in range(k - 1, -1, -1) if uniq[j] is not None), None)
                nxt = next((uniq[j] for j in range(k + 1, len(uniq)) if uniq[j] is not None), None)
                anchors = [a for a in (prev, nxt) if a is not None]
                if not anchors:
                    res.append((None, 'several occurrences'))
                    continue
                occ = [min(occ, key=lambda o: min(abs(o[0] - a) for a in anchors))]
        cat = dominant(occ[0][1])
        if cat == 'mixed' or cat is None:
            res.append((None, 'mixed labels'))
            continue
        nw = len(words(text))
        if cat == 'residue' and nw <= 15 and FURN_HINT.search(text):
            res.append((None, 'check: residue by annotation, reads like furniture'))
            continue
        if cat in ('body', 'furniture') and (nw <= 15 and RES_HINT.search(text) or nw <= 40 and COPY_HINT.search(text)):
            res.append((None, f'check: {cat} by annotation, reads like residue'))
            continue
        res.append((cat, how))
    return res


def label_traf(snip, lines):
    def norm(s):
        return ' ' + ' '.join(words(s)) + ' '
    w = [norm(s) for s in snip['with'] if words(s)]
    wo = [norm(s) for s in snip['without'] if words(s)]
    res = []
    for _, t in lines:
        n = norm(t)
        has_wo = any(s in n for s in wo)
        has_w = any(s in n for s in w) or (len(words(t)) >= 5 and any(n in s for s in w))
        if has_wo and has_w:
            res.append((None, 'with and without snippets'))
        elif has_wo:
            res.append(('residue', 'snippet without'))
        elif has_w:
            res.append(('body', 'snippet with'))
        else:
            res.append((None, 'no snippet'))
    return res


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument('data')
    ap.add_argument('--labels', default=os.path.join(here, 'labels.tsv'))
    ap.add_argument('--manual', default=os.path.join(here, 'manual.tsv'))
    ap.add_argument('--todo', default=None)
    ap.add_argument('--check', action='store_true',
                    help='rebuild into DATA/work and compare with the committed labels.tsv and split.tsv')
    ap.add_argument('--traf-max-open', type=int, default=40,
                    help='keep a trafilatura-en page only if at most this many of its distinct output lines '
                         'lack an annotation label (a bound on the hand-labelling; default 40)')
    a = ap.parse_args()
    committed = a.labels
    if a.check:
        a.labels = os.path.join(a.data, 'work', 'labels.tsv')
        os.makedirs(os.path.dirname(a.labels), exist_ok=True)
    manual = {}
    if os.path.exists(a.manual):
        with open(a.manual, encoding='utf-8') as f:
            next(f)
            for row in f:
                p, h, lab = row.rstrip('\n').split('\t')[:3]
                assert lab in ('residue', 'furniture', 'body', 'ambiguous'), row
                manual[(p, h)] = lab
    todo_path = a.todo or os.path.join(a.data, 'work', 'todo.tsv')
    os.makedirs(os.path.dirname(todo_path), exist_ok=True)
    rows, todo = [], {}
    rs = os.path.join(a.data, 'realsets')
    pages = sorted(f[:-4] for f in os.listdir(os.path.join(a.data, 'out', EXTRACTORS[0])) if f.endswith('.txt'))
    used_manual = set()
    excluded = []
    for page in pages:
        if page.startswith('l3s-gn1-'):
            ann = L3SPage(os.path.join(rs, 'l3s-gn1', page[len('l3s-gn1-'):]))
            fn = lambda ls: label_l3s(ann, ls)  # noqa: E731
        else:
            snip = json.load(open(os.path.join(rs, 'trafilatura-en', page[len('trafilatura-en-'):], 'snippets.json'),
                                  encoding='utf-8'))
            fn = lambda ls: label_traf(snip, ls)  # noqa: E731
            open_lines = set()
            for ex in EXTRACTORS:
                lines = read_lines(os.path.join(a.data, 'out', ex, page + '.txt'))
                open_lines |= {t for (_, t), (lab, _) in zip(lines, fn(lines)) if lab is None}
            if len(open_lines) > a.traf_max_open:
                excluded.append(page)
                continue
        for ex in EXTRACTORS:
            lines = read_lines(os.path.join(a.data, 'out', ex, page + '.txt'))
            for (ln, t), (lab, why) in zip(lines, fn(lines)):
                h = sha1(t)
                if lab is None:
                    if (page, h) in manual:
                        used_manual.add((page, h))
                        rows.append((ex, page, ln, h, manual[(page, h)], 'manual'))
                    else:
                        rows.append((ex, page, ln, h, '?', 'todo'))
                        todo.setdefault((page, h), [why, t, []])[2].append(f'{ex}:{ln}')
                else:
                    rows.append((ex, page, ln, h, lab, 'annotation'))
    with open(a.labels, 'w', encoding='utf-8') as f:
        f.write('extractor\tpage\tline\tsha1\tlabel\tsource\n')
        for r in rows:
            f.write('\t'.join(map(str, r)) + '\n')
    with open(todo_path, 'w', encoding='utf-8') as f:
        f.write('page\tsha1\twhy\twhere\ttext\n')
        for (p, h), (why, t, where) in todo.items():
            f.write(f'{p}\t{h}\t{why}\t{",".join(where)}\t{t}\n')
    # the split: a deterministic third of the pages (sha1 of the page name mod 3 == 0) is the holdout
    with open(os.path.join(os.path.dirname(os.path.abspath(a.labels)), 'split.tsv'), 'w', encoding='utf-8') as f:
        f.write('page\tsplit\n')
        for p in sorted({r[1] for r in rows}):
            f.write(f"{p}\t{'holdout' if int(sha1(p), 16) % 3 == 0 else 'dev'}\n")
    with open(os.path.join(os.path.dirname(todo_path), 'excluded.txt'), 'w') as f:
        f.write(''.join(p + '\n' for p in excluded))
    print('pages', len(pages) - len(excluded), 'excluded (trafilatura-en, too many unannotated lines)', len(excluded))
    c = collections.Counter((r[4], r[5]) for r in rows)
    print('lines', len(rows), dict(sorted(c.items())))
    print('manual decisions', len(manual), 'used', len(used_manual), '; still to label', len(todo), '->', todo_path)
    whys = collections.Counter(v[0] for v in todo.values())
    for k, v in whys.most_common():
        print(f'  {v:6d} {k}')
    if a.check:
        same = all(open(x, 'rb').read() == open(y, 'rb').read() for x, y in (
            (a.labels, committed),
            (os.path.join(os.path.dirname(a.labels), 'split.tsv'),
             os.path.join(os.path.dirname(committed), 'split.tsv'))))
        print('labels.tsv and split.tsv match the committed ones' if same else
              'WARNING: rebuilt labels differ from the committed labels.tsv/split.tsv (extractor versions?)')
        return 0 if same else 1
    return 1 if todo else 0


if __name__ == '__main__':
    sys.exit(main())
