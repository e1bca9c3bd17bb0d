#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Prints row counts of data/keywords/*.tsv per file, per derivation and per area × language
# (Markdown tables for docs/keywords.md). Usage: scripts/keyword_counts.py [data/keywords]
import collections, glob, os, sys
d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'data', 'keywords')
per_file, area, deriv = {}, collections.Counter(), collections.Counter()
for p in sorted(glob.glob(os.path.join(d, '*.tsv'))):
    if p.endswith('readiness_cues.tsv'): continue
    rows = [l.rstrip('\n').split('\t') for l in open(p, encoding='utf-8') if l.strip() and not l.startswith('#')]
    hdr, rows = rows[0], rows[1:]
    c = collections.Counter(r[hdr.index('lang')] for r in rows)
    per_file[os.path.basename(p)] = (len(rows), c['ja'], c['en'])
    for r in rows:
        deriv[r[hdr.index('derivation')]] += 1
        for a in r[hdr.index('areas')].split(';'): area[(int(a), r[hdr.index('lang')])] += 1
print('| file | rows | ja | en |\n|---|---:|---:|---:|')
for f, (n, ja, en) in per_file.items(): print(f'| {f} | {n} | {ja} | {en} |')
print(f'| **total** | {sum(v[0] for v in per_file.values())} | {sum(v[1] for v in per_file.values())} | {sum(v[2] for v in per_file.values())} |\n')
print('| derivation | rows |\n|---|---:|')
for k, v in sorted(deriv.items()): print(f'| {k} | {v} |')
print('\n| area | ja | en |\n|---|---:|---:|')
for a in range(1, 21): print(f'| {a} | {area[(a, "ja")]} | {area[(a, "en")]} |')
