#!/usr/bin/env python3
"""Expected values of the unit tests test_survey.c and test_registry.c,
computed independently with exact fractions (Python 3 standard library).
Run it to print them; the tests quote these numbers."""
from fractions import Fraction as F
import math
import statistics


def strat_var(groups):
    """groups: list of (N_g, [z_i for all r_g units])."""
    v = F(0)
    for N, z in groups:
        r = len(z)
        if r < 2:
            continue
        m = sum(z) / r
        v += (1 - F(r) / N) * F(r, r - 1) * sum((x - m) ** 2 for x in z)
    return v


# design: group 0 N=10 with 3 units of weight 10/3; group 1 N=4 with 2 units of weight 2
w = [F(10, 3)] * 3 + [F(2)] * 2
grp = [0, 0, 0, 1, 1]
N = [F(10), F(4)]
y = [1, 3, 2, 5, 0]
tot = sum(wi * yi for wi, yi in zip(w, y))
z = [wi * yi for wi, yi in zip(w, y)]
vt = strat_var([(N[g], [z[i] for i in range(5) if grp[i] == g]) for g in (0, 1)])
print("total", float(tot), "var", float(vt), vt)

a = [1, 0, 1, 1, 0]
b = [1, 1, 1, 1, 0]
den = sum(wi * bi for wi, bi in zip(w, b))
R = sum(wi * ai for wi, ai in zip(w, a)) / den
z = [wi * (ai - R * bi) / den for wi, ai, bi in zip(w, a, b)]
vr = strat_var([(N[g], [z[i] for i in range(5) if grp[i] == g]) for g in (0, 1)])
print("ratio", float(R), R, "var", float(vr))
neff = R * (1 - R) / vr
print("neff", float(neff))

# all-same-answer and nearly-constant ratios (test_ratio_all_same,
# test_ratio_nearly_constant): group 0 N=20 with 3 units, group 1 N=40 with
# r_g = 5 respondents of which 3 are in the domain (the 2 others have z = 0
# and are not passed). Weights 10/3, 7/3, 13.1 are not exactly
# representable; the 4th unit did not answer the item (a = b = 0).
w6 = [F(10, 3), F(7, 3), F(131, 10), F(131, 10), F(7, 3), F(10, 3)]
grp6 = [0, 0, 0, 1, 1, 1]
r6 = [3, 5]
N6 = [F(20), F(40)]
b6 = [1, 1, 1, 0, 1, 1]


def ratio6(a):
    den = sum(wi * bi for wi, bi in zip(w6, b6))
    R = sum(wi * ai for wi, ai in zip(w6, a)) / den
    z = [wi * (ai - R * bi) / den for wi, ai, bi in zip(w6, a, b6)]
    groups = []
    for g in (0, 1):
        zg = [z[i] for i in range(6) if grp6[i] == g]
        groups.append((N6[g], zg + [F(0)] * (r6[g] - len(zg))))
    return R, strat_var(groups)


for c in (100, -100, 1):
    R6, v6 = ratio6([c * bi for bi in b6])
    print("all same", c, "ratio", float(R6), "var", v6)   # exactly c and 0
a6 = [100 * bi for bi in b6]
a6[4] = -100          # one employer answers "god" among "brist"
R6, v6 = ratio6(a6)
print("nearly constant ratio", float(R6), R6, "var", repr(float(v6)), v6)

# survey_moments: the stable M2 of 1e9 + {1, 2, 3, 4} is 5; {2, 4} pooled
# with 3 zeros (r = 5) is that of {2, 4, 0, 0, 0}
xs = [F(2), F(4), F(0), F(0), F(0)]
m = sum(xs) / 5
print("m2 implicit zeros", float(sum((x - m) ** 2 for x in xs)))
print("strat_var_m2 of test_total's z", float(vt))

zq = statistics.NormalDist().inv_cdf(0.975)


def wilson(p, n):
    c = zq * zq / n
    mid = (p + c / 2) / (1 + c)
    half = zq * math.sqrt(p * (1 - p) / n + zq * zq / (4 * n * n)) / (1 + c)
    return max(0, mid - half), min(1, mid + half)


print("wilson 0.3 20", wilson(0.3, 20))
print("wilson 0 10", wilson(0.0, 10))
print("wilson ratio neff", wilson(float(R), float(neff)))

# collapsing example (see test_design_collapse): C:1-9 N=40 n=4 r=3,
# C:50-249 N=5 n=3 r=1, C:250+ N=2 n=2 r=1, I:1-9 N=12 n=2 r=1
print("w C:50-249", float(F(5, 3) * 7 / (F(5, 3) + 1)), "w C:250+", float(F(1) * 7 / (F(5, 3) + 1)))
print("w C:1-9", float(F(10) * 52 / (3 * 10 + 6)), "w I:1-9", float(F(6) * 52 / 36))

# registry
print("median", statistics.median([5, 1, 3, 2]))
xs, ys = [2020, 2021, 2022, 2023], [10, 12, 15, 15]
mx, my = F(sum(xs), 4), F(sum(ys), 4)
sxx = sum((x - mx) ** 2 for x in xs)
slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
icpt = my - slope * mx
s2 = sum((y - icpt - slope * x) ** 2 for x, y in zip(xs, ys)) / (len(xs) - 2)
print("slope", float(slope), "se", math.sqrt(s2 / sxx))
print("growth", (121 / 100) ** 0.5 - 1)
emp = [0, 0, 0, 0, 0, 0, 40, 30, 20, 10]
r5 = [0, 0, 0, 0, 0, 0, 0, 0.10, 0.60, 1.00]
print("exits5", sum(e * r for e, r in zip(emp, r5)))
