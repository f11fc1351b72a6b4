#!/usr/bin/python3
"""Expected values of tests/unit/shortage/test_fayherriot.c, computed
independently of stages/shortage/fayherriot.c (Python 3 + numpy).

Run:  /usr/bin/python3 tests/unit/shortage/expected_fayherriot.py
and paste the printed numbers (15 significant digits) into the C test.

How this differs from the C code, so that an error in one shows up as a
disagreement rather than being copied:
- REML: the C code runs Fisher scoring with the reduced p x p trace
  formulas. Here the restricted log-likelihood
      l_R(A) = -1/2 [log|V| + log|X'V^-1 X| + y'P y]
  is written down directly with dense m x m matrices, its derivative is
  taken by the complex-step method (Im l_R(A + ih) / h, exact to rounding,
  no score formula involved) and the root of that derivative is found by
  bisection to the last bit. A golden-section maximisation of l_R itself
  is printed beside it as a sanity check (agrees to ~1e-7, the accuracy a
  function-value search can reach).
- FH moment: beta~(A) by numpy least squares on sqrt(w)-scaled rows
  (not normal equations), then bisection on
      sum (y_i - x_i' beta~)^2 / (A + psi_i) - (m - p).
- MSE: Prasad-Rao (REML) and Datta-Rao-Smith (FH moment) formulas as
  printed in Rao & Molina (2015), sec. 6.2.1, written with numpy arrays:
      g1 = A psi / (A + psi)            g2 = B^2 x' Q x,  Q = (X'V^-1X)^-1
      g3 = B^2 Vbar / (A + psi)         B  = psi / (A + psi) = 1 - gamma
      REML: Vbar = 2 / sum (A+psi_j)^-2,          mse = g1 + g2 + 2 g3
      FH:   Vbar = 2 m / (sum (A+psi_j)^-1)^2,    mse = g1 + g2 + 2 g3 - B^2 b
            b = 2 [m sum (A+psi_j)^-2 - (sum (A+psi_j)^-1)^2] / (sum (A+psi_j)^-1)^3
  Out of sample: theta = x' beta~, mse = A + x' Q x.
The same fixtures are recomputed in base R by expected_fayherriot.R.
"""
import numpy as np

# --- fixture 2: unequal psi, intercept + one covariate, m = 10 ---------------
X2 = np.array([1.2, 2.0, 2.9, 3.5, 4.1, 5.0, 5.8, 6.4, 7.7, 8.3])
PSI2 = np.array([0.8, 1.5, 0.4, 2.2, 0.9, 1.1, 0.3, 1.8, 0.6, 1.3])
Y2 = np.array([2.9, 1.6, 3.8, 5.9, 3.2, 4.4, 6.3, 3.9, 7.1, 5.2])
# --- fixture 3: same design, y almost on a line: A truncated at 0 -------------
Y3 = np.array([1.7, 1.9, 2.6, 2.5, 3.1, 3.4, 3.9, 4.1, 4.9, 5.2])
# out-of-sample covariate for the synthetic estimate
X_NEW = 6.0


def design(x):
    return np.column_stack([np.ones_like(x), x])


def reml_loglik(A, y, psi, X):
    """Restricted log-likelihood without constants; A may be complex."""
    v = A + psi
    vi = 1.0 / v
    M = X.T @ (vi[:, None] * X)
    P = np.diag(vi) - (vi[:, None] * X) @ np.linalg.solve(M, X.T * vi)
    return -0.5 * (np.sum(np.log(v)) + np.log(np.linalg.det(M)) + y @ P @ y)


def reml_score(A, y, psi, X):
    h = 1e-20
    return np.imag(reml_loglik(A + 1j * h, y, psi, X)) / h


def bisect_decreasing(f, hi0):
    """Root of f, positive at 0 and eventually negative; 0 if f(0) <= 0."""
    if f(0.0) <= 0:
        return 0.0
    lo, hi = 0.0, hi0
    while f(hi) > 0:
        lo, hi = hi, 2 * hi
    while True:
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            return mid
        if f(mid) > 0:
            lo = mid
        else:
            hi = mid


def golden_max(f, lo, hi):
    g = (np.sqrt(5) - 1) / 2
    a, b = lo, hi
    for _ in range(200):
        c, d = b - g * (b - a), a + g * (b - a)
        if f(c) > f(d):
            b = d
        else:
            a = c
    return 0.5 * (a + b)


def gls(A, y, psi, X):
    s = 1.0 / np.sqrt(A + psi)
    beta = np.linalg.lstsq(X * s[:, None], y * s, rcond=None)[0]
    return beta


def fh_moment(y, psi, X):
    m, p = X.shape
    f = lambda A: np.sum((y - X @ gls(A, y, psi, X)) ** 2 / (A + psi)) - (m - p)
    return bisect_decreasing(f, float(np.median(psi)))


def reml(y, psi, X):
    return bisect_decreasing(lambda A: reml_score(A, y, psi, X), float(np.median(psi)))


def eblup_mse(A, y, psi, X, method):
    m = len(y)
    beta = gls(A, y, psi, X)
    Q = np.linalg.inv(X.T @ (X / (A + psi)[:, None]))
    gamma = A / (A + psi)
    B = psi / (A + psi)
    theta = gamma * y + B * (X @ beta)
    s1 = np.sum(1 / (A + psi))
    s2 = np.sum(1 / (A + psi) ** 2)
    g1 = A * psi / (A + psi)
    g2 = B ** 2 * np.einsum("ij,jk,ik->i", X, Q, X)
    if method == "REML":
        vbar, b = 2 / s2, 0.0
    else:
        vbar, b = 2 * m / s1 ** 2, 2 * (m * s2 - s1 ** 2) / s1 ** 3
    g3 = B ** 2 * vbar / (A + psi)
    mse = g1 + g2 + 2 * g3 - B ** 2 * b
    return beta, Q, gamma, theta, mse


def show(label, y, psi, X):
    for method in ("REML", "FH"):
        A = reml(y, psi, X) if method == "REML" else fh_moment(y, psi, X)
        beta, Q, gamma, theta, mse = eblup_mse(A, y, psi, X, method)
        print(f"{label} {method}")
        print(f"  A        {A:.15g}")
        if method == "REML" and A > 0:
            Ag = golden_max(lambda a: reml_loglik(a, y, psi, X), 0.0, 4 * A)
            print(f"  (golden-section max of l_R: {Ag:.10g})")
        print("  beta     " + ", ".join(f"{v:.15g}" for v in beta))
        print("  beta_cov " + ", ".join(f"{v:.15g}" for v in Q.ravel()))
        print("  gamma    " + ", ".join(f"{v:.15g}" for v in gamma))
        print("  theta    " + ", ".join(f"{v:.15g}" for v in theta))
        print("  mse      " + ", ".join(f"{v:.15g}" for v in mse))
        xn = np.array([1.0, X_NEW])[: X.shape[1]]
        print(f"  synthetic x={xn}: theta {xn @ beta:.15g} mse {A + xn @ Q @ xn:.15g}")


# fixture 1 (hand-checked in the C test): intercept only, equal psi = 0.5
Y1 = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
show("fixture1 psi=0.5", Y1, np.full(5, 0.5), np.ones((5, 1)))
show("fixture1 psi=3", Y1, np.full(5, 3.0), np.ones((5, 1)))
show("fixture2", Y2, PSI2, design(X2))
show("fixture3", Y3, PSI2, design(X2))
