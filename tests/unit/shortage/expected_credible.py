#!/usr/bin/python3
"""Expected values of tests/unit/shortage/test_credible.c (the credible-
shortage pieces of stages/shortage/credible.c), computed independently from
the formulas in credible.h / docs/METHOD.md: plain Python for the moment
estimate, the normal-normal posterior, the weighted standardisation and the
composite; numpy (numpy.cov, numpy.linalg.eigh, not GSL) for the covariance
matrix and its first principal component in the one-factor loadings.
Run it with /usr/bin/python3 to print the values the test quotes (15
significant digits)."""
import math
import statistics

import numpy


def p(name, x):
    print("%-34s %.15g" % (name, x))


def tau2(y, v, m, mv=None, use=None, floor=0.0):
    """tau^2 = max(floor, mean over used i of (y-m)^2 - v - mv)."""
    terms = []
    for i in range(len(y)):
        if use is not None and not use[i]:
            continue
        terms.append((y[i] - m[i]) ** 2 - v[i] - (mv[i] if mv else 0.0))
    if not terms:
        return floor
    return max(floor, sum(terms) / len(terms))


def posterior(y, v, m, mv, t2):
    pv = t2 + mv
    return (y * pv + m * v) / (pv + v), pv * v / (pv + v)


def standardize(y, w, use=None):
    """Weighted mean and sd with divisor sum(w) (population form)."""
    idx = [i for i in range(len(y)) if use is None or use[i]]
    sw = sum(w[i] for i in idx)
    mu = sum(w[i] * y[i] for i in idx) / sw
    ss = sum(w[i] * (y[i] - mu) ** 2 for i in idx)
    return mu, (math.sqrt(ss / sw) if len(idx) >= 2 else 0.0)


def loadings(Z, V, use, floor):
    """One-factor model: l_k = |e_k| sqrt(lambda_1) of the sample covariance
    (divisor n-1) of the used rows, tau2_k = max(floor, C_kk - l_k^2 -
    median of V_k over the used rows)."""
    rows = [i for i in range(len(Z)) if use[i]]
    X = numpy.array([Z[i] for i in rows])
    C = numpy.cov(X, rowvar=False, ddof=1)
    w, E = numpy.linalg.eigh(C)          # ascending eigenvalues
    lam, e = w[-1], E[:, -1]
    l = numpy.abs(e) * math.sqrt(lam)
    t = []
    for k in range(X.shape[1]):
        med = statistics.median(V[i][k] for i in rows)
        t.append(max(floor, C[k, k] - l[k] ** 2 - med))
    return lam, e, C, l, t


def composite(z, v, avail, l, t2):
    P, num, used = 1.0, 0.0, 0
    for k in range(len(z)):
        if not avail[k] or not math.isfinite(z[k]) or not v[k] >= 0:
            continue
        d = t2[k] + v[k]
        num += l[k] * z[k] / d
        P += l[k] ** 2 / d
        used += 1
    return num / P, 1 / P, used


# --- cred_normal_tau2 -------------------------------------------------------
y = [1, 3, -2, 0]
m = [0, 1, 0, 1]
v = [0.5, 0.5, 1, 0.2]
mv = [0.1, 0.2, 0.3, 0.4]
use = [1, 0, 1, 1]
# by hand: (y-m)^2 = 1 4 4 1; minus v: 0.5 3.5 3 0.8 -> 7.8/4 = 1.95
p("tau2 plain", tau2(y, v, m))
# minus mv too: 0.4 3.3 2.7 0.4 -> 6.8/4 = 1.7
p("tau2 mv", tau2(y, v, m, mv))
# unit 1 unused: (0.5 + 3 + 0.8)/3 = 4.3/3
p("tau2 use", tau2(y, v, m, use=use))
# unit 1 unused, with mv: (0.4 + 2.7 + 0.4)/3 = 3.5/3
p("tau2 use mv", tau2(y, v, m, mv, use))
# y = m: mean of -v = -0.55 < floor 0.01
p("tau2 floor", tau2(m, v, m, floor=0.01))

# --- cred_normal_posterior --------------------------------------------------
p("post mean 2,1,0,0,1", posterior(2, 1, 0, 0, 1)[0])   # 2*1/2 = 1
p("post var 2,1,0,0,1", posterior(2, 1, 0, 0, 1)[1])    # 1*1/2 = 0.5
p("post mean 3,2,1,.5,1.5", posterior(3, 2, 1, 0.5, 1.5)[0])  # (6+2)/4 = 2
p("post var 3,2,1,.5,1.5", posterior(3, 2, 1, 0.5, 1.5)[1])   # 4/4 = 1

