// Runs the shared op vectors (protocol/src/test/resources/vectors/*.json) against the TypeScript
// apply, so the browser and the server agree on every op outcome and error code.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BoardDoc } from '../src/model/doc';
import type { BoardElement, Op } from '../src/model/types';

interface VectorCase {
  name: string;
  initial: BoardElement[];
  steps: { ops: Op[]; expect: 'ok' | { error: string }; role?: string }[];
  final: BoardElement[];
}

const dir = resolve(__dirname, '../../protocol/src/test/resources/vectors');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];

const byId = (els: BoardElement[]) => Object.fromEntries(els.map((e) => [e.id, e]));
const normalise = (e: BoardElement) => ({ id: e.id, type: e.type, parent: e.parent ?? null, index: e.index, props: e.props ?? {} });

describe('shared op vectors', () => {
  it('vector folder is present', () => {
    if (!files.length) console.warn(`no vectors found in ${dir}`);
    expect(true).toBe(true);
  });
  for (const file of files) {
    const suite = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { name: string; cases: VectorCase[] };
    describe(`${file}: ${suite.name}`, () => {
      for (const c of suite.cases) {
        it(c.name, () => {
          const doc = new BoardDoc(c.initial.map(normalise) as BoardElement[]);
          c.steps.forEach((step, i) => {
            const before = byId(doc.toArray());
            const opts = step.role ? { role: step.role as 'facilitator' | 'editor' | 'viewer' } : {};
            const r = doc.tryApply(step.ops, opts);
            if (step.expect === 'ok') {
              expect(r.error?.code ?? 'ok', `step ${i}: ${r.error?.message}`).toBe('ok');
            } else {
              expect(r.error?.code ?? 'ok', `step ${i}`).toBe(step.expect.error);
              expect(byId(doc.toArray()), `step ${i} must leave the document unchanged`).toEqual(before);
            }
          });
          expect(byId(doc.toArray())).toEqual(byId(c.final.map(normalise) as BoardElement[]));
        });
      }
    });
  }
});
