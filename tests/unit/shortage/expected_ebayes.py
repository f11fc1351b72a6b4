#!/usr/bin/python3
"""Expected values of tests/unit/shortage/test_ebayes.c (Poisson-gamma
empirical Bayes of stages/shortage/ebayes.c), computed independently from
the formulas of ebayes.h / docs/METHOD.md with the Python 3 standard
library only (no GSL): the regularised incomplete gamma by its series and
continued fraction (Abramowitz & Stegun 6.5.29, 6.5.31), quantiles by plain
bisection on x, digamma/trigamma by recurrence plus asymptotic series, and
E[log theta], Var[log theta] cross-checked by numerical integration.
Run it to print the values the test quotes."""
import math


def fit(O, e, m):
    """Marshall (1991) moment estimator with prior means m: returns
    (nu or None for 'no extra variation', used, rbar, phi)."""
    U = [(o, ei * mi) for o, ei, mi in zip(O, e, m) if ei > 0]
    k = len(U)
    sE = sum(E for _, E in U)
    rbar = sum(o for o, _ in U) / sE
    s2 = sum(E * (o / E - rbar) ** 2 for o, E in U) / sE
    phi = s2 - rbar / (sE / k)
    return (1 / phi if phi > 0 else None), k, rbar, phi


def gamma_P(a, x):
    """Regularised lower incomplete gamma P(a, x)."""
    if x <= 0:
        return 0.0
    lead = math.exp(a * math.log(x) - x - math.lgamma(a))
    if x < a + 1:  # series: P = lead * sum x^n / (a (a+1) ... (a+n))
        term = total = 1 / a
        n = 0
        while abs(term) > 1e-17 * abs(total):
            n += 1
            term *= x / (a + n)
            total += term
        return lead * total
    # Q by the continued fraction (modified Lentz), P = 1 - Q
    tiny = 1e-300
    b = x + 1 - a
    c, d = 1 / tiny, 1 / b
    h = d
    i = 1
    while True:
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        i += 1
        if abs(delta - 1) < 1e-16:
            break
    return 1 - lead * h


def gamma_quantile(p, shape, rate):
    """x with P(shape, rate x) = p, by bisection on x."""
    lo, hi = 0.0, 1.0
    while gamma_P(shape, hi) < p:
        hi *= 2
    for _ in range(300):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        if gamma_P(shape, mid) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2 / rate


def digamma(x):
    s = 0.0
    while x < 20:
        s -= 1 / x
        x += 1
    x2 = 1 / (x * x)
    return s + math.log(x) - 0.5 / x - x2 * (1 / 12 - x2 * (1 / 120 - x2 * (1 / 252 - x2 * (1 / 240 - x2 / 132))))


def trigamma(x):
    s = 0.0
    while x < 20:
        s += 1 / (x * x)
        x += 1
    x2 = 1 / (x * x)
    return s + 1 / x + x2 / 2 + x2 / x * (1 / 6 - x2 * (1 / 30 - x2 * (1 / 42 - x2 * (1 / 30 - x2 * 5 / 66))))


def log_moments_by_integration(a, b):
    """E and Var of log theta, theta ~ Gamma(a, rate b): u = log theta has
    density b^a / Gamma(a) exp(a u - b e^u); trapezoid rule on a wide grid
    (error decays exponentially for this smooth, fast-decaying integrand)."""
    c = a * math.log(b) - math.lgamma(a)
    mode = math.log(a / b)
    lo, hi, n = mode - 40 / math.sqrt(a) - 40, mode + 8, 200000
    h = (hi - lo) / n
    s0 = s1 = s2 = 0.0
    for i in range(n + 1):
        u = lo + i * h
        f = math.exp(c + a * u - b * math.exp(u)) * (0.5 if i in (0, n) else 1)
        s0 += f
        s1 += f * u
        s2 += f * u * u
    mean = s1 / s0
    return mean, s2 / s0 - mean * mean


def posterior(nu, O, e, m, conf):
    a, b = O + nu, e + nu / m
    alpha = (1 - conf) / 2
    return a / b, gamma_quantile(alpha, a, b), gamma_quantile(1 - alpha, a, b), a / b ** 2


def show(name, nu, O, e, m, conf):
    mean, lo, hi, var = posterior(nu, O, e, m, conf)
    a, b = O + nu, e + nu / m
    print(f"{name}: mean {mean!r} lo {lo!r} hi {hi!r} var {var!r}")
    print(f"    log mean {digamma(a) - math.log(b)!r} log var {trigamma(a)!r}")


# digamma/trigamma against known values and against integration
assert abs(digamma(1) + 0.5772156649015329) < 1e-15
assert abs(trigamma(1) - math.pi ** 2 / 6) < 1e-15
for a, b in [(9.0, 12.0), (0.7, 2.5), (46.3, 30.1)]:
    im, iv = log_moments_by_integration(a, b)
    assert abs(im - (digamma(a) - math.log(b))) < 1e-10, (a, b)
    assert abs(iv - trigamma(a)) < 1e-10, (a, b)
# quantiles: Gamma(1, 1) is Exp(1), Gamma(2, 1) has P = 1 - e^-x (1 + x)
assert abs(gamma_quantile(0.05, 1.0, 1.0) + math.log(0.95)) < 1e-15
x = gamma_quantile(0.9, 2.0, 1.0)
assert abs(1 - math.exp(-x) * (1 + x) - 0.9) < 1e-15

# Hand case: O = (1, 4, 7), e = (4, 4, 4, 0), m = 1 (4th unit: e = 0, prior)
nu, used, rbar, phi = fit([1, 4, 7, 0], [4, 4, 4, 0], [1, 1, 1, 1])
print("hand: nu", nu, "used", used, "rbar", rbar, "phi", phi)
show("hand unit 1", nu, 1, 4, 1, 0.95)
show("hand unit 4 (e = 0: the prior)", nu, 0, 0, 1, 0.90)

# Case B: 16 units, unequal m and e, unit 15 has e = 0
O = [0, 3, 12, 7, 25, 1, 9, 14, 2, 40, 5, 6, 18, 11, 4, 0]
e = [2.1, 4.0, 6.5, 3.2, 10.0, 1.5, 8.3, 5.0, 2.7, 20.4, 6.1, 3.3, 9.9, 12.0, 1.2, 0.0]
m = [0.8, 1.1, 1.3, 0.9, 1.2, 0.7, 1.0, 1.5, 0.6, 1.4, 0.9, 1.1, 1.0, 0.85, 1.25, 1.2]
nu, used, rbar, phi = fit(O, e, m)
print("B: nu", repr(nu), "used", used, "rbar", repr(rbar), "phi", repr(phi))
for i in (0, 4, 9, 15):
    show(f"B unit {i} conf 0.95", nu, O[i], e[i], m[i], 0.95)
show("B unit 2 conf 0.80", nu, O[2], e[2], m[2], 0.80)

# Extreme shapes (a fit given directly): the prior Gamma(0.05, rate 0.05),
# where GSL's gsl_cdf_gamma_Pinv fails, at conf 0.95
show("shape 0.05 prior", 0.05, 0, 0, 1, 0.95)
