#!/usr/bin/env python3
"""Judged precision per rule from a judged sample, and carrying verdicts over to a new sample.

    python3 benches/false-alarms/precision.py benches/false-alarms/judged-before.jsonl
    python3 benches/false-alarms/precision.py judged-before.jsonl --carry sample-after.jsonl \
        --out judged-after.jsonl

A judged file has one finding a line: corpus, path, line, col, rule, verdict ("right" or
"wrong"), reason, text, and optionally "ambiguous": true (the conventions call the case
ambiguous; the verdict is the judge's call) and "stripped_quote": true (the finding sits inside a
quotation whose marks were stripped from the DOJ corpus, a corpus defect).

Precision is printed three ways: all judged findings; without ambiguous ones (as the
conventions score them); and without stripped-quote ones (what the rule would score on copy with
its quote marks). With --carry, every finding of the new sample that has a verdict under the same
key (corpus, path, line, rule, text) gets it; the rest get "verdict": null, to be judged.
"""
import argparse
import collections
import json


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def key(r):
    return (r.get("corpus"), r["path"], r["line"], r["rule"], r.get("text"))


def prec(rows):
    n = len(rows)
    right = sum(r["verdict"] == "right" for r in rows)
    return right, n, (f"{100 * right / n:.0f}%" if n else "–")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("judged")
    ap.add_argument("--carry", help="a new sample-<label>.jsonl to carry verdicts over to")
    ap.add_argument("--out", help="where to write the carried-over judged file")
    args = ap.parse_args()
    rows = [r for r in load(args.judged) if r.get("verdict") in ("right", "wrong")]

    by = collections.defaultdict(list)
    for r in rows:
        by[r["rule"]].append(r)
    print("| rule | judged n | right | precision | without ambiguous | without stripped quotes |")
    print("|---|---:|---:|---:|---:|---:|")
    for rule in sorted(by):
        rs = by[rule]
        right, n, p = prec(rs)
        r2, n2, p2 = prec([r for r in rs if not r.get("ambiguous")])
        r3, n3, p3 = prec([r for r in rs if not r.get("stripped_quote")])
        print(f"| `{rule}` | {n} | {right} | {p} | {p2} ({r2}/{n2}) | {p3} ({r3}/{n3}) |")
    right, n, p = prec(rows)
    print(f"| **all sampled** | {n} | {right} | {p} | | |")

    if args.carry:
        known = {key(r): r for r in rows}
        new = load(args.carry)
        done = 0
        out = []
        for s in new:
            k = known.get(key(s))
            rec = {x: s.get(x) for x in ("corpus", "path", "line", "col", "rule", "text")}
            if k:
                done += 1
                rec.update({x: k[x] for x in ("verdict", "reason") if x in k})
                for flag in ("ambiguous", "stripped_quote"):
                    if k.get(flag):
                        rec[flag] = True
            else:
                rec.update({"verdict": None, "reason": ""})
            out.append(rec)
        print(f"\ncarried {done} of {len(new)} verdicts; {len(new) - done} to judge")
        if args.out:
            with open(args.out, "w") as f:
                for rec in out:
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
