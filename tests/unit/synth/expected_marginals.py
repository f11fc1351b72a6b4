#!/usr/bin/env python3
"""Independent check of the marginal totals of jobbspar-synth's employment.csv
(used by tests/sh/test_synth_marginals.sh). Standard library only.

The expectation is computed here from the reference files, not from the
generator: SCB's national YREG54BAS table (codes outside SSYK 2012, i.e.
0002 "unknown", dropped) scaled by the municipality's share of the 2016
population in kommuner_sverige.csv.

Tolerances, derived from the model's one spread parameter and Poisson noise
(docs/METHOD.md): each cell is Poisson, so a sum with expectation E has
sd sqrt(E); the local occupation factor f is lognormal with log-sd 0.35, so
sd(f) = sqrt(exp(0.35^2) - 1) = 0.36, and a sum over occupations weighted by
national employees w_s has relative sd 0.36 * sqrt(sum w^2) / sum w.
  * total per (kommun, year): |got/E - 1| <= 0.02 + 4/sqrt(E). The generator
    renormalises f so the reference-year total is exact before noise; other
    years differ only through the changing occupation mix (< 2 %).
  * total per (kommun, year, age band): <= 4 * 0.36 * sqrt(sum w^2)/sum w
    + 4/sqrt(E) (four standard deviations of each part).
  * age band 65-69 before 2023 is 0, as in SCB's table (series break).
  * all municipalities together, per year: within 3 %.
  * when all 290 municipalities are given: per occupation (all years and
    ages) <= 4 * 0.36 * sqrt(sum share^2) / sum share + 4/sqrt(E) + 0.02.
usage: expected_marginals.py REFDIR DIR
"""
import csv
import math
import sys
from collections import defaultdict

SD_F = math.sqrt(math.exp(0.35 ** 2) - 1)  # sd of the lognormal local factor


def main():
    refdir, outdir = sys.argv[1], sys.argv[2]
    ssyk = {r["ssyk4"] for r in csv.DictReader(open(f"{refdir}/ssyk2012_scb_level4.csv", encoding="utf-8"))}
    pop = {}
    for r in csv.DictReader(open(f"{refdir}/kommuner_sverige.csv", encoding="utf-8")):
        pop[r["kommunkod"]] = int(r["folkmangd_2016_12_31"])
    total_pop = sum(pop.values())
    nat = defaultdict(float)  # (year, age) -> employees
    nat_sq = defaultdict(float)  # (year, age) -> sum over occupations of employees^2
    nat_occ = defaultdict(float)  # (year, ssyk) -> employees over all ages
    for r in csv.DictReader(open(f"{refdir}/scb_yreg54bas_employees_ssyk4_age_2020_2024.csv", encoding="utf-8")):
        if r["ssyk4"] in ssyk:
            e = int(r["employees"])
            nat[(r["year"], r["age"])] += e
            nat_sq[(r["year"], r["age"])] += e * e
            nat_occ[(r["year"], r["ssyk4"])] += e

    got = defaultdict(int)       # (kommun, year, age)
    got_occ = defaultdict(int)   # ssyk
    by_sex = defaultdict(int)
    kommuner, years = set(), set()
    for r in csv.DictReader(open(f"{outdir}/employment.csv", encoding="utf-8")):
        got[(r["kommun"], r["year"], r["age"])] += int(r["employed"])
        by_sex[r["sex"]] += int(r["employed"])
        got_occ[r["ssyk"]] += int(r["employed"])
        kommuner.add(r["kommun"])
        years.add(r["year"])
    ages = sorted({a for (_, a) in nat})
    fails = 0
    worst_total = worst_age = 0.0
    for y in sorted(years):
        sum_exp = sum_got = 0.0
        for k in sorted(kommuner):
            share = pop[k] / total_pop
            exp_t = sum(nat[(y, a)] for a in ages) * share
            got_t = sum(got[(k, y, a)] for a in ages)
            sum_exp += exp_t
            sum_got += got_t
            dev = abs(got_t / exp_t - 1)
            worst_total = max(worst_total, dev)
            tol = 0.02 + 4 / math.sqrt(exp_t)
            if dev > tol:
                print(f"FAIL total {k} {y}: got {got_t}, expected {exp_t:.0f} ({dev:.1%})")
                fails += 1
            for a in ages:
                e = nat[(y, a)] * share
                g = got[(k, y, a)]
                if e == 0:
                    if g != 0:
                        print(f"FAIL {k} {y} {a}: got {g}, expected 0")
                        fails += 1
                    continue
                if e >= 100:
                    d = abs(g / e - 1)
                    tol = 4 * SD_F * math.sqrt(nat_sq[(y, a)]) / nat[(y, a)] + 4 / math.sqrt(e)
                    worst_age = max(worst_age, d / tol)
                    if d > tol:
                        print(f"FAIL {k} {y} {a}: got {g}, expected {e:.0f} ({d:.1%})")
                        fails += 1
        if abs(sum_got / sum_exp - 1) > 0.03:
            print(f"FAIL all municipalities {y}: got {sum_got}, expected {sum_exp:.0f}")
            fails += 1
    if len(kommuner) == len(pop):
        ysel = sorted(years)
        shares = [pop[k] / total_pop for k in kommuner]
        spread = SD_F * math.sqrt(sum(x * x for x in shares)) / sum(shares)
        for code in sorted(ssyk):
            e = sum(nat_occ[(y, code)] for y in ysel)
            if e < 100:
                continue
            d = abs(got_occ[code] / e - 1)
            if d > 0.02 + 4 * spread + 4 / math.sqrt(e):
                print(f"FAIL occupation {code}: got {got_occ[code]}, expected {e:.0f} ({d:.1%})")
                fails += 1
    if set(by_sex) != {"män", "kvinnor"}:
        print(f"FAIL sexes {sorted(by_sex)}")
        fails += 1
    print(f"{len(kommuner)} municipalities, {len(years)} years; worst deviation: "
          f"total {worst_total:.2%}, age band {worst_age:.2f} of its tolerance; women "
          f"{by_sex['kvinnor'] / max(1, sum(by_sex.values())):.1%}")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
