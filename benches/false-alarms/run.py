#!/usr/bin/env python3
"""False-alarm benchmark for copydesk on published (edited) stories.

    python3 benches/false-alarms/run.py BINARY OUTDIR [--label before] [--context]
        [--realsets DATA [--realsets-extractor trafilatura] [--realsets-split dev]]

Runs `BINARY check --no-config --format json` over each corpus folder (the whole folder in one
run, so `boilerplate.template-line` sees the corpus as a batch), then

  * writes OUTDIR/counts.json (per label: per corpus, findings and findings per 1,000 stories by
    rule and severity, share of stories with at least one error / one warning-or-error); counts of
    other labels already in the file are kept, so `before` and `after` sit side by side;
  * prints a Markdown table of the same (and, for a label other than `before`, the change
    against `before` when counts.json holds it);
  * draws a seeded random sample of up to --per-rule findings per rule, pooled across the
    corpora, into OUTDIR/sample-<label>.jsonl, with the judging context (the paragraph around
    each finding); --context also prints that context for the judge.

--realsets adds a third corpus: one extractor's output over the real web pages of
benches/realsets (built on this machine under DATA, never committed), limited to one split of
benches/realsets/split.tsv (dev by default). Its text is not ours to commit, so its sample lines
keep only path, line, col, rule and severity (a message quotes the text); --context still prints
its paragraphs on the terminal for the judge.

Every published story in these corpora was edited, so every finding is a candidate false alarm;
a judge reads each sampled finding in its story and says `right` or `wrong` (see README.md and
precision.py).

Standard library only.
"""
import argparse
import collections
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

DEFAULT_ROOT = "/work/shared/corpus"

# name, folder under the corpus root, may the committed sample carry its text?
CORPORA = [
    ("doj", "doj", True),            # U.S. federal government works: public domain
    ("wikinews", "wikinews", True),  # CC BY 2.5; each file's front matter carries attribution
]

# The realsets pages: which split each is in (committed beside their labels).
SPLIT_TSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "realsets", "split.tsv")
REALSETS_EXTRACTORS = ("trafilatura", "readability", "justext", "newspaper4k")

# (corpus, rule) pairs left out of the sample: the DOJ corpus had its quote marks stripped,
# so its quotation findings say nothing about the rule (they are still counted).
NOT_SAMPLED = {("doj", "attribution.unattributed-quote")}

SEVERITIES = ("error", "warning", "info")
SEED = "copydesk-false-alarms-v1"


def run_check(binary, folder):
    proc = subprocess.run(
        [binary, "check", "--no-config", "--format", "json", "--fail-on", "never", folder],
        capture_output=True,
    )
    if proc.returncode not in (0, 1):
        sys.exit(f"{binary} check {folder} exited {proc.returncode}:\n{proc.stderr.decode()}")
    return json.loads(proc.stdout)


def realsets_folder(data, extractor, split, into):
    """Copies the pages of `split` ("dev", "holdout" or "all") of one extractor's output under
    DATA/out/<extractor> into the folder `into`, so one run sees exactly that set (batch rules
    such as `boilerplate.template-line` compare the stories of one run). Pages that split.tsv
    does not list (left out of the labelled set) are taken only with "all"."""
    src = os.path.join(data, "out", extractor)
    if not os.path.isdir(src):
        sys.exit(f"no extractor output at {src}: build it with benches/realsets/build.sh")
    with open(SPLIT_TSV) as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    splits = {page: s for page, s in rows}
    n = 0
    for name in sorted(os.listdir(src)):
        page = name[:-4] if name.endswith(".txt") else None
        if page is None or (split != "all" and splits.get(page) != split):
            continue
        shutil.copyfile(os.path.join(src, name), os.path.join(into, name))
        n += 1
    if n == 0:
        sys.exit(f"no {split} pages in {src}")
    return into


def relpath(path, folder):
    return os.path.relpath(os.path.abspath(path), os.path.abspath(folder))


def paragraph_at(data, start, end):
    """The blank-line-separated block(s) holding bytes start..end, as text."""
    a = data.rfind(b"\n\n", 0, start)
    a = 0 if a < 0 else a + 2
    b = data.find(b"\n\n", end)
    b = len(data) if b < 0 else b
    text = data[a:b].decode("utf-8", "replace").strip()
    if len(text) > 2400:  # very long blocks: keep a window around the finding
        s = data[a:start].decode("utf-8", "replace")
        m = data[start:end].decode("utf-8", "replace")
        e = data[end:b].decode("utf-8", "replace")
        text = ("…" if len(s) > 1000 else "") + s[-1000:] + m + e[:1000] + ("…" if len(e) > 1000 else "")
    return text


