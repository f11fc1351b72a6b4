#!/usr/bin/env python3
"""Writes a synthetic JobTech historical-ads file (JSON lines, the field
layout of tests/fixtures/import/make_jobtech_fixtures.py) of about SIZE bytes,
for bench/import.sh. Deterministic: the same SIZE and seed give the same
file. Usage: gen_jobtech_ads.py SIZE_BYTES OUT [REFDIR]"""
import json, os, random, sys

size, out = int(sys.argv[1]), sys.argv[2]
refdir = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), "..", "data", "ref")
rng = random.Random(20261123)
kommuner = [l.split(",")[:2] for l in open(os.path.join(refdir, "kommuner_sverige.csv"), encoding="utf-8")][1:]
groups = [l.split(",")[-1].strip() for l in open(os.path.join(refdir, "ssyk2012_scb_level4.csv"), encoding="utf-8")][1:]
groups = sorted(set(g for g in groups if len(g) == 4 and g.isdigit()))
words = ("vi söker en erfaren kock till vår restaurang i centrum arbetet innebär matlagning beställningar "
         "och ansvar för kök hygien och personal du har utbildning inom området och talar svenska").split()

def luhn(d9):
    s = 0
    for i, c in enumerate(d9):
        v = int(c) * (2 if i % 2 == 0 else 1)
        s += v - 9 if v > 9 else v
    return d9 + str((10 - s % 10) % 10)

written = 0
n = 0
with open(out, "w", encoding="utf-8") as f:
    while written < size:
        n += 1
        kod, namn = rng.choice(kommuner)
        day = rng.randrange(365)
        month, mday = 1 + day // 31 % 12, 1 + day % 28
        pub = f"2024-{month:02d}-{mday:02d}T08:00:00"
        last = f"2024-{min(12, month + 1):02d}-{mday:02d}T23:59:59"
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(200, 600)))
        missing_code = rng.random() < 0.15
        ad = {
            "id": str(30000000 + n), "external_id": None, "original_id": None, "label": None,
            "webpage_url": f"https://arbetsformedlingen.se/platsbanken/annonser/{30000000 + n}",
            "headline": "Kock sökes", "application_deadline": last,
            "number_of_vacancies": None if rng.random() < 0.1 else rng.randrange(1, 5),
            "description": {"text": text, "text_formatted": "<p>" + text + "</p>", "company_information": None,
                            "needs": None, "requirements": None, "conditions": "Heltid"},
            "employment_type": {"concept_id": "PFZr_Syz_cUq", "label": "Vanlig anställning", "legacy_ams_taxonomy_id": "1"},
            "employer": {"organization_number": luhn(f"55{rng.randrange(10**7):07d}"), "name": "Företaget AB",
                         "workplace": "Företaget"},
            "occupation": {"concept_id": "x", "label": "Yrke", "legacy_ams_taxonomy_id": str(rng.randrange(1, 9999))},
            "occupation_group": {"concept_id": "x", "label": "Grupp", "legacy_ams_taxonomy_id": rng.choice(groups)},
            "workplace_address": {"municipality": namn, "municipality_code": None if missing_code else kod,
                                  "region": None, "region_code": None, "country": "Sverige", "country_code": "199",
                                  "coordinates": [16.18, 58.59]},
            "must_have": {"skills": [], "languages": [], "work_experiences": []},
            "publication_date": pub, "last_publication_date": last, "removed": False, "removed_date": None,
            "source_type": "VIA_AF_FORMULAR", "timestamp": 1706745600000 + n,
        }
        line = json.dumps(ad, ensure_ascii=False) + "\n"
        f.write(line)
        written += len(line.encode("utf-8"))
print(f"{out}: {n} ads, {written} bytes", file=sys.stderr)
