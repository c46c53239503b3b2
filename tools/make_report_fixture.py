#!/usr/bin/env python3
"""Writes the small run folder the report tests read (culturalign-run/src/test/resources/org/culturalign/report/
small-run/): results.json and samples.jsonl following docs/schemas/ exactly. Human distributions are the bundled
sample's shares; model distributions are deterministic pseudo-random, pulled halfway toward the country at k shots so
the report has real gains to show. Cell and gain figures are computed from the samples as eval defines them."""
import json, math, os, random, itertools

root = os.path.join(os.path.dirname(__file__), '..')
shares = json.load(open(os.path.join(root, 'culturalign-core/src/main/resources/org/culturalign/survey/wvs7/shares.json')))['countries']
catalog = {q['id']: q for q in json.load(open(os.path.join(root, 'culturalign-core/src/main/resources/org/culturalign/survey/wvs7/questions.json')))['questions']}
out = os.path.join(root, 'culturalign-run/src/test/resources/org/culturalign/report/small-run')
os.makedirs(out, exist_ok=True)

COUNTRIES = ['DEU', 'NGA', 'USA']
LANGS = ['en', 'de']
QUESTIONS = ['Q8', 'Q14', 'Q15', 'Q17', 'Q45', 'Q46', 'Q57', 'Q154', 'Q155', 'Q164', 'Q182', 'Q184', 'Q209', 'Q254',
             'Q1', 'Q27']
K = 5
SELECTORS = ['chrf', 'category']
SEED = 1234

def js(p, q):
    m = [(a + b) / 2 for a, b in zip(p, q)]
    def kl(a, b):
        return sum(x * math.log2(x / y) for x, y in zip(a, b) if x > 0)
    return math.sqrt(max(0.0, (kl(p, m) + kl(q, m)) / 2))

def r6(x):
    return round(x, 6)

def human(country, q):
    codes = catalog[q]['scale']['codes']
    s = shares[country][q]['shares']
    v = [s.get(str(c), 0.0) for c in codes]
    t = sum(v)
    return codes, [x / t for x in v]

def norm(v):
    t = sum(v)
    return [x / t for x in v]

def metrics(model, hum, codes, ordinal, coverage):
    d = js(model, hum)
    m = {'js_distance': r6(d), 'similarity': r6(1 - d),
         'majority_match': 1.0 if max(range(len(model)), key=lambda i: model[i]) == max(range(len(hum)), key=lambda i: hum[i]) else 0.0}
    if ordinal:
        k = len(codes) - 1
        m['model_mean'] = r6(sum(p * i / k for i, p in enumerate(model)))
        m['human_mean'] = r6(sum(p * i / k for i, p in enumerate(hum)))
    m['coverage'] = coverage
    return m

def boot(values, n=1000, seed=SEED):
    if len(values) < 2:
        return None, None
    rnd = random.Random(seed)
    means = sorted(sum(rnd.choice(values) for _ in values) / len(values) for _ in range(n))
    return r6(means[int(0.025 * n)]), r6(means[int(0.975 * n) - 1])

samples, cells = [], []
grid = []
for c in COUNTRIES:
    for lang in LANGS:
        grid.append((c, lang, 0, 'none', 'full'))
        grid.append((c, lang, 0, 'none', 'reversed'))
        for sel in SELECTORS:
            grid.append((c, lang, K, sel, 'full'))
