// Runs the shared op vectors (protocol/src/test/resources/vectors/*.json) against the TypeScript
// apply, so the browser and the server agree on every op outcome and error code. A step may name
// the actor (CONTRACTS decision 3): `role` (default facilitator), `client` (default
// vector-client) and `boardLocked` (default false).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { actor } from '../src/model/actor';
import { BoardDoc } from '../src/model/doc';
import type { BoardElement, Op, Role } from '../src/model/types';

interface VectorStep {
  ops: Op[];
  expect: 'ok' | { error: string };
  role?: Role;
  client?: string;
  boardLocked?: boolean;
}

interface VectorCase {
  name: string;
  initial: BoardElement[];
  steps: VectorStep[];
  final: BoardElement[];
}

const dir = resolve(__dirname, '../../protocol/src/test/resources/vectors');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];

const byId = (els: BoardElement[]) => Object.fromEntries(els.map((e) => [e.id, e]));
const normalise = (e: BoardElement): BoardElement => ({ id: e.id, type: e.type, parent: e.parent ?? null, index: e.index, props: e.props ?? {} });

describe('shared op vectors', () => {
  it('vector folder is present and holds vector files', () => {
    // without this the suite would pass by running nothing
    expect(existsSync(dir), `no vector folder at ${dir}`).toBe(true);
    expect(files.length, `no *.json vectors in ${dir}`).toBeGreaterThan(0);
    expect(files).toContain('locks.json');
  });
  for (const file of files) {
    const suite = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { name: string; cases: VectorCase[] };
    describe(`${file}: ${suite.name}`, () => {
      it('has cases', () => expect(suite.cases.length).toBeGreaterThan(0));
      for (const c of suite.cases) {
        it(c.name, () => {
          const doc = new BoardDoc(c.initial.map(normalise));
          c.steps.forEach((step, i) => {
            const before = byId(doc.toArray());
            const who = actor(step.role ?? 'facilitator', step.client ?? 'vector-client', step.boardLocked ?? false);
            const r = doc.tryApply(step.ops, who);
            if (step.expect === 'ok') {
              expect(r.error?.code ?? 'ok', `step ${i}: ${r.error?.message}`).toBe('ok');
            } else {
              expect(r.error?.code ?? 'ok', `step ${i}`).toBe(step.expect.error);
              expect(byId(doc.toArray()), `step ${i} must leave the document unchanged`).toEqual(before);
            }
          });
          expect(byId(doc.toArray())).toEqual(byId(c.final.map(normalise)));
        });
      }
    });
  }
});
