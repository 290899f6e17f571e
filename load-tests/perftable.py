#!/usr/bin/env python3
"""Prints a Markdown row per load-test report: python3 perftable.py FILE.json ... (key numbers only)."""
import json, sys, os
def f(x, n=1):
    return '-' if x is None or isinstance(x, str) else (f"{x:,.{n}f}")
rows = []
print("| run | kept up | op p50 / p99 / p99.9 (ms) | presence p99 | join p99 | fsync p99 | server cores | CPU-s / 1,000 delivered | RSS peak (MiB) | RSS / conn (KiB) | held / disconnects | other procs | targets |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for p in sys.argv[1:]:
    d = json.load(open(p))
    L = d['latency']; s = d['server']; g = d['generator']; c = d['connections']
    op = L.get('opDelivery', {}); pr = L.get('presence', {}); j = L.get('join', {})
    kept = 'yes' if g['verdict']['keptUp'] else 'no'
    t = '; '.join(('met' if x['met'] else ('missed' if kept=='yes' else 'n/a')) + ': ' + x['what'].split(' <=')[0][:40] + ' ' + str(x['measured']) for x in d.get('targets', []))
    name = os.path.basename(p).rsplit('-2026', 1)[0]
    print(f"| {name} | {kept} | {f(op.get('p50_ms'))} / **{f(op.get('p99_ms'))}** / {f(op.get('p999_ms'))} | {f(pr.get('p99_ms'))} | {f(j.get('p99_ms'))} | {f(d['disk']['fsync'].get('p99_ms'),2)} | {f(s['cpuCores'],2)} | {f(s.get('cpuSecondsPer1000DeliveredOps'),4)} | {f(s['rssPeakBytes']/2**20,0)} | {f(s['rssPerConnectionBytes']/1024,1)} | {c['held']} / {c['disconnects']} | {f(g['otherProcessesCores'],2)} | {t} |")
