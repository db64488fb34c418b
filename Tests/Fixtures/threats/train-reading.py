#!/usr/bin/env python3
"""Train the learned threat reading (Sources/Risk/Learned/ThreatWeights.swift) on the tuned-on parts.

The model is a logistic regression over the features of one passage (a sentence, or a window of at most
48 words of a long one) of a text field: its role, whether it was hidden, its words, word pairs, threat
concepts and concept pairs (`ThreatFeatures`). Positives are multiple-instance: a poisoned case says which
field holds the payload (`expect.within` and `place`), not which passage, so each round takes the passage
the model scores highest in each case's candidate fields as that case's positive. Negatives are every
passage of the honest cases, of the other fields and servers of the poisoned cases, and of the real
servers of the evaluation set's train and retired parts.

Only the train and retired parts are in the input (the dump never writes the locked parts). Before writing
the weights the script measures itself out of fold: corpus groups and real servers dealt into 5 folds,
each read by a model trained on the other four; it prints how many poisoned cases the reading would
catch, how many honest cases and real tools it would flag, at the threshold it writes.

Usage (from the repository root; needs python3-numpy):
  MCPRISK_THREAT_FEATURES=/tmp/threat-features.jsonl swift test --filter ThreatTrainingDump
  python3 Tests/Fixtures/threats/train-reading.py /tmp/threat-features.jsonl Sources/Risk/Learned/ThreatWeights.swift
"""
import collections, hashlib, json, math, sys
import numpy as np

L2, ITERATIONS, RATE, ROUNDS, FOLDS = 1e-5, 400, 0.05, 3, 5
# Real-server passages weigh this much each (they outnumber the corpus's ten to one); each poisoned case's
# positive weighs POSITIVE.
REAL_WEIGHT, POSITIVE = 0.5, 4.0
# A feature is kept when it occurs in at least this many groups (cases' groups or servers): a word of one
# case alone is that case's, not the attack's.
MIN_GROUPS = 3
# The most features written (by weight); the rest are dropped.
KEEP = 6000
# The threshold is the lowest probability at which the out-of-fold reading flags at most these shares.
MAX_REAL_TOOLS, MAX_HONEST = 0.0005, 0.02


def load(path):
    rows, names = [], {}
    for line in open(path, encoding='utf-8'):
        r = json.loads(line)
        if 'names' in r:
            names = r['names']
        else:
            rows.append(r)
    return rows, names


def holder(field):
    """`/tools/3/description` -> `/tools/3` (a prompt body belongs to its prompt)."""
    parts = field.split('/')
    if len(parts) >= 3 and parts[1] in ('tools', 'prompts', 'promptBodies', 'resources', 'resourceTemplates'):
        kind = 'prompts' if parts[1] == 'promptBodies' else parts[1]
        return '/' + kind + '/' + parts[2]
    return '/'


def fold_of(group):
    return int(hashlib.sha256(group.encode()).hexdigest()[:8], 16) % FOLDS


class Data:
    def __init__(self, rows):
        groups_of = collections.defaultdict(set)
        for r in rows:
            for k in set(r['keys']):
                groups_of[k].add(r['group'])
        self.vocab = sorted(k for k, g in groups_of.items() if len(g) >= MIN_GROUPS)
        index = {k: i for i, k in enumerate(self.vocab)}
        self.rows = rows
        ptr, cols = [0], []
        for r in rows:
            cols.extend(sorted({index[k] for k in r['keys'] if k in index}))
            ptr.append(len(cols))
        self.ptr = np.array(ptr)
        self.cols = np.array(cols, dtype=np.int64)
        self.row_of = np.repeat(np.arange(len(rows)), np.diff(self.ptr))
        self.fold = np.array([fold_of(r['group']) for r in rows])
        self.real = np.array([r['src'] == 'real' for r in rows])
        self.candidate = np.array([r['candidate'] for r in rows])
        self.bag = [r['id'] if r['candidate'] else None for r in rows]

    def scores(self, w, b):
        return np.bincount(self.row_of, weights=w[self.cols], minlength=len(self.rows)) + b


def fit(data, rows_mask, labels, weights, w=None, b=0.0, keep=None, iterations=ITERATIONS):
    """Full-batch Adam on the weighted logistic loss with L2, over the rows in `rows_mask`; with `keep` (a
    mask of features), every other feature stays at 0."""
    d = len(data.vocab)
    w = np.zeros(d) if w is None else w.copy()
    m, v, mb, vb = np.zeros(d), np.zeros(d), 0.0, 0.0
    sel = rows_mask[data.row_of]
    row_of, cols = data.row_of[sel], data.cols[sel]
    y, sw = labels, weights * rows_mask
    total = sw.sum()
    for t in range(1, iterations + 1):
        z = np.bincount(row_of, weights=w[cols], minlength=len(data.rows)) + b
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        err = (p - y) * sw / total
        g = np.bincount(cols, weights=err[row_of], minlength=d) + L2 * w
        gb = err.sum()
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        mb = 0.9 * mb + 0.1 * gb
        vb = 0.999 * vb + 0.001 * gb * gb
        c1, c2 = 1 - 0.9 ** t, 1 - 0.999 ** t
        w -= RATE * (m / c1) / (np.sqrt(v / c2) + 1e-8)
        if keep is not None:
            w[~keep] = 0
        b -= RATE * (mb / c1) / (math.sqrt(vb / c2) + 1e-8)
    return w, b


