#!/usr/bin/env python3
"""Would a learned component help the classifier on servers it has not seen? (issue: optional learned evidence)

Stacks a multinomial logistic regression (pure Python, no packages) over the classifier's own output
(category, evidence rules and weights per category, the strongest quote) and the tool's words (name tokens,
the description's first 40 words, parameter names), and measures it leave-server-out: the servers are dealt
into 8 folds; each fold is predicted by a model trained on the other seven. Printed per part of split.tsv:
the classifier alone ("base") and the stacked model replacing it, then gated variants that replace the
classifier's answer only when the model is at least t sure and gives the classifier's category at most u.

Usage (from the repository root):
  swift build && .build/debug/mcprisk scan Tests/Fixtures/eval/snapshots --format json -o /tmp/eval-report.json
  python3 Tests/Fixtures/eval/experiments/stacking.py /tmp/eval-report.json
"""
import json, csv, re, math, random, collections, sys, os
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
CATS = ['read','write','execute','destructive','financial']
labels = {}
for r in csv.reader(open(os.path.join(HERE, 'labels.tsv')), delimiter='\t'):
    if not r or r[0] == 'server' or r[0].startswith('#'): continue
    labels[(r[0], r[1])] = r[2]
split = {}
for r in csv.reader(open(os.path.join(HERE, 'split.tsv')), delimiter='\t'):
    if not r or r[0] == 'server' or r[0].startswith('#'): continue
    split[r[0]] = r[1]
rep = json.load(open(sys.argv[1]))
snaps = {}
def toks(s):
    s = re.sub(r'([a-z0-9])([A-Z])', r'\1 \2', s)
    return [w for w in re.split(r'[^a-z0-9]+', s.lower()) if w]
data = []
for s in rep['servers']:
    sid = re.sub(r'.*/', '', str(s.get('target', ''))).removesuffix('.json')
    if sid not in snaps:
        try: snaps[sid] = json.load(open(os.path.join(HERE, 'snapshots', sid + '.json')))
        except Exception: snaps[sid] = {}
    tdefs = {t.get('name'): t for t in snaps[sid].get('tools', []) if isinstance(t, dict)}
    for t in s['tools']:
        key = (sid, t['name'])
        if key not in labels: continue
        f = collections.Counter()
        f['cls=' + t['category']] = 1
        w = collections.Counter()
        for e in t.get('evidenceDetails', []):
            w[e['category']] += e['weight']
            f[f"rule={e['ruleId']}>{e['category']}"] += 1
        tot = sum(w.values()) or 1
        for c in CATS:
            f['share=' + c] = w[c] / tot
        if t.get('evidenceDetails'):
            top = max(t['evidenceDetails'], key=lambda e: e['weight'])
            f[f"top={top['ruleId']}>{top['category']}"] = 1
            f[f"topq={top['quote'].lower()}>{top['category']}"] = 1
        else:
            f['noevidence'] = 1
        nt = toks(t['name'])
        for i, x in enumerate(nt):
            f['n=' + x] = 1
        if nt: f['n0=' + nt[0]] = 1
        if len(nt) > 1: f['n1=' + nt[1]] = 1
        if nt: f['nl=' + nt[-1]] = 1
        d = tdefs.get(t['name'], {})
        desc = d.get('description') if isinstance(d.get('description'), str) else ''
        dt = toks(desc)[:40]
        for x in set(dt): f['d=' + x] = 0.5
        if dt: f['d0=' + dt[0]] = 1
        props = ((d.get('inputSchema') or {}).get('properties') or {}) if isinstance(d.get('inputSchema'), dict) else {}
        if isinstance(props, dict):
            for p in props:
                for x in toks(p): f['p=' + x] = 0.5
        data.append((sid, t['name'], labels[key], t['category'], dict(f), split.get(sid, '?')))
print('tools', len(data), file=sys.stderr)

def train(rows, epochs=12, lr=0.2, l2=1e-4):
    W = collections.defaultdict(lambda: [0.0]*5); G = collections.defaultdict(lambda: [1e-8]*5)
    rows = list(rows)
    rnd = random.Random(1)
    for ep in range(epochs):
        rnd.shuffle(rows)
        for r in rows:
            f = r[4]; y = CATS.index(r[2])
            z = [0.0]*5
            for k, v in f.items():
                wk = W[k]
                for c in range(5): z[c] += wk[c]*v
            m = max(z); e = [math.exp(a-m) for a in z]; S = sum(e); p = [a/S for a in e]
            for k, v in f.items():
                wk = W[k]; gk = G[k]
                for c in range(5):
                    g = (p[c] - (1 if c == y else 0))*v + l2*wk[c]
                    gk[c] += g*g
                    wk[c] -= lr*g/math.sqrt(gk[c])
    return W
def predict(W, f):
    z = [0.0]*5
    for k, v in f.items():
        if k in W:
            for c in range(5): z[c] += W[k][c]*v
    m = max(z); e = [math.exp(a-m) for a in z]; S = sum(e)
    return [a/S for a in e]

servers = sorted({r[0] for r in data})
rnd = random.Random(7); rnd.shuffle(servers)
K = 8
fold = {s: i % K for i, s in enumerate(servers)}
res = collections.defaultdict(lambda: [0,0,0,0])  # part -> base correct, stacked correct, n, dangerous->read stacked
for k in range(K):
    W = train(r for r in data if fold[r[0]] != k)
    for r in data:
        if fold[r[0]] != k: continue
        p = predict(W, r[4]); pred = CATS[max(range(5), key=lambda c: p[c])]
        for part in (r[5], 'all'):
            a = res[part]; a[0] += r[3] == r[2]; a[1] += pred == r[2]; a[2] += 1; a[3] += (pred == 'read' and r[2] != 'read' and r[2] != 'write')
    print('fold', k, file=sys.stderr)
for part, a in res.items():
    print(f'{part}: base {a[0]/a[2]:.3f} stacked {a[1]/a[2]:.3f} n {a[2]} stacked dangerous->read {a[3]}')

# gating variants
preds = []
for k in range(K):
    W = train(r for r in data if fold[r[0]] != k)
    for r in data:
        if fold[r[0]] == k: preds.append((r, predict(W, r[4])))
for t in (0.5, 0.6, 0.8):
    for u in (0.05, 0.2):
        acc = collections.defaultdict(lambda: [0, 0, 0])
        for r, p in preds:
            b = CATS.index(r[3]); m = max(range(5), key=lambda c: p[c])
            pred = CATS[m] if (p[m] >= t and p[b] <= u) else r[3]
            for part in (r[5], 'all'):
                a = acc[part]; a[0] += pred == r[2]; a[1] += 1; a[2] += (pred == 'read' and r[2] not in ('read', 'write'))
        print(f't={t} u={u}', ' '.join(f"{part}:{a[0]/a[1]:.3f}/{a[2]}" for part, a in sorted(acc.items())))
