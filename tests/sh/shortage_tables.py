#!/usr/bin/env python3
"""The tables jobbspar-shortage writes side by side (pipeline/shortage_tables.h):
shortage.tsv (the verdict contract), shortage_survey.tsv and
shortage_registry.tsv hold the same rows in the same order, keyed by kommun,
area_type and ssyk. read_joined(OUT) gives each row as one dict of the
columns of all three (checking that the keys agree), as the stages' joined
reader does; `shortage_tables.py OUT` prints that joined table as TSV for
shell tests (a folder from before the split: its one shortage.tsv).
write_split(OUT, rows) writes rows (dicts) as the three tables with exactly
the columns pipeline/shortage_tables.c declares (declared(): from
`jobbspar-config --list-tables`), as the test fixtures' make_fixture.py do."""
import os
import subprocess
import sys

KEYS = ("kommun", "area_type", "ssyk")
TABLES = ("shortage.tsv", "shortage_survey.tsv", "shortage_registry.tsv")
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def declared():
    """{table: [column, ...]} in the declared order, from `jobbspar-config
    --list-tables` of $JOBBSPAR_BIN or else this tree's bin/ (make first)."""
    exe = os.path.join(os.environ.get("JOBBSPAR_BIN") or os.path.join(ROOT, "bin"), "jobbspar-config")
    if not os.access(exe, os.X_OK):
        raise SystemExit(f"{exe}: not found; run make first (it lists the declared shortage tables)")
    text = subprocess.run([exe, "--list-tables"], check=True, stdout=subprocess.PIPE,
                          encoding="utf-8").stdout
    cols = {}
    for line in text.splitlines():
        table, column = line.split("\t")[:2]
        cols.setdefault(table, []).append(column)
    return cols


def write_split(out, rows):
    """Writes ROWS (dicts, one per area and occupation, in the order wanted) as
    OUT/shortage.tsv, shortage_survey.tsv and shortage_registry.tsv: each with
    exactly its declared columns, in the declared order; a column a row has no
    value for (absent or None) is left empty. A key no table declares is an
    error, so no undeclared column is dropped unnoticed."""
    cols = declared()
    known = set()
    for t in TABLES:
        known.update(cols[t])
    for n, r in enumerate(rows):
        extra = sorted(set(r) - known)
        if extra:
            raise ValueError(f"row {n + 1}: columns no shortage table declares: {', '.join(extra)}")
    os.makedirs(out, exist_ok=True)
    for t in TABLES:
        with open(os.path.join(out, t), "w", encoding="utf-8", newline="\n") as f:
            f.write("\t".join(cols[t]) + "\n")
            for r in rows:
                f.write("\t".join("" if r.get(c) is None else str(r[c]) for c in cols[t]) + "\n")


def _read(path):
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = lines[0].split("\t")
    return header, [line.split("\t") for line in lines[1:]]


def read_joined_columns(out):
    """(header, rows as lists) of the three tables joined."""
    header, rows = _read(os.path.join(out, TABLES[0]))
    for t in TABLES[1:]:
        path = os.path.join(out, t)
        if not os.path.exists(path):
            continue
        h, side = _read(path)
        if len(side) != len(rows):
            raise ValueError(f"{path}: {len(side)} rows, {TABLES[0]} has {len(rows)}")
        ki = [header.index(k) for k in KEYS]
        kj = [h.index(k) for k in KEYS]
        take = [j for j, c in enumerate(h) if c not in KEYS]
        for n, (a, b) in enumerate(zip(rows, side)):
            if [a[i] for i in ki] != [b[j] for j in kj]:
                raise ValueError(f"{path}:{n + 2}: not the row of {TABLES[0]}")
            a.extend(b[j] for j in take)
        header = header + [h[j] for j in take]
    return header, rows


def read_joined(out):
    header, rows = read_joined_columns(out)
    return [dict(zip(header, r)) for r in rows]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: shortage_tables.py OUT", file=sys.stderr)
        sys.exit(2)
    h, rows = read_joined_columns(sys.argv[1])
    sys.stdout.write("\t".join(h) + "\n")
    for r in rows:
        sys.stdout.write("\t".join(r) + "\n")
