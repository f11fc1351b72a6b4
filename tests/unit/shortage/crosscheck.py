#!/usr/bin/env python3
"""Independent re-implementation (Python 3 standard library only) of the
survey and registry estimators of jobbspar-shortage, written from
docs/METHOD.md, not from the C code. Usage:

    crosscheck.py OUT KOMMUN[,KOMMUN...] [REFDIR]

Reads OUT/work/*.tsv, recomputes the weights and, for every area (reporting
municipalities, their counties L.., SE), the survey estimates (Horvitz-
Thompson totals, Hajek ratios, stratified linearisation variance with
finite-population correction over ALL respondents of the design with zeros
outside the domain, Wilson intervals on Kish's effective n) and the
registry indicators, and compares them with OUT/work/weights.tsv,
OUT/shortage.tsv and OUT/compare.tsv. Exit 0 if all agree, 1 otherwise."""
import csv
import math
import os
import statistics
import sys

OUT = sys.argv[1]
MUNIS = sys.argv[2].split(",")
REF = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), "../../../data/ref")
WORK = os.path.join(OUT, "work")
SIZES = ["1-9", "10-49", "50-249", "250+"]
BANDS = ["16-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69"]
EXIT5 = {"55-59": 0.10, "60-64": 0.60, "65-69": 1.00}
EXIT10 = {"50-54": 0.10, "55-59": 0.70, "60-64": 1.00, "65-69": 1.00}
MIN_PER_GROUP = 2
Z = statistics.NormalDist().inv_cdf(0.975)
REF_YEAR = 2024
errors = []