def train(data, train_mask):
    """Multiple-instance rounds: first every candidate passage of a case shares its positive weight, then
    each case's best-scoring candidate passage alone is its positive."""
    n = len(data.rows)
    bags = collections.defaultdict(list)
    for i, bag in enumerate(data.bag):
        if bag is not None and train_mask[i]:
            bags[bag].append(i)
    w, b = None, 0.0
    for round in range(ROUNDS):
        labels, weights = np.zeros(n), np.where(data.real, REAL_WEIGHT, 1.0)
        weights[data.candidate] = 0
        if round == 0:
            for members in bags.values():
                for i in members:
                    labels[i], weights[i] = 1, POSITIVE / len(members)
        else:
            z = data.scores(w, b)
            for members in bags.values():
                best = max(members, key=lambda i: z[i])
                labels[best], weights[best] = 1, POSITIVE
        w, b = fit(data, train_mask, labels, weights, w, b)
    # The KEEP heaviest features alone, refitted: the model written is the model measured.
    keep = np.zeros(len(w), dtype=bool)
    keep[np.argsort(-np.abs(w))[:KEEP]] = True
    w[~keep] = 0
    return fit(data, train_mask, labels, weights, w, b, keep, ITERATIONS // 2)


def outcomes(data, z):
    """Per corpus case: the best score within its `expect.within` (poisoned) or anywhere in its server
    (honest); per real tool: its best score."""
    caught, honest, tools = {}, {}, {}
    for i, r in enumerate(data.rows):
        if r['src'] == 'real':
            h = holder(r['field'])
            if h.startswith('/tools/'):
                key = (r['id'], h)
                tools[key] = max(tools.get(key, -1e9), z[i])
        elif '#other-' in r['id']:
            continue
        elif r['poisoned']:
            if r['under']:
                caught[r['id']] = max(caught.get(r['id'], -1e9), z[i])
            else:
                caught.setdefault(r['id'], -1e9)
        else:
            honest[r['id']] = max(honest.get(r['id'], -1e9), z[i])
    return caught, honest, tools


def threshold(caught, honest, tools):
    """The lowest score at which at most MAX_REAL_TOOLS of real tools and MAX_HONEST of honest cases flag."""
    t_real = np.quantile(np.array(list(tools.values())), 1 - MAX_REAL_TOOLS)
    t_honest = np.quantile(np.array(list(honest.values())), 1 - MAX_HONEST)
    return max(t_real, t_honest)


def report(title, caught, honest, tools, t, rows):
    kind = {r['id']: r['id'].split('/')[1] for r in rows if r['src'] == 'corpus'}
    c = sum(s >= t for s in caught.values())
    print(f'{title}: threshold {1 / (1 + math.exp(-t)):.3f}: caught {c}/{len(caught)}, '
          f'honest flagged {sum(s >= t for s in honest.values())}/{len(honest)}, '
          f'real tools flagged {sum(s >= t for s in tools.values())}/{len(tools)}')
    by = collections.defaultdict(lambda: [0, 0])
    for i, s in caught.items():
        by[kind[i]][0] += s >= t
        by[kind[i]][1] += 1
    print('  ' + ', '.join(f'{k} {a}/{n}' for k, (a, n) in sorted(by.items())))


def main():
    rows, names = load(sys.argv[1])
    data = Data(rows)
    print(f'{len(rows)} passages, {len(data.vocab)} features kept (in at least {MIN_GROUPS} groups)')
    z = np.zeros(len(rows))
    for k in range(FOLDS):
        w, b = train(data, data.fold != k)
        held = data.fold == k
        z[held] = data.scores(w, b)[held]
    caught, honest, tools = outcomes(data, z)
    t = threshold(caught, honest, tools)
    report('out of fold', caught, honest, tools, t, rows)
    if len(sys.argv) < 3:
        return
    w, b = train(data, np.ones(len(rows), dtype=bool))
    kept = sorted(np.flatnonzero(w), key=lambda i: data.vocab[i])
    write(sys.argv[2], data, names, w, b, kept, t, len(rows))


def write(path, data, names, w, b, kept, t, passages):
    corpus = len({r['id'] for r in data.rows if r['src'] == 'corpus' and '#other-' not in r['id']})
    servers = len({r['id'] for r in data.rows if r['src'] == 'real'})
    lines = ['// Generated by Tests/Fixtures/threats/train-reading.py; do not edit.',
             'extension ThreatReading {',
             f'    /// The reading trained on the threat corpus\'s train and retired parts ({corpus:,} cases) and the real',
             f'    /// servers of the evaluation set\'s train and retired parts ({servers:,} servers); {passages:,} passages,',
             f'    /// {len(kept):,} features.',
             f'    static let trained = ThreatReading(table: table, bias: {b:.4f}, threshold: {t:.4f})',
             '',
             '    /// One line per feature: its key (`ThreatFeatures.key`, hexadecimal), its weight, and what it is.',
             '    private static let table = #"""']
    for i in kept:
        key = data.vocab[i]
        name = names.get(key, '?').replace('\t', ' ').replace('\n', ' ').replace('"""', '" ""')
        lines.append(f'{key}\t{w[i]:.4f}\t{name}')
    lines += ['"""#', '}', '']
    open(path, 'w', encoding='utf-8').write('\n'.join(lines))


if __name__ == '__main__':
    main()
