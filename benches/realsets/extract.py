#!/usr/bin/env python3
"""Run real extractors over the pages' HTML and write what a reporter pasting their output gets.

usage: extract.py DATA   (DATA holds src/ and realsets/ as build.sh lays them out)

Writes DATA/out/<extractor>/<set>-<page-id>.txt, one block a line, blank line between blocks,
and DATA/out/pages.tsv (page, html file). Extractors: trafilatura, readability (readability-lxml's
summary HTML turned into text lines with html-text), justext, newspaper4k (article text, no
images fetched, no network). Re-runnable; trafilatura, readability and jusText give the same
output on every run, newspaper4k not quite: on a rare page (1 of 792 in a test rebuild) its
paragraph order varies between runs. score.py checks every labelled line's hash and leaves out
(and counts) lines that no longer match.
"""
import json
import os
import re
import sys
from multiprocessing import Pool

L3S = 'L3S-GN1-20100130203947-00001'
EXTRACTORS = ('trafilatura', 'readability', 'justext', 'newspaper4k')


def pages(data):
    """(page, html path) for every built page, sorted by page."""
    out = []
    l3s = os.path.join(data, 'realsets', 'l3s-gn1')
    for pid in sorted(os.listdir(l3s)):
        if os.path.isdir(os.path.join(l3s, pid)):
            url = json.load(open(os.path.join(l3s, pid, 'meta.json'), encoding='utf-8')).get('url', '')
            out.append(('l3s-gn1-' + pid, os.path.join(data, 'src', 'l3s', L3S, 'original', pid + '.html'), url))
    traf = os.path.join(data, 'realsets', 'trafilatura-en')
    for pid in sorted(os.listdir(traf)):
        sj = os.path.join(traf, pid, 'snippets.json')
        if not os.path.exists(sj):
            continue
        meta = json.load(open(sj, encoding='utf-8'))
        f = meta['file']
        p = os.path.join(data, 'src', 'traf', 'tests', 'eval', f)
        if not os.path.exists(p):
            p = os.path.join(data, 'src', 'traf', 'tests', 'cache', f)
        out.append(('trafilatura-en-' + pid, p, meta.get('url', '')))
    return sorted(out)


def clean_lines(text):
    """One block a line, whitespace collapsed, blank line between blocks."""
    lines = []
    for ln in (text or '').splitlines():
        ln = re.sub(r'\s+', ' ', ln).strip()
        if ln:
            lines.append(ln)
    return '\n\n'.join(lines) + ('\n' if lines else '')


def run_one(args):
    page, html_path, url, outdir = args
    import trafilatura
    from trafilatura.utils import decode_file
    import html_text
    import justext
    from readability import Document
    raw = open(html_path, 'rb').read()
    html = decode_file(raw)
    res = {}
    try:
        res['trafilatura'] = trafilatura.extract(html, output_format='txt') or ''
    except Exception as e:  # noqa: BLE001 - an extractor failing on a page yields an empty output
        print(f'trafilatura failed on {page}: {e}', file=sys.stderr)
        res['trafilatura'] = ''
    try:
        summ = Document(html).summary(html_partial=True)
        res['readability'] = html_text.extract_text(summ, guess_layout=True)
    except Exception as e:  # noqa: BLE001
        print(f'readability failed on {page}: {e}', file=sys.stderr)
        res['readability'] = ''
    try:
        paras = justext.justext(html, justext.get_stoplist('English'))
        res['justext'] = '\n'.join(p.text for p in paras if not p.is_boilerplate)
    except Exception as e:  # noqa: BLE001
        print(f'justext failed on {page}: {e}', file=sys.stderr)
        res['justext'] = ''
    try:
        import warnings
        warnings.filterwarnings('ignore')
        from newspaper import Article
        art = Article(url or 'http://example.invalid/', fetch_images=False)
        art.download(input_html=html)
        art.parse()
        res['newspaper4k'] = art.text
    except Exception as e:  # noqa: BLE001
        print(f'newspaper4k failed on {page}: {e}', file=sys.stderr)
        res['newspaper4k'] = ''
    for ex in EXTRACTORS:
        with open(os.path.join(outdir, ex, page + '.txt'), 'w', encoding='utf-8') as f:
            f.write(clean_lines(res[ex]))
    return page


def main():
    data = sys.argv[1]
    outdir = os.path.join(data, 'out')
    for ex in EXTRACTORS:
        os.makedirs(os.path.join(outdir, ex), exist_ok=True)
    ps = pages(data)
    with open(os.path.join(outdir, 'pages.tsv'), 'w', encoding='utf-8') as f:
        f.write('page\thtml\n')
        for p, h, _ in ps:
            f.write(f'{p}\t{os.path.relpath(h, data)}\n')
    jobs = int(os.environ.get('JOBS', '2'))
    with Pool(jobs) as pool:
        n = 0
        for _ in pool.imap_unordered(run_one, [(p, h, u, outdir) for p, h, u in ps], chunksize=4):
            n += 1
    print(f'extracted {n} pages with {", ".join(EXTRACTORS)} into {outdir}')


if __name__ == '__main__':
    main()
