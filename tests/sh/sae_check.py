#!/usr/bin/env python3
"""Independent check of jobbspar-shortage's small-area estimates.

sae_check.py OUT: reads OUT/shortage_sae.tsv (the model's inputs: direct
estimate y, its variance psi, covariates 1, x_ads, x_jobseekers, x_days) and
refits both Fay-Herriot models here, with REML found by golden-section search
on the restricted log-likelihood (not the stage's Fisher scoring), in plain
Python. Compares the EBLUP / synthetic estimates and their Prasad-Rao MSE with
the table's, and checks OUT/shortage.tsv's published columns against them
(share clamped to [0, 1], planned hires = employed x rate). Exit 0 if all
agree to the stated tolerance, 1 otherwise."""
import csv, math, os, sys

OUT = sys.argv[1]
def read(p):
    with open(p, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
def num(v):
    return float(v) if v not in ("", None) else math.nan

def solve(M, b):
    n = len(M); A = [row[:] + [b[i]] for i, row in enumerate(M)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(A[r][c])); A[c], A[p] = A[p], A[c]
        for r in range(n):
            if r != c:
                f = A[r][c] / A[c][c]
                A[r] = [a - f * b for a, b in zip(A[r], A[c])]
    return [A[i][n] / A[i][i] for i in range(n)]

def inv(M):
    n = len(M)
    cols = [solve(M, [1.0 if i == j else 0.0 for i in range(n)]) for j in range(n)]
    return [[cols[j][i] for j in range(n)] for i in range(n)]

def logdet(M):
    n = len(M); A = [r[:] for r in M]; s = 0.0
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(A[r][c])); A[c], A[p] = A[p], A[c]
        s += math.log(abs(A[c][c]))
        for r in range(c + 1, n):
            f = A[r][c] / A[c][c]
            A[r] = [a - f * b for a, b in zip(A[r], A[c])]
    return s

def parts(A, y, psi, X):
    p = len(X[0]); vi = [1 / (A + s) for s in psi]
    M = [[sum(vi[i] * X[i][a] * X[i][b] for i in range(len(y))) for b in range(p)] for a in range(p)]
    rhs = [sum(vi[i] * X[i][a] * y[i] for i in range(len(y))) for a in range(p)]
    beta = solve(M, rhs)
    return vi, M, beta

def negll(A, y, psi, X):
    vi, M, beta = parts(A, y, psi, X)
    r = [y[i] - sum(X[i][a] * beta[a] for a in range(len(beta))) for i in range(len(y))]
    return 0.5 * (sum(math.log(A + s) for s in psi) + logdet(M) + sum(vi[i] * r[i] ** 2 for i in range(len(y))))

def reml(y, psi, X):
    lo, hi = 0.0, 4 * (max(y) - min(y)) ** 2 + max(psi)
    g = (math.sqrt(5) - 1) / 2
    a, b = hi - g * (hi - lo), lo + g * (hi - lo); fa, fb = negll(a, y, psi, X), negll(b, y, psi, X)
    for _ in range(200):
        if fa < fb:
            hi, b, fb = b, a, fa; a = hi - g * (hi - lo); fa = negll(a, y, psi, X)
        else:
            lo, a, fa = a, b, fb; b = lo + g * (hi - lo); fb = negll(b, y, psi, X)
    A = (lo + hi) / 2
    if negll(0.0, y, psi, X) <= negll(A, y, psi, X):
        A = 0.0
    return A

rows = read(OUT + "/shortage_sae.tsv")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from shortage_tables import read_joined  # noqa: E402
short = {(r["kommun"], r["ssyk"]): r for r in read_joined(OUT)}
bad = 0
def check(tag, got, want, tol):
    global bad
    if math.isnan(want) and math.isnan(got):
        return
    if not (abs(got - want) <= tol * max(1.0, abs(want))):
        bad += 1
        if bad <= 20:
            print(f"{tag}: stage {got!r}, expected {want!r}")

for kind in ("share", "rate"):
    cells = [r for r in rows if not math.isnan(num(r[kind + "_psi"]))]
    if len(cells) <= 4:
        continue
    y = [num(r[kind + "_direct"]) for r in cells]
    psi = [num(r[kind + "_psi"]) for r in cells]
    xrow = lambda r: [1.0, num(r["x_ads"]), num(r["x_jobseekers"]), num(r["x_days"])]
    X = [xrow(r) for r in cells]
    A = reml(y, psi, X)
    vi, M, beta = parts(A, y, psi, X)
    Q = inv(M)
    S2 = sum(v * v for v in vi)
    vbar = 2 / S2
    for r in rows:
        x = xrow(r)
        xb = sum(a * b for a, b in zip(x, beta))
        xqx = sum(x[a] * Q[a][b] * x[b] for a in range(4) for b in range(4))
        ps = num(r[kind + "_psi"])
        if kind == "rate" and not num(r["employed"]) > 0:
            theta = mse = math.nan      # no rate without employed
        elif math.isnan(ps):
            theta, mse = xb, A + xqx
        else:
            gam = A / (A + ps); B = 1 - gam
            theta = gam * num(r[kind + "_direct"]) + B * xb
            mse = gam * ps + B * B * xqx + 2 * B * B * vbar / (A + ps)
        tag = f'{r["kommun"]} {r["ssyk"]} {kind}'
        check(tag + "_model", num(r[kind + "_model"]), theta, 1e-5)
        check(tag + "_mse", num(r[kind + "_mse"]), mse, 1e-4)
        s = short[(r["kommun"], r["ssyk"])]
        if r["survey_source"] != "eblup":
            theta = math.nan    # only estimates resting on answers are published
        if kind == "share":
            check(tag + " published share", num(s["share_brist_model"]),
                  min(1.0, max(0.0, theta)) if not math.isnan(theta) else math.nan, 6e-5)
        else:
            E = num(s["employed"])
            want = max(0.0, theta * E) if not math.isnan(theta) else math.nan
            check(tag + " published planned", num(s["planned_hires_model"]), want, 0.006 + 1e-4 * E)
    print(f"{kind}: {len(cells)} cells, A = {A:.6g}")
print("sae check:", "ok" if bad == 0 else f"{bad} differences")
sys.exit(1 if bad else 0)
