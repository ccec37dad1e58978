#!/usr/bin/env python3
"""Deterministic synthetic news copy for benches/suite.sh.

  synth.py archive DIR [--files N] [--mb MB] [--seed S]   N stories, about MB megabytes in all
  synth.py single FILE [--mb MB] [--seed S]               one story of about MB megabytes

The same arguments always give the same bytes. Stories read like wire copy: a headline, a
dateline, paragraphs with figures, dates, quotations and attributions, and now and then what
copydesk looks for (web-page residue, placeholders, a template line shared by many stories).
"""
import argparse
import os
import random

SUBJECTS = ["The council", "City officials", "The governor", "Police", "The company", "Prosecutors",
            "The school board", "Researchers", "The mayor", "Federal regulators", "The union",
            "Residents", "The court", "State lawmakers", "The agency", "Firefighters"]
VERBS = ["approved", "rejected", "announced", "delayed", "reviewed", "proposed", "defended",
         "questioned", "expanded", "cut", "released", "postponed", "funded", "investigated"]
OBJECTS = ["a plan to repair the bridge", "the annual budget", "new rules for parking",
           "a contract with the transit authority", "the report on water quality",
           "a measure to hire more teachers", "the proposal for a new library",
           "charges against two former officers", "a study of emergency response times",
           "a settlement with the landlord", "the expansion of the clinic"]
TAILS = ["after a long debate", "despite objections from residents", "on a 5-2 vote",
         "without discussion", "at a special meeting", "after months of delay",
         "following an audit", "in a closed session"]
SPEAKERS = ["the mayor said", "said Ana Ruiz, a spokeswoman for the agency",
            "Tom Hale, the council president, said", "officials said", "a resident said",
            "said Maria Chen, who leads the union"]
QUOTES = ["We will rebuild what was lost", "This is a good day for the city",
          "Nobody expected the costs to rise so quickly", "We have work to do",
          "The numbers speak for themselves", "It was a long night"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CITIES = ["SPRINGFIELD", "RIVERTON", "LAKE CITY", "MILLBROOK", "FAIRVIEW", "GREENVILLE"]
RESIDUE = ["Advertisement", "Read more: Council weighs new parking rules", "Related Stories",
           "Share this article", "Most Read from The Harbor Ledger", "The fire destroyed TK homes.",
           "Click here to subscribe", "Copyright 2024 The Harbor Ledger. All rights reserved."]
TEMPLATES = ["Metro Desk Weekly Roundup", "Harbor Ledger Staff Report", "City Hall Notebook"]


def sentence(r):
    kind = r.random()
    if kind < 0.45:
        n = r.choice([3, 12, 45, 250, 1200, 18000])
        return (f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}, "
                f"affecting {n:,} people.")
    if kind < 0.6:
        return (f"{r.choice(SUBJECTS)} {r.choice(VERBS)} the plan on {r.choice(DAYS)}, "
                f"{r.choice(MONTHS)} {r.randint(1, 28)}, {r.randint(2015, 2025)}.")
    if kind < 0.75:
        return f"\u201c{r.choice(QUOTES)},\u201d {r.choice(SPEAKERS)}."
    if kind < 0.85:
        pct = r.randint(2, 90)
        return f"Costs rose {pct} percent, to ${r.randint(1, 90)}.{r.randint(1, 9)} million, last year."
    return f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}."


def story(r, size, template=None):
    parts = [f"# {r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}\n\n"]
    parts.append(f"{r.choice(CITIES)} (AP) \u2014 {sentence(r)}\n\n")
    total = sum(len(p) for p in parts)
    while total < size:
        if r.random() < 0.04:
            p = r.choice(RESIDUE) + "\n\n"
        else:
            p = " ".join(sentence(r) for _ in range(r.randint(1, 4))) + "\n\n"
        parts.append(p)
        total += len(p)
    if template:
        parts.append(template + "\n")
    return "".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["archive", "single"])
    ap.add_argument("path")
    ap.add_argument("--files", type=int, default=60000)
    ap.add_argument("--mb", type=float, default=200)
    ap.add_argument("--seed", type=int, default=17)
    a = ap.parse_args()
    r = random.Random(a.seed)
    if a.mode == "single":
        with open(a.path, "w", encoding="utf-8") as f:
            f.write(story(r, int(a.mb * 1e6)))
        return
    mean = a.mb * 1e6 / a.files
    for i in range(a.files):
        d = os.path.join(a.path, f"{i // 1000:03d}")
        if i % 1000 == 0:
            os.makedirs(d, exist_ok=True)
        size = int(r.uniform(0.3, 1.7) * mean)
        template = TEMPLATES[i % 3] if r.random() < 0.05 else None
        with open(os.path.join(d, f"story-{i:05d}.md"), "w", encoding="utf-8") as f:
            f.write(story(r, size, template))


if __name__ == "__main__":
    main()
