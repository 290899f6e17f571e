// Runs the shared op vectors (protocol/src/test/resources/vectors/*.json) against the TypeScript
// apply, so the browser and the server agree on every op outcome and error code. A step may name
// the actor (CONTRACTS decision 3): `role` (default facilitator), `client` (default
// vector-client) and `boardLocked` (default false), plus `department` (default null), `server`
// (default false: the server's own edit) and `viewersComment` (default false: the board lets
// viewers comment). A rejection may name its exact `message` too.
import { describe, expect, it } from 'vitest';
import { actor, REPLAY } from '../src/model/actor';
import { BoardDoc } from '../src/model/doc';
import type { BoardElement, Op, Role } from '../src/model/types';

interface VectorStep {
  ops: Op[];
  expect: 'ok' | { error: string; message?: string };
  role?: Role;
  client?: string;
  boardLocked?: boolean;
  department?: string | null;
  server?: boolean;
  viewersComment?: boolean;
}

interface VectorCase {
  name: string;
  initial: BoardElement[];
  steps: VectorStep[];
  final: BoardElement[];
}

interface VectorSuite { name: string; cases: VectorCase[] }

// Vite reads the folder at transform time: a missing folder or one without vectors gives {}
const dir = '../../protocol/src/test/resources/vectors';
const suites = import.meta.glob<VectorSuite>('../../protocol/src/test/resources/vectors/*.json', { eager: true, import: 'default' });
const files = Object.keys(suites).map((path) => path.slice(path.lastIndexOf('/') + 1)).sort();

const byId = (els: BoardElement[]) => Object.fromEntries(els.map((e) => [e.id, e]));
const normalise = (e: BoardElement): BoardElement => ({ id: e.id, type: e.type, parent: e.parent ?? null, index: e.index, props: e.props ?? {} });

describe('shared op vectors', () => {
  it('vector folder holds vector files', () => {
    // without this the suite would pass by running nothing
    expect(files.length, `no *.json vectors in ${dir} (relative to web/test)`).toBeGreaterThan(0);
    expect(files).toContain('locks.json');
  });
  for (const file of files) {
    const suite = suites[`${dir}/${file}`];
    describe(`${file}: ${suite.name}`, () => {
      it('has cases', () => expect(suite.cases.length).toBeGreaterThan(0));
      for (const c of suite.cases) {
        it(c.name, () => {
          const doc = new BoardDoc(c.initial.map(normalise));
          c.steps.forEach((step, i) => {
            const before = byId(doc.toArray());
            const who = step.server ? REPLAY : actor(step.role ?? 'facilitator', step.client ?? 'vector-client', step.boardLocked ?? false, step.department ?? null, step.viewersComment ?? false);
            const r = doc.tryApply(step.ops, who);
            if (step.expect === 'ok') {
              expect(r.error?.code ?? 'ok', `step ${i}: ${r.error?.message}`).toBe('ok');
            } else {
              expect(r.error?.code ?? 'ok', `step ${i}: ${r.error?.message}`).toBe(step.expect.error);
              if (step.expect.message !== undefined) expect(r.error?.message, `step ${i}`).toBe(step.expect.message);
              expect(byId(doc.toArray()), `step ${i} must leave the document unchanged`).toEqual(before);
            }
          });
          expect(byId(doc.toArray())).toEqual(byId(c.final.map(normalise)));
        });
      }
    });
  }
});
