#!/usr/bin/python3
"""table_split_check.py OLD NEW: proves the table split of issue 17.4 moved
columns and nothing else. OLD is an output folder written before the split
(one wide shortage.tsv), NEW one written after it (shortage.tsv,
shortage_survey.tsv, shortage_registry.tsv) from the same input. Joins the
rows by (kommun, area_type, ssyk), checks that the three new tables hold the
same rows in the same order as the old table, and that every column of the
new tables that the old one had is byte-identical on every row. Prints
which table each old column moved to, and the columns dropped; exit 0 if
every kept value is identical, 1 otherwise. The other tables of both
folders (shortage_indicators.tsv, shortage_sae.tsv, compare.tsv) must be
byte-identical too."""
import filecmp
import os
import sys

KEYS = ("kommun", "area_type", "ssyk")
NEW_TABLES = ("shortage.tsv", "shortage_survey.tsv", "shortage_registry.tsv")
SAME_TABLES = ("shortage_indicators.tsv", "shortage_sae.tsv", "compare.tsv")


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    assert lines[-1] == "", path + ": no final newline"
    header = lines[0].split("\t")
    rows = [line.split("\t") for line in lines[1:-1]]
    for r in rows:
        assert len(r) == len(header), path
    return header, rows


def main(old, new):
    errors = []
    oh, orows = read(os.path.join(old, "shortage.tsv"))
    okey = [tuple(r[oh.index(k)] for k in KEYS) for r in orows]
    where = {}
    for t in NEW_TABLES:
        h, rows = read(os.path.join(new, t))
        key = [tuple(r[h.index(k)] for k in KEYS) for r in rows]
        if key != okey:
            errors.append(f"{t}: not the rows of the old shortage.tsv in the same order")
            continue
        for j, c in enumerate(h):
            if c in KEYS and t != "shortage.tsv":
                continue
            if c in where:
                errors.append(f"{t}: column {c} also in {where[c]}")
            where[c] = t
            if c not in oh:
                print(f"new column {c} in {t}")
                continue
            i = oh.index(c)
            bad = sum(1 for a, b in zip(orows, rows) if a[i] != b[j])
            if bad:
                errors.append(f"{t}: column {c}: {bad} of {len(rows)} rows differ")
    moved = {t: [c for c in oh if where.get(c) == t] for t in NEW_TABLES}
    for t in NEW_TABLES:
        print(f"{t} ({len(moved[t])} columns): {' '.join(moved[t])}")
    dropped = [c for c in oh if c not in where]
    print(f"dropped ({len(dropped)}): {' '.join(dropped)}")
    for t in SAME_TABLES:
        a, b = os.path.join(old, t), os.path.join(new, t)
        if os.path.exists(a) and not filecmp.cmp(a, b, shallow=False):
            errors.append(f"{t}: differs")
    print(f"{len(orows)} rows compared")
    for e in errors:
        print("table_split_check: " + e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: table_split_check.py OLD NEW", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
