"""A blind labeller's files for real news pages, read the same way by sourcing_labels.py,
dates_labels.py and dates_score.py: JSON lines, the finished pages of done.txt, a page's lines
(the trafilatura output under DATA/out/), and a label checked against its place."""
import hashlib
import json
import os
import sys


def jsonl(path):
    """The objects of a JSON-lines file; none when it does not exist."""
    if not os.path.exists(path):
        return []
    with open(path, encoding='utf-8') as f:
        return [json.loads(ln) for ln in f if ln.strip()]


def done_pages(base):
    """The pages base/done.txt lists as finished, each once, in its order."""
    with open(os.path.join(base, 'done.txt'), encoding='utf-8') as f:
        return list(dict.fromkeys(ln.strip() for ln in f if ln.strip()))


def page_lines(data, page):
    """The lines of a page's extractor output."""
    with open(os.path.join(data, 'out', 'trafilatura', page + '.txt'), encoding='utf-8') as f:
        return f.read().split('\n')


def line_sha(line):
    """The SHA-256 of a whole line as written, as the committed label files record it."""
    return hashlib.sha256(line.encode('utf-8')).hexdigest()


def placed(lines, d):
    """The labelled line when the label's `text` stands at its `line` and `col` (1-based, code
    points); else None, with a warning on stderr."""
    n, col, text = int(d['line']), int(d['col']), d['text']
    line = lines[n - 1] if 0 < n <= len(lines) else None
    if line is None or line[col - 1:col - 1 + len(text)] != text:
        print(f"label text not at its place: {d['page']}:{n}:{col}", file=sys.stderr)
        return None
    return line