def count(corpus, report, folder):
    diags = [d for d in report["diagnostics"] if os.path.basename(d["path"]) != "README.md"]
    stories = report["summary"]["files"]
    by_rule = collections.Counter((d["rule"], d["severity"]) for d in diags)
    sev_files = {s: set() for s in SEVERITIES}
    for d in diags:
        sev_files[d["severity"]].add(d["path"])
    # A rule whose findings come at more than one severity (a weasel relayed by a named outlet
    # drops to info) gets a row per severity: the most severe under the rule's id, the others as
    # "id (severity)", so that the per-severity thresholds are read from the right findings.
    top = {}
    for rule, sev in by_rule:
        if rule not in top or SEVERITIES.index(sev) < SEVERITIES.index(top[rule]):
            top[rule] = sev
    rules = {}
    for (rule, sev), n in sorted(by_rule.items()):
        name = rule if sev == top[rule] else f"{rule} ({sev})"
        rules[name] = {
            "severity": sev,
            "findings": n,
            "per_1000": round(1000 * n / stories, 1) if stories else None,
            "stories": len({d["path"] for d in diags if d["rule"] == rule and d["severity"] == sev}),
        }
    per_sev = collections.Counter(d["severity"] for d in diags)
    return diags, {
        "stories": stories,
        "findings": len(diags),
        "per_1000": round(1000 * len(diags) / stories, 1) if stories else None,
        "by_severity": {s: per_sev.get(s, 0) for s in SEVERITIES},
        "share_with_error": round(len(sev_files["error"]) / stories, 4) if stories else None,
        "share_with_warning_or_error": round(
            len(sev_files["error"] | sev_files["warning"]) / stories, 4) if stories else None,
        "unreadable": report["summary"].get("unreadable", 0),
        "rules": rules,
    }