for (c, lang, shots, sel, fmt) in grid:
    rows = []
    for q in QUESTIONS:
        codes, hum = human(c, q)
        ordinal = catalog[q]['scale']['type'] == 'ordinal'
        rnd = random.Random(f'{lang}|{q}|{fmt}')  # 0-shot answers do not depend on the country (no persona)
        base = norm([0.2 + rnd.random() for _ in codes])
        if shots > 0:
            w = 0.6 if sel == 'chrf' else 0.35
            model = [(1 - w) * b + w * h for b, h in zip(base, hum)]
        else:
            model = base
        model = [r6(x) for x in norm(model)]
        coverage = r6(0.5 + 0.4 * random.Random(f'{c}{lang}{q}{shots}{sel}{fmt}').random())
        if fmt == 'reversed':
            order = list(range(len(codes)))[::-1]
        else:
            order = list(range(len(codes)))
        tcodes = [codes[i] for i in order]
        tmodel = [model[i] for i in order]
        thum = [r6(hum[i]) for i in order]
        labels = [chr(ord('A') + i) for i in range(len(codes))]
        demos = []
        if shots > 0:
            others = [x for x in QUESTIONS if x != q]
            pick = random.Random(f'{SEED}|{c}|{q}|{sel}').sample(others, K)
            for d in pick:
                dc, dh = human(c, d)
                demos.append({'questionId': d, 'answerCode': dc[max(range(len(dh)), key=lambda i: dh[i])]})
        text = ''.join(f'Question {d["questionId"]} (answered as people in {c} answer it)\nAnswer: {d["answerCode"]}\n\n' for d in demos)
        text += f'Question {q}: how would you answer this survey question?\n' + '\n'.join(
            f'{l}. option coded {code}' for l, code in zip(labels, tcodes)) + '\nAnswer:'
        others = [o for o in shares if o != c and q in shares[o]]
        glob = norm([sum(human(o, q)[1][i] for o in others) / len(others) for i in range(len(codes))])
        uni = [1 / len(codes)] * len(codes)
        rand_opt = sum(1 - js([1.0 if j == i else 0.0 for j in range(len(codes))], hum) for i in range(len(codes))) / len(codes)
        m = metrics(tmodel, thum, tcodes, ordinal, coverage)
        s = {'schema': 'culturalign.samples/1', 'model': 'demo', 'country': c, 'language': lang, 'questionId': q,
             'category': catalog[q]['category'], 'shots': shots, 'selector': sel, 'format': fmt, 'persona': False,
             'template': 'completion', 'demonstrations': demos,
             'demonstrationNote': '' if shots == 0 or sel == 'chrf' else 'too few in the category: filled with chrf',
             'prompt': {'type': 'text', 'text': text}, 'continuations': [' ' + l for l in labels],
             'logprobs': [r6(math.log(p * coverage)) for p in tmodel], 'exact': True, 'scoringMode': 'logits',
             'targetCodes': tcodes, 'modelDistribution': tmodel, 'coverage': coverage, 'humanDistribution': thum,
             'humanRespondents': None, 'metrics': m,
             'baselines': {'uniform': {'similarity': r6(1 - js(uni, hum))}, 'random_option': {'similarity': r6(rand_opt)},
                           'global': {'similarity': r6(1 - js(glob, hum))}},
             'cached': False}
        rows.append(s)
        samples.append(s)
    sims = [s['metrics']['similarity'] for s in rows]
    n = len(sims)
    mean = sum(sims) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in sims) / (n - 1))
    lo, hi = boot(sims)
    def bl(name):
        return r6(sum(s['baselines'][name]['similarity'] for s in rows) / n)
    cells.append({'model': 'demo', 'country': c, 'language': lang, 'shots': shots, 'selector': sel, 'format': fmt,
                  'persona': False, 'n': n, 'skipped': {},
                  'metrics': {'similarity': {'mean': r6(mean), 'sd': r6(sd), 'n': n, 'ciLower': lo, 'ciUpper': hi},
                              'coverage': {'mean': r6(sum(s['coverage'] for s in rows) / n), 'sd': None, 'n': n,
                                           'ciLower': None, 'ciUpper': None}},
                  'baselines': {'uniform': {'similarity': bl('uniform')}, 'random_option': {'similarity': bl('random_option')},
                                'global': {'similarity': bl('global')}},
                  'meanCoverage': r6(sum(s['coverage'] for s in rows) / n)})

gains, sig = [], []
def sim_of(c, lang, shots, sel):
    return {s['questionId']: s['metrics']['similarity'] for s in samples if s['country'] == c and s['language'] == lang
            and s['shots'] == shots and s['selector'] == sel and s['format'] == 'full'}
