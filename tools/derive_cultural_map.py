#!/usr/bin/env python3
"""Derives culturalign's reference positions on the Inglehart-Welzel cultural map.

Reads ../shared/data/cultural_map/ivs_country_positions_2005plus.csv (keyed by ISO 3166-1 numeric code) and
Debian's iso-codes table (/usr/share/iso-codes/json/iso_3166-1.json) and writes the project's own file
culturalign-run/src/main/resources/org/culturalign/report/cultural_map_positions.csv: numbers only
(alpha-3 code, x = survival -> self-expression, y = traditional -> secular-rational, cultural zone), sorted by code.
Usage: tools/derive_cultural_map.py [SHARED_DIR]
"""
import csv, json, sys, os

shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared')
src = os.path.join(shared, 'data', 'cultural_map', 'ivs_country_positions_2005plus.csv')
iso = {int(c['numeric']): c['alpha_3'] for c in json.load(open('/usr/share/iso-codes/json/iso_3166-1.json'))['3166-1']}
rows = []
with open(src, newline='') as f:
    for r in csv.DictReader(f):
        num = int(r['country_code'])
        if num not in iso:
            # WVS-specific units (197, 909 Northern Ireland, 915 Kosovo) have no ISO 3166-1 code: left out
            print(f'skipped {num} {r["country"]}: not an ISO 3166-1 numeric code', file=sys.stderr)
            continue
        rows.append((iso[num], float(r['pc1_survival_selfexpr']), float(r['pc2_traditional_secular']),
                     r['cultural_region'].strip()))
rows.sort()
out = os.path.join(os.path.dirname(__file__), '..', 'culturalign-run', 'src', 'main', 'resources', 'org',
                   'culturalign', 'report', 'cultural_map_positions.csv')
with open(out, 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['country', 'self_expression', 'secular_rational', 'zone'])
    for a, x, y, z in rows:
        w.writerow([a, f'{x:.4f}', f'{y:.4f}', z])
print(f'{len(rows)} countries -> {out}')