def table(counts, base=None):
    names = list(counts["corpora"])

    def severities(c):
        return {r: v["severity"] for x in c["corpora"].values() for r, v in x["rules"].items()}

    now_sev = severities(counts)
    was_sev = severities(base) if base else {}
    # One row per rule: a rule whose severity changed shows its new one and what it was.
    rules = sorted(set(now_sev) | set(was_sev))

    def sev(r):
        now, was = now_sev.get(r), was_sev.get(r)
        if now is None:
            return was  # no findings now: the severity it had
        return now if was in (None, now) else f"{now} (was {was})"

    def cell(c, r):
        v = counts["corpora"][c]["rules"].get(r)
        now = v["per_1000"] if v else 0.0
        if base is None:
            return f"{now:g}"
        b = base["corpora"].get(c, {}).get("rules", {}).get(r)
        was = b["per_1000"] if b else 0.0
        return f"{now:g}" if now == was else f"{now:g} (was {was:g})"
    head = "| rule | severity | " + " | ".join(f"{c} per 1,000" for c in names) + " |"
    out = [head, "|---|---|" + "---:|" * len(names)]
    for r in rules:
        mark = " †" if any((c, r) in NOT_SAMPLED for c in names) else ""
        out.append(f"| `{r}`{mark} | {sev(r)} | " + " | ".join(cell(c, r) for c in names) + " |")
    out.append("| **all findings** | | " + " | ".join(
        f"{counts['corpora'][c]['per_1000']:g}" for c in names) + " |")
    for key, label in (("share_with_error", "stories with ≥1 error"),
                       ("share_with_warning_or_error", "stories with ≥1 warning or error")):
        out.append(f"| **{label}** | | " + " | ".join(
            f"{100 * counts['corpora'][c][key]:.1f}%" for c in names) + " |")
    out.append("| stories | | " + " | ".join(str(counts["corpora"][c]["stories"]) for c in names) + " |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("outdir")
    ap.add_argument("--label", default="before")
    ap.add_argument("--corpus-root", default=DEFAULT_ROOT)
    ap.add_argument("--per-rule", type=int, default=25)
    ap.add_argument("--seed", default=SEED)
    ap.add_argument("--context", action="store_true", help="print each sampled finding's paragraph")
    ap.add_argument("--realsets", metavar="DATA",
                    help="add one extractor's output over the realsets pages built under DATA "
                         "(e.g. /work/realsets-data); its text is never written to the sample")
    ap.add_argument("--realsets-extractor", default="trafilatura", choices=REALSETS_EXTRACTORS)
    ap.add_argument("--realsets-split", default="dev", choices=("dev", "holdout", "all"))
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)

    corpora = [(name, os.path.join(args.corpus_root, sub), ok) for name, sub, ok in CORPORA]
    tmp = None
    if args.realsets:
        tmp = tempfile.TemporaryDirectory(prefix="copydesk-realsets-")
        folder = realsets_folder(args.realsets, args.realsets_extractor, args.realsets_split,
                                 tmp.name)
        # Publishers' pages: counted and sampled, their text never committed.
        corpora.append((f"realsets-{args.realsets_extractor}-{args.realsets_split}", folder, False))

    counts = {"label": args.label, "binary": args.binary, "corpora": {}}
    version = subprocess.run([args.binary, "--version"], capture_output=True, text=True).stdout.strip()
    counts["version"] = version
    pool = collections.defaultdict(list)
    folders = {}
    for name, folder, _ in corpora:
        folders[name] = folder
        report = run_check(args.binary, folder)
        diags, counts["corpora"][name] = count(name, report, folder)
        for d in diags:
            if (name, d["rule"]) not in NOT_SAMPLED:
                pool[d["rule"]].append((name, d))
    # Only the findings at a rule's most severe level are sampled (that is what its threshold
    # is about); a rule's lesser-severity findings are drawn as a pool of their own.
    for rule in list(pool):
        sevs = {d["severity"] for _, d in pool[rule]}
        if len(sevs) > 1:
            main_sev = min(sevs, key=SEVERITIES.index)
            for sev in sevs - {main_sev}:
                pool[f"{rule} ({sev})"] = [x for x in pool[rule] if x[1]["severity"] == sev]
            pool[rule] = [x for x in pool[rule] if x[1]["severity"] == main_sev]

    path = os.path.join(args.outdir, "counts.json")
    allc = {}
    if os.path.exists(path):
        with open(path) as f:
            allc = json.load(f)
    allc[args.label] = counts
    with open(path, "w") as f:
        json.dump(allc, f, indent=2, sort_keys=True)
        f.write("\n")

    base = allc.get("before") if args.label != "before" else None
    print(f"## copydesk false alarms: `{args.label}` ({version})\n")
    print(table(counts, base))
    print("\n† not sampled for doj (quote marks stripped from that corpus).\n")

    # The sample: per rule, a seeded draw from the findings sorted in a fixed order.
    licensed = {name: ok for name, _, ok in corpora}
    cache = {}
    sample = []
    drawn = []
    for rule in sorted(pool):
        items = sorted(pool[rule], key=lambda x: (x[0], x[1]["path"], x[1]["span"]["start"], x[1]["message"]))
        rng = random.Random(f"{args.seed}:{rule}")
        picked = rng.sample(items, min(args.per_rule, len(items)))
        picked.sort(key=lambda x: (x[0], x[1]["path"], x[1]["span"]["start"]))
        for corpus, d in picked:
            if d["path"] not in cache:
                with open(d["path"], "rb") as f:
                    cache[d["path"]] = f.read()
            data = cache[d["path"]]
            s, e = d["span"]["start"], d["span"]["end"]
            rec = {
                "corpus": corpus,
                "path": relpath(d["path"], folders[corpus]),
                "line": d["start"]["line"],
                "col": d["start"]["column"],
                "rule": rule,
                "severity": d["severity"],
            }
            if licensed[corpus]:
                # A message quotes the text it flags ("quotation '…' has no speaker").
                rec["message"] = d["message"]
                rec["text"] = data[s:e].decode("utf-8", "replace")
                rec["secondary"] = [
                    {"line": x["start"]["line"], "message": x.get("message", ""),
                     "text": data[x["span"]["start"]:x["span"]["end"]].decode("utf-8", "replace")}
                    for x in d.get("secondary", [])]
                rec["notes"] = d.get("notes", [])
                rec["context"] = paragraph_at(data, s, e)
            sample.append(rec)
            drawn.append(d)
    out = os.path.join(args.outdir, f"sample-{args.label}.jsonl")
    with open(out, "w") as f:
        for rec in sample:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    per_rule = collections.Counter(r["rule"] for r in sample)
    print(f"sample: {len(sample)} findings over {len(per_rule)} rules -> {out}")

    if args.context:
        for i, (r, d) in enumerate(zip(sample, drawn), 1):
            print(f"\n### {i}. {r['rule']} ({r['severity']}) {r['corpus']}/{r['path']}:{r['line']}:{r['col']}")
            print(f"message: {d['message']}")
            if "text" not in r:
                # Unlicensed text: shown to the judge here, never written to the sample.
                s, e = d["span"]["start"], d["span"]["end"]
                print("> " + paragraph_at(cache[d["path"]], s, e).replace("\n", "\n> "))
            else:
                print(f"text: {r['text']!r}")
                for x in r["secondary"]:
                    print(f"secondary line {x['line']}: {x['message']} {x['text']!r}")
                for n in r["notes"]:
                    print(f"note: {n}")
                print("> " + r["context"].replace("\n", "\n> "))
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