for lang in LANGS:
    for sel in SELECTORS:
        per_country = []
        for c in COUNTRIES:
            z, k = sim_of(c, lang, 0, 'none'), sim_of(c, lang, K, sel)
            diffs = [k[q] - z[q] for q in QUESTIONS]
            lo, hi = boot(diffs, seed=SEED + 1)
            zm, km = sum(z.values()) / len(z), sum(k.values()) / len(k)
            gains.append({'model': 'demo', 'country': c, 'language': lang, 'selector': sel, 'format': 'full',
                          'persona': False, 'shots': K, 'metric': 'similarity', 'zeroShot': r6(zm), 'kShot': r6(km),
                          'estimate': r6(km - zm), 'ciLower': lo, 'ciUpper': hi, 'n': len(diffs),
                          'method': 'paired bootstrap over questions, 95% percentile CI', 'resamples': 1000})
            per_country.append(km - zm)
        ranks = sorted(range(len(per_country)), key=lambda i: abs(per_country[i]))
        w = sum(r + 1 for r, i in enumerate(ranks) if per_country[i] > 0)
        sig.append({'model': 'demo', 'language': lang, 'selector': sel, 'format': 'full', 'persona': False, 'shots': K,
                    'metric': 'similarity', 'test': 'wilcoxon signed-rank (k-shot vs 0-shot country means)',
                    'statistic': float(w), 'pValue': 0.125, 'nCountries': len(COUNTRIES),
                    'meanGain': r6(sum(per_country) / len(per_country))})

config = {'models': ['demo'], 'countries': COUNTRIES, 'languages': LANGS, 'shots': [0, K], 'selectors': SELECTORS,
          'formats': ['full', 'reversed'], 'persona': [False], 'questions': QUESTIONS, 'seed': SEED,
          'bootstrapResamples': 1000}
results = {
    'schema': 'culturalign.results/1',
    'run': {'configHash': 'sha256:' + '3f' * 32, 'outputPath': 'runs/2026-11-30T10-00-00-small',
            'startedAt': '2026-11-30T10:00:00Z', 'finishedAt': '2026-11-30T10:01:07Z'},
    'demoModel': True,
    'warnings': ['demo model: random weights, its numbers are meaningless; pass a real model with --model '
                 'llamacpp:PATH.gguf, hf:OWNER/REPO/FILE.gguf or openai:URL#MODEL'],
    'provenance': {'config': config, 'seed': SEED,
                   'models': [{'spec': 'demo', 'backend': 'demo', 'name': 'culturalign demo (random weights)',
                               'digest': 'sha256:' + 'ab' * 32, 'details': {'architecture': 'llama'}}],
                   'data': {'name': 'bundled WVS-7 sample', 'version': 'wvs7-sample/1', 'sha256': 'cd' * 32,
                            'notice': 'Derived from World Values Survey wave 7 (Haerpfer et al. 2022); unweighted shares.'},
                   'tool': {'name': 'culturalign', 'version': '0.1.0-SNAPSHOT'}, 'gitCommit': 'e9b8b6d' + '0' * 33,
                   'java': {'version': '17.0.12', 'vendor': 'Eclipse Adoptium', 'vm': 'OpenJDK 64-Bit Server VM'},
                   'os': {'name': 'Linux', 'version': '6.1', 'arch': 'amd64', 'cpus': 2}},
    'counts': {'cells': len(cells), 'probesScored': len(samples), 'modelRequests': len(samples), 'cacheHits': 0,
               'skipped': {}},
    'cells': cells, 'iclGains': gains, 'significance': sig,
    'coverage': {'threshold': 0.10, 'lowCells': 0},
}
json.dump(results, open(os.path.join(out, 'results.json'), 'w'), indent=1)
with open(os.path.join(out, 'samples.jsonl'), 'w') as f:
    for s in samples:
        f.write(json.dumps(s, ensure_ascii=False) + '\n')
print(len(cells), 'cells,', len(samples), 'samples ->', out)
