#!/usr/bin/env python3
"""Checks that the hidden shortage jobbspar-synth plants (truth.tsv) is
visible in the generated files, so the analysis has something real to find
(used by tests/sh/test_synth_signal.sh). Standard library only; computed from
the CSV files and truth.tsv, independently of the generator's code.

Thresholds are deliberately loose: they fail only if a link is missing or has
the wrong sign, not on sampling noise.
usage: check_signal.py DIR
"""
import csv
import sys
from collections import defaultdict


def ranks(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(xs, ys):
    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    return sxy / (sxx * syy) ** 0.5


def main():
    d = sys.argv[1]
    truth = {}
    for r in csv.DictReader(open(f"{d}/truth.tsv", encoding="utf-8"), delimiter="\t"):
        truth[(r["kommun"], r["ssyk"])] = (float(r["shortage"]), float(r["employed_expected"]), int(r["rank"]))
    resp_kommun = {r["response_id"]: r["kommun"]
                   for r in csv.DictReader(open(f"{d}/survey_respondents.csv", encoding="utf-8"))}
    rows = defaultdict(lambda: [0, 0, 0, 0])  # (kommun, ssyk) -> [rows, brist, planned, employed]
    for r in csv.DictReader(open(f"{d}/survey_occupations.csv", encoding="utf-8")):
        c = rows[(resp_kommun[r["response_id"]], r["ssyk"])]
        c[0] += 1
        c[1] += r["recruitment_situation"] == "brist"
        c[2] += int(r["planned_hires_12m"])
        c[3] += int(r["employed_now"])
    fails = 0

    def check(name, value, ok):
        nonlocal fails
        print(f"{name}: {value:.3f} {'ok' if ok else 'FAIL'}")
        if not ok:
            fails += 1

    keys = [k for k, c in rows.items() if c[0] >= 3]
    z = [truth[k][0] for k in keys]
    check("spearman(shortage, survey brist share)",
          spearman(z, [rows[k][1] / rows[k][0] for k in keys]), spearman(z, [rows[k][1] / rows[k][0] for k in keys]) > 0.3)
    rate = [(rows[k][2] + 0.5) / (rows[k][3] + 1) for k in keys]
    check("spearman(shortage, planned hires per employed)", spearman(z, rate), spearman(z, rate) > 0.2)

    # jobseekers wanting the occupation (first wish) per expected employed
    want = defaultdict(int)
    for r in csv.DictReader(open(f"{d}/jobseekers.csv", encoding="utf-8")):
        if r["ssyk_wanted"]:
            want[(r["kommun"], r["ssyk_wanted"].split("|")[0])] += 1
    keys = [k for k, t in truth.items() if t[1] >= 200]
    z = [truth[k][0] for k in keys]
    js = [want[k] / truth[k][1] for k in keys]
    check("spearman(shortage, jobseekers per employed)", spearman(z, js), spearman(z, js) < -0.2)

    # ads in the last year per employed, and days open
    ads = defaultdict(int)
    days = defaultdict(list)
    last = None
    vac = list(csv.DictReader(open(f"{d}/vacancies.csv", encoding="utf-8")))
    last = max(r["published"][:4] for r in vac)
    from datetime import date
    for r in vac:
        k = (r["kommun"], r["ssyk"])
        if r["published"][:4] == last:
            ads[k] += 1
        if r["removed"]:
            days[k].append((date.fromisoformat(r["removed"]) - date.fromisoformat(r["published"])).days)
    a = [ads[k] / truth[k][1] for k in keys]
    check("spearman(shortage, ads per employed)", spearman(z, a), spearman(z, a) > 0.2)
    keys_d = [k for k in keys if len(days[k]) >= 10]
    md = [sum(days[k]) / len(days[k]) for k in keys_d]
    check("spearman(shortage, mean days open)", spearman([truth[k][0] for k in keys_d], md),
          spearman([truth[k][0] for k in keys_d], md) > 0.2)

    # outcomes: better Swedish, more employment after a year
    hi = [0, 0]
    lo = [0, 0]
    for r in csv.DictReader(open(f"{d}/outcomes.csv", encoding="utf-8")):
        g = hi if r["swedish_level"] in ("sfi-d", "sas") else lo
        g[0] += 1
        g[1] += r["employed_365d"] == "1"
    if hi[0] and lo[0]:
        diff = hi[1] / hi[0] - lo[1] / lo[0]
        check("employed_365d(sfi-d or sas) - employed_365d(lower)", diff, diff > 0.03)
    else:
        check("outcome groups present", 0, False)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
