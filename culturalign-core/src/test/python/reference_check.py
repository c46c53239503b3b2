#!/usr/bin/env python3
"""Reference values from the peers for ScipySacrebleuCrossCheckTest.

Generates seeded cases and writes them, with the peers' values, as JSON lines:

  {"kind": "meta", ...}                                   versions and seed (first line)
  {"kind": "jsd", "group": G, "p": [...], "q": [...], "expected": D}
      D = scipy.spatial.distance.jensenshannon(p, q, base=2) (a distance, in [0, 1])
  {"kind": "jsd_divergence", "group": G, "p": [...], "q": [...], "expected": J, "scipy_distance": D or null}
      near-identical p and q: J = the JS divergence (base 2) exactly as scipy computes it before its sqrt
      (rel_entr sums / ln 2 / 2); D is scipy's distance, null when scipy returns NaN (sqrt of a rounding-negative J)
  {"kind": "chrf", "group": G, "hyp": H, "ref": R, "expected": S}
      S = sacrebleu.metrics.CHRF(word_order=2).sentence_score(H, [R]).score (0-100)

Usage: reference_check.py --texts DIR --out FILE [--seed N]
  DIR holds the bundled question texts (<lang>.json with {"language", "texts": {id: {"question", "options"}}}).

Exit status: 0 written; 3 when scipy or sacrebleu cannot be imported (stderr names them); 2 bad arguments.
Floats are written with repr, which round-trips exactly to a Java double.
"""
import argparse
import json
import math
import os
import random
import sys

try:
    import numpy as np
    import scipy
    import scipy.special
    from scipy.spatial.distance import jensenshannon
except ImportError:
    scipy = None
try:
    import sacrebleu
    from sacrebleu.metrics import CHRF
except ImportError:
    sacrebleu = None

SEED = 20240817
LANGUAGES = ["en", "de", "es", "ru", "zh"]


# ----------------------------------------------------------------------------------------------- Jensen-Shannon

def normalise(xs):
    s = sum(xs)
    return [x / s for x in xs]


def random_distribution(rng, k, alpha):
    """Dirichlet(alpha) draw; values below 1e-300 become 0: where (p+q)/2 underflows scipy returns inf, our value
    is right (AlignmentMetricsTest, docs/metrics.md), so such cases are not compared here."""
    while True:
        xs = [rng.gammavariate(alpha, 1.0) for _ in range(k)]
        xs = [x if x >= 1e-300 else 0.0 for x in xs]
        if sum(xs) > 0:
            p = normalise(xs)
            if all(x == 0.0 or x >= 1e-300 for x in p):
                return p


def with_zeros(rng, p):
    k = len(p)
    zeros = rng.sample(range(k), rng.randint(1, k - 1))
    xs = [0.0 if i in zeros else x for i, x in enumerate(p)]
    if sum(xs) == 0:
        xs[rng.randrange(k)] = 1.0
    return normalise(xs)


