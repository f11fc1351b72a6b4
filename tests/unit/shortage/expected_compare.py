#!/usr/bin/env python3
"""Expected values of tests/unit/shortage/test_compare.c, computed
independently with Python's statistics.NormalDist (standard library).
Run it to print them; the test quotes these numbers."""
import math
from statistics import NormalDist


def two_sided(pa, va, pb, vb):
    se = math.sqrt(va + vb)
    z = (pa - pb) / se
    return se, z, 2 * (1 - NormalDist().cdf(abs(z)))


print("normal 0.6/0.0025 vs 0.45/0.0016", two_sided(0.6, 0.0025, 0.45, 0.0016))
print("one side 0: 1.0/0 vs 0.8/0.01", two_sided(1.0, 0.0, 0.8, 0.01))
print("balance 35/64 vs -10/36", two_sided(35.0, 64.0, -10.0, 36.0))