def table(name):
    with open(os.path.join(WORK, name), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def check(what, got, want, tol):
    if want is None or (isinstance(want, float) and math.isnan(want)):
        if got not in ("", None):
            errors.append(f"{what}: got {got}, want missing")
        return
    if got == "":
        errors.append(f"{what}: missing, want {want}")
        return
    if abs(float(got) - want) > tol:
        errors.append(f"{what}: got {got}, want {want:.10g}")


# ---- county of each kommun
lan_of = {}
with open(os.path.join(REF, "kommuner_sverige.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        lan_of[r["kommunkod"]] = r["lanskod"]
areas = {m: {m} for m in MUNIS}
for m in MUNIS:
    areas.setdefault("L" + lan_of[m], set())


def in_area(area, kommun):
    if area == "SE":
        return True
    if area.startswith("L"):
        return lan_of.get(kommun) == area[1:]
    return kommun == area


AREAS = sorted(list(areas) + ["SE"])

# ---- weights: collapsing rule of docs/METHOD.md
frame = table("frame.tsv")
resp = table("respondents.tsv")
r_h = {}
for r in resp:
    r_h[r["stratum"]] = r_h.get(r["stratum"], 0) + 1
strata = {f["stratum"]: dict(k=f["kommun"], sec=f["sni_section"], size=SIZES.index(f["size_class"]),
                             N=float(f["workplaces"]), n=int(f["sampled"]), r=r_h.get(f["stratum"], 0))
          for f in frame}
group = {s: s for s in strata}  # stratum -> group label


def members(label):
    return [s for s in strata if group[s] == label]


def gr(label):
    return sum(strata[s]["r"] for s in members(label))


def relabel(old, new):
    for s in strata:
        if group[s] == old:
            group[s] = new


for k in sorted({v["k"] for v in strata.values()}):
    for sec in sorted({v["sec"] for v in strata.values() if v["k"] == k}):
        while True:
            ss = sorted([s for s in strata if strata[s]["k"] == k and strata[s]["sec"] == sec],
                        key=lambda s: (strata[s]["size"], s))
            labels = []
            for s in ss:
                if group[s] not in labels:
                    labels.append(group[s])
            if len(labels) < 2:
                break
            thin = [i for i, g in enumerate(labels) if gr(g) < MIN_PER_GROUP]
            if not thin:
                break
            i = thin[0]
            j = i + 1 if i + 1 < len(labels) else i - 1
            relabel(labels[i], labels[j])
    # step 2
    ss = sorted([s for s in strata if strata[s]["k"] == k],
                key=lambda s: (strata[s]["sec"], strata[s]["size"], s))
    pool = None
    for s in ss:
        g = group[s]
        if g == pool or gr(g) >= MIN_PER_GROUP:
            continue
        if pool is None:
            pool = g
        else:
            relabel(g, pool)
    if pool is not None and gr(pool) < MIN_PER_GROUP:
        best, best_r = None, -1
        for s in ss:
            g = group[s]
            if g != pool and gr(g) > best_r:
                best, best_r = g, gr(g)
        if best is not None:
            relabel(pool, best)

G = {}
for s in strata:
    g = G.setdefault(group[s], dict(N=0.0, r=0, srd=0.0))
    g["N"] += strata[s]["N"]
    g["r"] += strata[s]["r"]
    if strata[s]["r"]:
        n = max(strata[s]["n"], strata[s]["r"])
        g["srd"] += strata[s]["r"] * strata[s]["N"] / n
unit = {}
for r in resp:
    s = strata[r["stratum"]]
    d = s["N"] / max(s["n"], s["r"])
    g = G[group[r["stratum"]]]
    unit[r["response_id"]] = dict(k=r["kommun"], g=group[r["stratum"]], w=d * g["N"] / g["srd"], d=d)
for row in table("weights.tsv"):
    u = unit[row["response_id"]]
    check(f"weights {row['response_id']} final_weight", row["final_weight"], u["w"], 1e-6)
    check(f"weights {row['response_id']} design_weight", row["design_weight"], u["d"], 1e-6)
    used = set(row["stratum_used"].split("|"))
    if used != set(members(u["g"])):
        errors.append(f"weights {row['response_id']}: stratum_used {row['stratum_used']}, "
                      f"want {'|'.join(sorted(members(u['g'])))}")

# ---- survey estimates
occ = {}
for o in table("occupations.tsv"):
    occ.setdefault(o["ssyk"], {})[o["response_id"]] = o


def strat_var(z):
    """z: response_id -> linearised value for every respondent."""
    v = 0.0
    for gl, g in G.items():
        zs = [z[u] for u in unit if unit[u]["g"] == gl]
        rg = len(zs)
        if rg < 2:
            continue
        m = sum(zs) / rg
        v += (1 - rg / g["N"]) * rg / (rg - 1) * sum((x - m) ** 2 for x in zs)
    return v


def total(y):
    return sum(unit[u]["w"] * y[u] for u in unit), strat_var({u: unit[u]["w"] * y[u] for u in unit})


def ratio(a, b):
    den = sum(unit[u]["w"] * b[u] for u in unit)
    if den == 0:
        return float("nan"), float("nan")
    R = sum(unit[u]["w"] * a[u] for u in unit) / den
    return R, strat_var({u: unit[u]["w"] * (a[u] - R * b[u]) / den for u in unit})


def wilson(p, n):
    c = Z * Z / n
    mid = (p + c / 2) / (1 + c)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + c)
    return max(0.0, mid - half), min(1.0, mid + half)


survey = {}
for area in AREAS:
    for ssyk, rows in occ.items():
        dom = {u: (rows.get(u) if in_area(area, unit[u]["k"]) else None) for u in unit}
        n = sum(1 for v in dom.values() if v)
        if n == 0:
            continue
        e = {"n": n}
        e["planned"] = total({u: float(v["planned_hires_12m"]) if v else 0.0 for u, v in dom.items()})
        has = {u: 1.0 if v and v["recruitment_situation"] else 0.0 for u, v in dom.items()}
        for cat in ("brist", "balans", "god"):
            e[cat] = ratio({u: 1.0 if v and v["recruitment_situation"] == cat else 0.0 for u, v in dom.items()}, has)
        e["n_sit"] = int(sum(has.values()))
        e["balance"] = ratio({u: 100.0 * ((v["recruitment_situation"] == "brist") - (v["recruitment_situation"] == "god"))
                              if v else 0.0 for u, v in dom.items()}, has)
        val = {"öka": 1, "oförändrad": 0, "minska": -1}
        for col in ("change_1y", "change_3y"):
            e[col] = ratio({u: 100.0 * val[v[col]] if v and v[col] else 0.0 for u, v in dom.items()},
                           {u: 1.0 if v and v[col] else 0.0 for u, v in dom.items()})
        survey[(area, ssyk)] = e

# ---- registry
YEAR = REF_YEAR
emp_rows = table("employment.tsv")
YEAR = min(YEAR, max(int(r["year"]) for r in emp_rows))
EY = sorted({int(r["year"]) for r in emp_rows if int(r["year"]) <= YEAR})
EY = list(range(EY[0], YEAR + 1))
vac_rows = table("vacancies.tsv")
VY = list(range(min(int(r["year"]) for r in vac_rows), YEAR + 1))
js_rows = table("jobseekers.tsv")


def ols(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    a = my - b * mx
    if n < 3:
        return b, float("nan")
    s2 = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys)) / (n - 2)
    return b, math.sqrt(s2 / sxx)


reg = {}
for area in AREAS:
    keys = set()
    emp = {}
    band = {}
    for r in emp_rows:
        if in_area(area, r["kommun"]) and int(r["year"]) <= YEAR:
            key = r["ssyk"]
            keys.add(key)
            emp[(key, int(r["year"]))] = emp.get((key, int(r["year"])), 0) + float(r["employed"])
            if int(r["year"]) == YEAR:
                band[(key, r["age"])] = band.get((key, r["age"]), 0) + float(r["employed"])
    vac, days, pos = {}, {}, {}
    for r in vac_rows:
        if in_area(area, r["kommun"]) and int(r["year"]) <= YEAR:
            keys.add(r["ssyk"])
            vac[(r["ssyk"], int(r["year"]))] = vac.get((r["ssyk"], int(r["year"])), 0) + float(r["vacancies"])
            if int(r["year"]) == YEAR:
                days.setdefault(r["ssyk"], []).append(float(r["days_open"]))
                pos[r["ssyk"]] = pos.get(r["ssyk"], 0) + float(r["vacancies"])
    jsn = {}
    for r in js_rows:
        if in_area(area, r["kommun"]):
            codes = set([r["ssyk_experience"]] if r["ssyk_experience"] else [])
            codes |= set(c for c in r["ssyk_wanted"].split("|") if c)
            for c in codes:
                jsn[c] = jsn.get(c, 0) + 1
                keys.add(c)
    for (a2, s) in survey:
        if a2 == area:
            keys.add(s)
    for s in keys:
        e_last = emp.get((s, YEAR), 0.0)
        slope, _ = ols(EY, [emp.get((s, y), 0.0) for y in EY]) if len(EY) >= 2 else (float("nan"), 0)
        repl5 = sum(band.get((s, b), 0.0) * EXIT5.get(b, 0) for b in BANDS)
        repl10 = sum(band.get((s, b), 0.0) * EXIT10.get(b, 0) for b in BANDS)
        exp5 = 5 * slope if not math.isnan(slope) else 0.0
        vt, vse = ols(VY, [vac.get((s, y), 0.0) for y in VY]) if len(VY) >= 2 else (float("nan"),) * 2
        reg[(area, s)] = dict(employed=e_last, employed_first=emp.get((s, EY[0]), 0.0),
                              jobseekers=jsn.get(s, 0), vacancies=pos.get(s, 0.0),
                              median=statistics.median(days[s]) if s in days else float("nan"),
                              repl5=repl5, repl10=repl10, open5=max(0.0, exp5) + repl5,
                              vtrend=vt, vtrend_se=vse)

# ---- compare with shortage.tsv
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sh"))
from shortage_tables import read_joined  # noqa: E402
out = read_joined(OUT)
seen = set()
for row in out:
    key = (row["kommun"], row["ssyk"])
    seen.add(key)
    tag = f"shortage {key[0]} {key[1]}"
    g = reg.get(key)
    if g is None:
        errors.append(f"{tag}: row not expected")
        continue
    check(tag + " employed", row["employed"], g["employed"], 0.5)
    check(tag + " employed_first", row["employed_first"], g["employed_first"], 0.5)
    check(tag + " jobseekers", row["jobseekers"], g["jobseekers"], 0.5)
    check(tag + " vacancies", row["vacancies"], g["vacancies"], 0.5)
    check(tag + " median_days_open", row["median_days_open"], g["median"], 0.051)
    check(tag + " replacement_5y", row["replacement_5y"], g["repl5"], 0.051)
    check(tag + " replacement_10y", row["replacement_10y"], g["repl10"], 0.051)
    check(tag + " openings_5y", row["openings_5y"], g["open5"], 0.051)
    check(tag + " vacancy_trend", row["vacancy_trend"], g["vtrend"], 0.0006)
    check(tag + " vacancy_trend_se", row["vacancy_trend_se"], g["vtrend_se"], 0.0006)
    if g["employed"] > 0:
        check(tag + " jobseekers_per_1000", row["jobseekers_per_1000"], 1000 * g["jobseekers"] / g["employed"], 0.051)
    e = survey.get(key)
    if e is None:
        check(tag + " n_respondents", row["n_respondents"], 0, 0)
        check(tag + " planned_hires", row["planned_hires"], None, 0)
        continue
    check(tag + " n_respondents", row["n_respondents"], e["n"], 0)
    t, v = e["planned"]
    check(tag + " planned_hires", row["planned_hires"], t, 0.0051)
    check(tag + " planned_hires_se", row["planned_hires_se"], math.sqrt(v), 0.0051)
    check(tag + " planned_hires_lo", row["planned_hires_lo"], max(0.0, t - Z * math.sqrt(v)), 0.0051)
    check(tag + " planned_hires_hi", row["planned_hires_hi"], t + Z * math.sqrt(v), 0.0051)
    for cat in ("brist", "balans", "god"):
        p, v = e[cat]
        neff = p * (1 - p) / v if v > 0 and 0 < p < 1 else e["n_sit"]
        lo, hi = wilson(p, neff)
        check(f"{tag} share_{cat}", row[f"share_{cat}"], p, 0.00006)
        check(f"{tag} share_{cat}_lo", row[f"share_{cat}_lo"], lo, 0.00006)
        check(f"{tag} share_{cat}_hi", row[f"share_{cat}_hi"], hi, 0.00006)
        if cat == "brist":
            check(tag + " share_brist_se", row["share_brist_se"], math.sqrt(v), 0.00006)
    b, v = e["balance"]
    check(tag + " balance", row["balance"], b, 0.0051)
    check(tag + " balance_se", row["balance_se"], math.sqrt(v), 0.0051)
    for col, name in (("change_1y", "net_change_1y"), ("change_3y", "net_change_3y")):
        b, v = e[col]
        check(f"{tag} {name}", row[name], b, 0.0051)
        check(f"{tag} {name}_se", row[name + "_se"], math.sqrt(v), 0.0051)
for key in reg:
    if key not in seen:
        errors.append(f"shortage {key}: row missing")

# ---- compare.tsv: z-tests between reporting municipalities
with open(os.path.join(OUT, "compare.tsv"), encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
        a, b = survey[(row["kommun_a"], row["ssyk"])], survey[(row["kommun_b"], row["ssyk"])]
        (pa, va), (pb, vb) = a["brist"], b["brist"]
        sd = math.sqrt(va + vb)
        tag = f"compare {row['ssyk']} {row['kommun_a']}-{row['kommun_b']}"
        check(tag + " diff", row["diff"], pa - pb, 0.00006)
        if sd > 0:
            zz = (pa - pb) / sd
            check(tag + " z", row["z"], zz, 0.0006)
            check(tag + " p_value", row["p_value"], 2 * (1 - statistics.NormalDist().cdf(abs(zz))), 0.00006)

for e in errors:
    print(e)
print(f"crosscheck: {len(out)} rows, {len(survey)} survey estimates, {len(errors)} differences")
sys.exit(1 if errors else 0)