# --- cred_standardize -------------------------------------------------------
sy, sw = [1, 2, 4], [1, 2, 1]
mu, sd = standardize(sy, sw)
p("std mean", mu)   # 9/4
p("std sd", sd)     # sqrt(4.75/4)
mu, sd = standardize(sy, sw, [1, 1, 0])
p("std mean use", mu)   # 5/3
p("std sd use", sd)     # sqrt(2/9)

# --- cred_loadings ----------------------------------------------------------
# 13 units x 4 indicators; unit 4 is an outlier that USE leaves out (its V
# would also move the medians).
Z = [
    [0.03, 0.07, -0.29, -0.62],
    [0.36, 0.36, 0.41, 0.00],
    [0.45, -1.11, 0.63, 0.49],
    [-0.40, -1.22, -0.20, 0.07],
    [5.00, 5.00, -5.00, 9.00],
    [0.25, 0.05, -0.17, 0.34],
    [0.02, 0.58, 0.48, 0.83],
    [-0.93, 0.26, -0.36, -0.06],
    [0.00, -0.65, -0.14, 0.76],
    [-0.60, 0.78, -1.15, -0.46],
    [0.17, -1.08, 0.60, 0.38],
    [0.42, -1.08, 0.66, 0.63],
    [1.57, -0.48, 0.53, -0.08],
]
V = [
    [0.26, 0.145, 0.0425, 0.81],
    [0.07, 0.115, 0.0525, 1.19],
    [0.26, 0.060, 0.0375, 0.82],
    [0.06, 0.085, 0.0225, 0.18],
    [9.00, 9.00, 9.00, 9.00],
    [0.06, 0.120, 0.0200, 0.33],
    [0.15, 0.135, 0.0175, 0.57],
    [0.19, 0.135, 0.0625, 1.04],
    [0.12, 0.075, 0.0350, 1.07],
    [0.29, 0.045, 0.0225, 0.32],
    [0.11, 0.085, 0.0500, 0.35],
    [0.05, 0.075, 0.0350, 0.70],
    [0.29, 0.110, 0.0450, 0.76],
]
luse = [1] * 13
luse[4] = 0
floor = 0.01
lam, e, C, l, t = loadings(Z, V, luse, floor)
p("lambda1", lam)
for k in range(4):
    p("e[%d] (signed)" % k, e[k])
for k in range(4):
    p("C[%d][%d]" % (k, k), C[k, k])
for k in range(4):
    p("median V[%d]" % k, statistics.median(V[i][k] for i in range(13) if luse[i]))
for k in range(4):
    p("l[%d]" % k, l[k])
for k in range(4):
    p("tau2[%d]" % k, t[k])
# without the median-V term (V all zero) tau2 would be C_kk - l_k^2:
for k in range(4):
    p("C_kk - l^2 [%d]" % k, C[k, k] - l[k] ** 2)

# K = 2 (indicators 0 and 1 only, Z and V then row-major N x 2)
lam2, e2, C2, l2, t2 = loadings([r[:2] for r in Z], [r[:2] for r in V], luse, floor)
for k in range(2):
    p("k2 l[%d]" % k, l2[k])
for k in range(2):
    p("k2 tau2[%d]" % k, t2[k])
print("eigenvalues (gap check):", numpy.linalg.eigvalsh(C))

# --- cred_composite ---------------------------------------------------------
# one indicator by hand: l=1, tau2=0.5, v=0.5 -> d=1, P=2, S=2/2=1, var 0.5
S, var, n = composite([2], [0.5], [1], [1], [0.5])
p("comp1 S", S)
p("comp1 var", var)
cz = [0.8, -0.4, 1.2, 0.5]
cv = [0.1, 0.2, 0.3, 0.05]
cl = [0.9, 0.7, 0.5, 0.6]
ct = [0.2, 0.1, 0.4, 0.3]
S, var, n = composite(cz, cv, [1, 1, 1, 1], cl, ct)
p("comp all S", S)
p("comp all var", var)
S, var, n = composite(cz, cv, [1, 0, 1, 1], cl, ct)
p("comp avail S", S)
p("comp avail var", var)
p("comp avail used", n)
# indicator 1 unavailable, 2 with z NaN, 3 with v < 0: only indicator 0
S, var, n = composite([0.8, -0.4, float("nan"), 0.5], [0.1, 0.2, 0.3, -1],
                      [1, 0, 1, 1], cl, ct)
p("comp skip S", S)     # 0.9*0.8/0.3 / (1 + 0.81/0.3) = 2.4/3.7
p("comp skip var", var)  # 1/3.7
p("comp skip used", n)
