#!/usr/bin/env python3
"""Re-derives the bundled WVS-7 sample's catalog and figures from the shared reference files.

Writes, under culturalign-core/src/main/resources/org/culturalign/survey/wvs7/:
  questions.json  item catalog: category, scale (codes, ordinal/nominal), recodes, battery (no texts)
  shares.json     per-country answer shares of every bundled item (numbers only)
The texts (texts/<language>.json) and NOTICE.md are written by hand and are not touched.

Rules (documented in NOTICE.md):
  - scale codes: the codebook's non-negative codes, minus the codes the answer-adjustment list drops
  - ordinal/nominal: question_metadata_wvs7.json; Q154/Q155 (no metadata) are nominal
  - shares: 19-country file for its 19 countries; 12-country file for IRQ JOR BGD GRC KOR ARG TUR;
    n from the 12-country file wherever it covers the cell (both files agree there);
    codes outside the scale (dropped by a recode) are removed, then shares renormalised over the rest
    and rounded to 5 decimals.

Usage: python3 tools/derive_wvs7_sample.py [path/to/shared/data/wvs7]
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "culturalign-core/src/main/resources/org/culturalign/survey/wvs7")
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(ROOT), "shared/data/wvs7")

ITEMS = """Q1 Q2 Q3 Q4 Q5 Q6 Q8 Q14 Q15 Q17 Q27 Q28 Q29 Q30 Q31 Q32 Q33 Q34 Q35 Q36 Q37 Q38 Q39 Q40 Q41 Q45
Q46 Q47 Q49 Q57 Q58 Q59 Q62 Q69 Q71 Q94 Q106 Q108 Q110 Q111 Q112 Q113
Q121 Q122 Q123 Q124 Q125 Q126 Q127 Q128 Q129 Q130 Q131 Q132 Q133 Q134 Q135 Q136 Q137 Q138 Q150
Q154 Q155 Q158 Q159 Q160 Q161 Q162 Q163 Q164 Q165 Q169 Q170 Q171
Q177 Q179 Q180 Q181 Q182 Q184 Q185 Q186 Q187 Q188 Q196 Q197 Q198 Q199 Q209 Q210
Q224 Q225 Q226 Q227 Q228 Q229 Q230 Q231 Q232 Q233 Q235 Q238 Q240 Q250 Q254""".split()

# Items without metadata: category = their WVS-7 questionnaire section.
SECTION = {"Q42": "Social Values, Norms, Stereotypes", "Q105": "Social Capital, Trust and Organizational Membership"}
SECTION.update({"Q%d" % i: "Social Capital, Trust and Organizational Membership" for i in range(82, 94)})
SECTION.update({"Q%d" % i: "Postmaterialist Index" for i in range(152, 158)})
NOMINAL_WITHOUT_METADATA = {"Q154", "Q155"}

# Blocks asked together in the WVS-7 questionnaire (same stem, same scale).
BATTERIES = [(1, 6), (7, 17), (27, 32), (33, 41), (43, 45), (58, 63), (64, 89), (94, 105), (113, 117), (122, 129),
             (132, 138), (154, 155), (158, 162), (169, 170), (177, 195), (196, 198), (209, 211), (224, 233),
             (235, 238)]

EXTRA_COUNTRIES = ["IRQ", "JOR", "BGD", "GRC", "KOR", "ARG", "TUR"]


def num(qid):
    return int(qid[1:].rstrip("A"))


def battery(qid):
    n = num(qid)
    for lo, hi in BATTERIES:
        if lo <= n <= hi:
            return "Q%d-Q%d" % (lo, hi)
    return ""


def load(name):
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        return json.load(f)


def main():
    codebook = load("codebook_wvs7.json")
    meta = load("question_metadata_wvs7.json")
    adjust = load("answer_adjustment_wvs7.json")
    c19 = load("country_shares_wvs7_19countries.json")
    c12 = load("country_shares_wvs7_12countries.json")

    catalog = []
    for qid in ITEMS:
        md = meta.get(qid)
        if md is not None and md["use_case"] != "value":
            raise SystemExit(qid + " is not a value item")
        category = md["category"] if md else SECTION[qid]
        ordinal = (md["answer_data_type"] == "ordinal") if md else qid not in NOMINAL_WITHOUT_METADATA
        recodes = {}
        for raw, to in adjust.get(qid, {}).items():
            recodes[raw] = "drop" if to == "" else int(to)
        codes = sorted(int(c) for c in codebook[qid]["choices"] if int(c) >= 0)
        codes = sorted({recodes.get(str(c), c) for c in codes if recodes.get(str(c)) != "drop"})
        item = {"id": qid, "category": category,
                "scale": {"type": "ordinal" if ordinal else "nominal", "codes": codes}}
        if recodes:
            item["recodes"] = recodes
        if battery(qid):
            item["battery"] = battery(qid)
        item["source"] = "WVS-7"
        catalog.append(item)

    countries = {}
    for country in sorted(c19):
        row = {}
        for item in catalog:
            cell = c19[country].get(item["id"])
            if cell is None:
                continue
            n = None
            other = c12.get(country)
            if other and item["id"] in other["dist"]:
                n = other["dist"][item["id"]]["n"]
                check_agree(country, item["id"], cell["p"], other["dist"][item["id"]]["p"])
            row[item["id"]] = cell_of(item, cell["p"], n, 5)
        countries[country] = row
    for country in EXTRA_COUNTRIES:
        src = c12[country]
        row = {}
        for item in catalog:
            if item["id"] in src["questions_not_asked"] or item["id"] not in src["dist"]:
                continue
            d = src["dist"][item["id"]]
            row[item["id"]] = cell_of(item, d["p"], d["n"], 5)
        countries[country] = row

    catalog_doc = {"schema": "culturalign.survey/1",
                   "source": {"name": "bundled WVS-7 sample", "version": "wvs7-sample/1",
                              "notice": "Derived from the World Values Survey wave 7 (Haerpfer et al. 2022, "
                                        "doi:10.14281/18241.20); unweighted shares; texts are culturalign's own "
                                        "paraphrases. See NOTICE.md."},
                   "languages": languages(),
                   "questions": catalog}
    write(os.path.join(OUT, "questions.json"), catalog_doc)
    write_shares(os.path.join(OUT, "shares.json"), countries)
    cells = sum(len(r) for r in countries.values())
    print("%d items, %d countries, %d cells" % (len(catalog), len(countries), cells))


def languages():
    """The languages that have a texts/<language>.json file, English first."""
    found = sorted(f[:-5] for f in os.listdir(os.path.join(OUT, "texts")) if f.endswith(".json"))
    return sorted(found, key=lambda lang: (lang != "en", lang))


def check_agree(country, qid, p19, p12):
    for code in set(p19) | set(p12):
        if abs(p19.get(code, 0) - p12.get(code, 0)) > 1e-3:
            raise SystemExit("%s %s: the two files disagree at code %s" % (country, qid, code))


def cell_of(item, p, n, decimals):
    codes = item["scale"]["codes"]
    recodes = item.get("recodes", {})
    kept = {}
    for raw, share in p.items():
        rc = recodes.get(raw, int(raw))
        if rc == "drop":
            continue
        if rc not in codes:
            raise SystemExit("%s: code %s is not on the scale %s" % (item["id"], raw, codes))
        kept[rc] = kept.get(rc, 0.0) + share
    total = sum(kept.values())
    shares = {str(c): round(kept.get(c, 0.0) / total, decimals) for c in codes}
    out = {"shares": shares}
    if n is not None:
        out["n"] = n
    return out


def write_shares(path, countries):
    """One line per cell, so that a re-derivation shows up as a readable diff."""
    lines = ['{"countries": {']
    for ci, (country, row) in enumerate(countries.items()):
        lines.append(' "%s": {' % country)
        cells = ['  "%s": %s' % (qid, json.dumps(cell, separators=(", ", ": "))) for qid, cell in row.items()]
        lines.append(",\n".join(cells))
        lines.append(" }" + ("," if ci < len(countries) - 1 else ""))
    lines.append("}}")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, path)


def write(path, doc):
    """Pretty JSON with one line per question."""
    head = {k: v for k, v in doc.items() if k != "questions"}
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "questions": [\n'
    text += ",\n".join("  " + json.dumps(q, ensure_ascii=False, separators=(", ", ": ")) for q in doc["questions"])
    text += "\n ]\n}\n"
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


if __name__ == "__main__":
    main()