def with_near_zero(rng, p):
    k = len(p)
    xs = list(p)
    for i in rng.sample(range(k), rng.randint(1, max(1, k // 2))):
        xs[i] = 10.0 ** -rng.choice([9, 12, 15, 17, 20, 30, 50, 100, 200, 300])
    return normalise(xs)


def perturbed(rng, p, rel):
    xs = [x * (1 + rel * (2 * rng.random() - 1)) for x in p]
    return normalise(xs)


def one_hot(k, i):
    return [1.0 if j == i else 0.0 for j in range(k)]


def jsd_cases(rng):
    cases = []

    def add(group, p, q):
        cases.append({"kind": "jsd", "group": group, "p": p, "q": q,
                      "expected": float(jensenshannon(p, q, base=2))})

    for k in range(2, 12):
        for _ in range(16):
            add("random", random_distribution(rng, k, rng.choice([0.1, 0.3, 1.0, 3.0, 30.0])),
                random_distribution(rng, k, rng.choice([0.1, 0.3, 1.0, 3.0, 30.0])))
        for _ in range(6):
            p = random_distribution(rng, k, 1.0)
            q = random_distribution(rng, k, 1.0)
            r = rng.random()
            if r < 0.4:
                add("zeros", with_zeros(rng, p), q)
            elif r < 0.7:
                add("zeros", p, with_zeros(rng, q))
            else:
                add("zeros", with_zeros(rng, p), with_zeros(rng, q))
        for _ in range(5):
            p = random_distribution(rng, k, 1.0)
            q = random_distribution(rng, k, 1.0)
            add("near_zero", with_near_zero(rng, p), q if rng.random() < 0.5 else with_near_zero(rng, q))
        for _ in range(3):
            p = random_distribution(rng, k, rng.choice([0.3, 1.0]))
            if rng.random() < 0.5:
                p = with_zeros(rng, p)
            add("identical", p, list(p))
        add("identical", [1.0 / k] * k, [1.0 / k] * k)
        i, j = rng.randrange(k), rng.randrange(k)
        add("one_hot", one_hot(k, i), one_hot(k, i))
        add("one_hot", one_hot(k, 0), one_hot(k, k - 1))  # disjoint: distance 1
        add("one_hot", one_hot(k, j), random_distribution(rng, k, 1.0))
        add("uniform", [1.0 / k] * k, random_distribution(rng, k, rng.choice([0.3, 1.0, 3.0])))
        for rel in (1e-2, 1e-3, 1e-4, 1e-5):
            # distance of the order of rel: far enough from 0 that sqrt does not magnify rounding past 1e-9
            p = random_distribution(rng, k, 1.0)
            add("close", p, perturbed(rng, p, rel))

    # Near-identical: the distance is sqrt of a divergence of the order rel^2, so a rounding error of 1e-17 in
    # the divergence moves the distance by up to ~3e-9 (scipy then even returns NaN for a slightly negative
    # divergence). These are compared on the divergence, before the sqrt.
    for k in range(2, 12):
        for rel in (1e-7, 1e-9, 1e-11, 1e-13):
            p = random_distribution(rng, k, 1.0)
            q = perturbed(rng, p, rel)
            pa, qa = np.asarray(p) / np.sum(p), np.asarray(q) / np.sum(q)
            m = (pa + qa) / 2.0
            js = (np.sum(scipy.special.rel_entr(pa, m)) + np.sum(scipy.special.rel_entr(qa, m))) / np.log(2)
            with np.errstate(invalid="ignore"):
                d = float(jensenshannon(p, q, base=2))
            cases.append({"kind": "jsd_divergence", "group": "near_identical", "p": p, "q": q,
                          "expected": float(js / 2.0), "scipy_distance": None if math.isnan(d) else d})
    return cases


# ----------------------------------------------------------------------------------------------------- chrF++

ENGLISH = [
    "How important is family in your life?",
    "Please tell me, for each of the following, whether you think it can always be justified, never be justified,"
    " or something in between.",
    "The quick brown fox jumps over the lazy dog.",
    "Generally speaking, would you say that most people can be trusted or that you need to be very careful?",
    "I'm going to read out a list of voluntary organizations; for each one, could you tell me whether you are an"
    " active member, an inactive member or not a member?",
    "Don't know (DK) / no answer",
]
GERMAN = [
    "Wie wichtig ist Ihnen die Familie in Ihrem Leben?",
    "Größere Straßen führen über die Brücke; äußerst müßig, öffentliche Übergänge zu zählen.",
    "Fußgänger überqueren die Straße bei Grün – „Sicherheit“ geht vor!",
    "Würden Sie sagen, dass man den meisten Menschen vertrauen kann?",
    "Weiß nicht / keine Angabe",
]
RUSSIAN = [
    "Насколько важна для вас семья в вашей жизни?",
    "Ёжик в тумане ищет свою лошадку, а её всё нет.",
    "Скажите, пожалуйста, можно ли доверять большинству людей?",
    "Съешь же ещё этих мягких французских булок, да выпей чаю.",
    "Затрудняюсь ответить (не знаю)",
]
CHINESE = [
    "家庭在您的生活中有多重要？",
    "一般来说，您认为大多数人是可以信任的，还是和人相处要越小心越好？",
    "请告诉我，以下每一种说法，您认为是永远有理由、从来没有理由，还是介于两者之间。",
    "我们的国家应该更加重视经济增长。",
    "不知道/拒绝回答",
]
PUNCTUATION = [
    "(hi)", "\"quoted\"", "'single'", "...", "--", "?!", "a.b.c.", "end.", ".start", "x,y,z", "[a] {b} <c>",
    "Hello, world!", "Yes - no - maybe.", "e-mail@example.com", "50% / 100%", "#tag $5 ^_^ ~ `code`",
    "(((nested)))", "a ( b ) c", ". , ; :", "！？。，", "Wait... what?!", "«Guillemets» »andere«",
]
SHORT = ["", " ", "  \t ", "a", "b", "ab", "ba", "a b", "aa", "abc", "abcde", "abcdef", "abcdefg", ".", "a.",
         "ß", "ü", "Ё", "ё", "家", "家庭", "x y z", "I", "I am", "ja", "nein", "да", "нет", "是", "否"]
REPEATED = ["the the the the", "ja ja ja ja ja", "да да да", "好好好好好好好", "aaaaaaaa", "ab ab ab ab",
            "no no no, no!", "Sehr sehr sehr wichtig", "очень очень важно", "very very important",
            "a a a a a a a a a a"]
SPECIAL = [
    "naïve café résumé", "nai\u0308ve cafe\u0301", "emoji 😀 😀 test 🎉", "𠀀𠀁𠀂 CJK ext B", "Zürich, Москва, 北京",
    "zero\u200bwidth space", "soft\u00adhyphen", "mongolian\u180evowel", "bom\ufeffinside", "tab\tand\nnewline",
    "ΑΒΓ αβγ ΣΣ ς", "İstanbul ı I", "ﬁne ligature", "full\u3000width\u3000space", "日本語とEnglish混合",
]


def python_whitespace():
    return [chr(c) for c in range(0x110000) if chr(c).isspace()]


def mutate(rng, s):
    """A random edit of a sentence: word drops, duplicates, swaps, replacements, character edits, punctuation."""
    spaced = " " in s.strip()
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        if spaced and op < 0.5:
            words = s.split(" ")
            i = rng.randrange(len(words))
            w = rng.random()
            if w < 0.3 and len(words) > 1:
                del words[i]
            elif w < 0.5:
                words.insert(i, words[i])
            elif w < 0.7 and len(words) > 1:
                j = min(i + 1, len(words) - 1)
                words[i], words[j] = words[j], words[i]
            elif w < 0.85:
                words[i] = words[i] + rng.choice(",.;:!?)")
            else:
                words[i] = rng.choice("(\"'-") + words[i]
            s = " ".join(words)
        elif len(s) > 0:
            i = rng.randrange(len(s))
            c = rng.random()
            if c < 0.35:
                s = s[:i] + s[i + 1:]
            elif c < 0.7:
                s = s[:i] + rng.choice(s) + s[i:]
            elif c < 0.85:
                s = s[:i] + s[i].swapcase() + s[i + 1:]
            else:
                s = s[:i] + rng.choice(["  ", "\t", "\u00a0", " "]) + s[i:]
    return s


def load_texts(texts_dir):
    by_language = {}
    for lang in LANGUAGES:
        with open(os.path.join(texts_dir, lang + ".json"), encoding="utf-8") as f:
            data = json.load(f)
        by_language[lang] = data["texts"]
    return by_language


def chrf_cases(rng, texts, metric):
    cases = []

    def add(group, hyp, ref):
        cases.append({"kind": "chrf", "group": group, "hyp": hyp, "ref": ref,
                      "expected": metric.sentence_score(hyp, [ref]).score})

    # the project's question texts: candidate (hypothesis) against test item (reference), as the chrf selector does
    for lang in LANGUAGES:
        items = texts[lang]
        ids = sorted(items)
        for _ in range(50):
            a, b = rng.sample(ids, 2)
            add("texts_" + lang, items[a]["question"], items[b]["question"])
        for a in rng.sample(ids, 5):
            add("texts_" + lang, items[a]["question"], items[a]["question"])
        for _ in range(10):
            a = rng.choice(ids)
            add("texts_" + lang, mutate(rng, items[a]["question"]), items[a]["question"])
        options = sorted({o for t in items.values() for o in t.get("options", [])})
        for _ in range(15):
            add("options_" + lang, rng.choice(options), rng.choice(options))

    for group, pool in (("english", ENGLISH), ("german", GERMAN), ("russian", RUSSIAN), ("chinese", CHINESE)):
        for _ in range(25):
            ref = rng.choice(pool)
            hyp = mutate(rng, ref) if rng.random() < 0.8 else rng.choice(pool)
            add(group, hyp, ref)
    for _ in range(30):
        a, b = rng.choice(PUNCTUATION), rng.choice(PUNCTUATION + ENGLISH[:2])
        add("punctuation", a, b)
        add("punctuation", mutate(rng, b), b)
    for a in SHORT:
        add("short", a, rng.choice(SHORT))
        add("short", rng.choice(SHORT), a)
    add("short", "", "")
    add("short", "a", "a")
    add("short", "ab", "ab")
    for a in REPEATED:
        add("repeated", a, rng.choice(REPEATED))
        add("repeated", mutate(rng, a), a)
        add("repeated", a, a.split()[0] if " " in a else a[:2])
    for a in SPECIAL:
        add("special", a, rng.choice(SPECIAL))
        add("special", mutate(rng, a), a)
    # every character Python's str.split() treats as whitespace, between words and around them
    for ws in python_whitespace():
        add("whitespace", "How" + ws + "important" + ws + ws + "is God?" + ws, "How important is God?")
        add("whitespace", ws + "Wie" + ws + "wichtig.", "Wie wichtig ist Gott?")
    return cases


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", required=True, help="folder with the bundled <lang>.json question texts")
    ap.add_argument("--out", required=True, help="JSON lines file to write")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    missing = [name for name, mod in (("scipy", scipy), ("sacrebleu", sacrebleu)) if mod is None]
    if missing:
        print("missing Python packages: " + " ".join(missing) + " (pip install scipy sacrebleu)", file=sys.stderr)
        return 3
    rng = random.Random(args.seed)
    texts = load_texts(args.texts)
    metric = CHRF(word_order=2)
    cases = jsd_cases(rng) + chrf_cases(rng, texts, metric)
    meta = {"kind": "meta", "seed": args.seed, "python": sys.version.split()[0], "scipy": scipy.__version__,
            "sacrebleu": sacrebleu.__version__, "chrf_signature": str(metric.get_signature()),
            "cases": len(cases)}
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(json.dumps(meta, ensure_ascii=False) + "\n")
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False, allow_nan=False) + "\n")
    counts = {}
    for c in cases:
        counts[c["kind"]] = counts.get(c["kind"], 0) + 1
    print("wrote " + args.out + ": " + ", ".join(f"{k} {v}" for k, v in counts.items())
          + f" (scipy {scipy.__version__}, sacrebleu {sacrebleu.__version__}, seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
