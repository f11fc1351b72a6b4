#!/usr/bin/python3
"""Expected values of tests/unit/shortage/test_winsor.c (Kokic-Bell type II
winsorisation of stages/shortage/winsor.c), computed independently from the
rule in winsor.h / docs/METHOD.md with the Python 3 standard library: the
constant L by bisection on L - sum_i max(0, d_i - L) (the C code uses
Newton steps instead), the cutoffs and values by the formulas. Also checks
that the winsorised total is the plain total minus L.
Run it to print the values the test quotes."""


def kb_constant(y, w, mu):
    d = [(wi - 1) * (yi - mi) if wi > 1 else 0.0 for yi, wi, mi in zip(y, w, mu)]
    lo, hi = 0.0, sum(x for x in d if x > 0)
    for _ in range(400):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        if mid - sum(max(0.0, x - mid) for x in d) < 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def winsorise(y, w, mu=None):
    if mu is None:
        mbar = sum(a * b for a, b in zip(y, w)) / sum(w)
        mu = [mbar] * len(y)
    L = kb_constant(y, w, mu)
    out, K = [], []
    for yi, wi, mi in zip(y, w, mu):
        k = mi + L / (wi - 1) if wi > 1 else float("inf")
        K.append(k)
        out.append(k + (yi - k) / wi if yi > k else yi)
    T = sum(a * b for a, b in zip(y, w))
    Tw = sum(a * b for a, b in zip(out, w))
    assert abs((T - Tw) - L) <= 1e-9 * T, (T, Tw, L)
    return L, K, out


def show(name, y, w, mu=None):
    L, K, out = winsorise(y, w, mu)
    print(f"{name}: L {L!r}")
    for i, (yi, ki, oi) in enumerate(zip(y, K, out)):
        if oi != yi:
            print(f"    unit {i}: y {yi} K {ki!r} y* {oi!r}")


# Hand case: y = (1, 2, 3, 30), w = 5, mu = weighted mean 9;
# d = 4 (y - 9) = (-32, -28, -24, 84); L = 84 / 2 = 42; K = 9 + 42/4 = 19.5;
# y4* = 19.5 + 10.5/5 = 21.6; total 180 -> 138 = 180 - 42.
show("hand", [1, 2, 3, 30], [5, 5, 5, 5])

# Case P: three strata; mu = the stratum means (given); stratum C is
# take-all (w = 1).
yA, yB, yC = [0, 2, 3, 5, 1, 148], [10, 0, 7, 60, 4], [300, 120]
y = yA + yB + yC
w = [4.0] * 6 + [12.5] * 5 + [1.0] * 2
mu = [sum(yA) / 6] * 6 + [sum(yB) / 5] * 5 + [sum(yC) / 2] * 2
print("P mu", mu[0], mu[6], mu[11])
show("P (stratum means)", y, w, mu)

# Case Q: unequal weights, mu = NULL (the weighted mean of all units)
show("Q (weighted mean)", [3, 0, 12, 1, 60, 5, 2, 9], [2.5, 2.5, 7, 7, 7, 1, 1.2, 3])
