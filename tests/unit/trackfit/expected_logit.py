#!/usr/bin/env python3
"""Independent expected values for tests/unit/trackfit/test_logit.c.

Python 3 standard library only. `python3 expected_logit.py --write-data`
regenerates logit_data.tsv (fixed seed); without arguments the script reads
logit_data.tsv, fits the logistic regression y ~ 1 + x1 + x2 + x3 by plain
Newton-Raphson (Gauss-Jordan elimination for the linear solves, no step
halving, convergence 1e-12), and prints the coefficients, their standard
errors (square roots of the diagonal of the inverse information matrix), the
AUC computed by comparing every (positive, negative) pair (ties count 1/2)
and the Brier score of the fitted probabilities. The numbers are pasted into
test_logit.c."""
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "logit_data.tsv")


def write_data():
    rng = random.Random(42)
    with open(DATA, "w") as f:
        f.write("y\tx1\tx2\tx3\n")
        for _ in range(80):
            x1 = rng.randint(0, 1)
            x2 = round(rng.gauss(0, 1), 3)
            x3 = rng.randint(1, 6)
            eta = -1.0 + 0.8 * x1 - 0.6 * x2 + 0.3 * x3
            y = 1 if rng.random() < 1 / (1 + math.exp(-eta)) else 0
            f.write("%d\t%d\t%.3f\t%d\n" % (y, x1, x2, x3))


def read_data():
    X, Y = [], []
    with open(DATA) as f:
        next(f)
        for line in f:
            y, x1, x2, x3 = line.split("\t")
            X.append([1.0, float(x1), float(x2), float(x3)])
            Y.append(float(y))
    return X, Y


def solve(A, b):
    n = len(A)
    M = [row[:] + [b[i]] for i, row in enumerate(A)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(M[r][c]))
        M[c], M[piv] = M[piv], M[c]
        for r in range(n):
            if r != c:
                f = M[r][c] / M[c][c]
                for k in range(c, n + 1):
                    M[r][k] -= f * M[c][k]
    return [M[i][n] / M[i][i] for i in range(n)]


def inverse(A):
    n = len(A)
    cols = [solve(A, [1.0 if i == j else 0.0 for i in range(n)]) for j in range(n)]
    return [[cols[j][i] for j in range(n)] for i in range(n)]


def sigmoid(t):
    return 1 / (1 + math.exp(-t))


def fit(X, Y):
    p = len(X[0])
    beta = [0.0] * p
    for _ in range(100):
        mu = [sigmoid(sum(b * x for b, x in zip(beta, row))) for row in X]
        g = [sum(row[a] * (y - m) for row, y, m in zip(X, Y, mu)) for a in range(p)]
        H = [[sum(m * (1 - m) * row[a] * row[b] for row, m in zip(X, mu)) for b in range(p)]
             for a in range(p)]
        step = solve(H, g)
        beta = [b + s for b, s in zip(beta, step)]
        if max(abs(s) for s in step) < 1e-12:
            break
    mu = [sigmoid(sum(b * x for b, x in zip(beta, row))) for row in X]
    H = [[sum(m * (1 - m) * row[a] * row[b] for row, m in zip(X, mu)) for b in range(p)] for a in range(p)]
    cov = inverse(H)
    return beta, [math.sqrt(cov[i][i]) for i in range(p)], mu


def auc_pairs(pred, y):
    pos = [p for p, t in zip(pred, y) if t == 1]
    neg = [p for p, t in zip(pred, y) if t == 0]
    s = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in pos for b in neg)
    return s / (len(pos) * len(neg))


def main():
    if "--write-data" in sys.argv:
        write_data()
        return
    X, Y = read_data()
    beta, se, mu = fit(X, Y)
    print("n", len(Y), "events", int(sum(Y)))
    print("beta", " ".join("%.12g" % b for b in beta))
    print("se", " ".join("%.12g" % s for s in se))
    print("auc", "%.12g" % auc_pairs(mu, Y))
    print("brier", "%.12g" % (sum((m - y) ** 2 for m, y in zip(mu, Y)) / len(Y)))
    # a hand-checkable AUC with ties: pred 0.1 0.4 0.4 0.8, y 0 0 1 1
    # pairs (pos,neg): (0.4,0.1)=1 (0.4,0.4)=0.5 (0.8,0.1)=1 (0.8,0.4)=1 -> 3.5/4
    print("auc_ties", auc_pairs([0.1, 0.4, 0.4, 0.8], [0, 0, 1, 1]))


if __name__ == "__main__":
    main()
