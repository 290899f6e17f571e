// Restore in place (issue 17 §1): the difference between the board now and the board as it was
// becomes ordinary ops, sent as one message, so everyone sees it live and the restorer's own undo
// takes it back. Nothing after the restored point is destroyed: the history keeps it all.
//
// What a restore leaves alone: annotations (comments and named versions are about the board's
// story, not the map), private elements (my unshared notes are not in the public history), and
// server-only properties (feedback summaries, emotion rounds: no client may write them).
import type { BoardDoc } from '../model/doc';
import { DEPENDENCIES, isServerOnly } from '../model/props';
import type { BoardElement, Json, Op, Props } from '../model/types';
import { isAnnotation } from '../model/types';

/** The elements a restore works on: the map, shared. */
export const restorable = (e: BoardElement): boolean => !isAnnotation(e.type) && typeof e.props.private !== 'string';

const mapProps = (p: Readonly<Props>): Props => {
  const out: Props = {};
  for (const [k, v] of Object.entries(p)) if (!isServerOnly(k)) out[k] = v;
  return out;
};

/** Properties naming other elements that are not dependencies (model/rules.ts checkReferences). */
const REFERENCES: readonly string[] = ['addresses', 'scope', 'dept', 'measure', 'persona'];

const sameJson = (a: Json | undefined, b: Json | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Every string inside a value (ids hide in arrays and objects: addresses, scope, measure.touchpoint). */
function strings(v: Json | undefined, into: Set<string>): void {
  if (typeof v === 'string') into.add(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, into);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, into);
}

/**
 * The ops that turn `current` into `past` for the map: creates (parents and referenced elements
 * first), moves, updates (set / unset), then deletes (only the top of what goes: children,
 * a stage's cards and attached connectors go with it, as the document deletes them). Empty when
 * the map is already as it was.
 */
export function restoreOps(current: BoardDoc, past: BoardDoc): Op[] {
  const then = (id: string) => {
    const e = past.get(id);
    return e && restorable(e) ? e : undefined;
  };
  const ops: Op[] = [];

  // 1. creates of what is gone since, in an order where each one's parent and references exist
  const toCreate = new Map<string, BoardElement>();
  for (const e of past.values()) if (restorable(e) && !current.has(e.id)) toCreate.set(e.id, e);
  const deferred: Op[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const create = (e: BoardElement): void => {
    if (done.has(e.id)) return;
    visiting.add(e.id);
    const props = mapProps(e.props);
    const hard = new Set<string>();
    if (e.parent !== null) hard.add(e.parent);
    for (const k of DEPENDENCIES) if (typeof props[k] === 'string') hard.add(props[k] as string);
    for (const id of hard) {
      const dep = toCreate.get(id);
      if (dep && !visiting.has(dep.id)) create(dep);
    }
    // other references (addresses, persona, measure…) may form cycles: what is not created yet
    // is set by an update at the end
    const later: Props = {};
    for (const [k, v] of Object.entries(props)) {
      if (!REFERENCES.includes(k)) continue;
      const refs = new Set<string>();
      strings(v, refs);
      for (const id of refs) {
        if (id === e.id) continue;
        const dep = toCreate.get(id);
        if (!dep || done.has(id)) continue;
        if (!visiting.has(id)) create(dep);
        if (!done.has(id)) later[k] = v;
      }
    }
    for (const k of Object.keys(later)) delete props[k];
    ops.push({ op: 'create', id: e.id, type: e.type, parent: e.parent, index: e.index, props });
    if (Object.keys(later).length) deferred.push({ op: 'update', id: e.id, set: later });
    visiting.delete(e.id);
    done.add(e.id);
  };
  for (const e of toCreate.values()) create(e);
  ops.push(...deferred);

  // 2. moves and 3. updates of what is on both
  const updates: Op[] = [];
  for (const e of current.values()) {
    if (!restorable(e)) continue;
    const p = then(e.id);
    if (!p) continue;
    if (p.parent !== e.parent || p.index !== e.index) {
      ops.push(p.parent !== e.parent ? { op: 'move', id: e.id, parent: p.parent, index: p.index } : { op: 'move', id: e.id, index: p.index });
    }
    const before = mapProps(e.props), after = mapProps(p.props);
    const set: Props = {};
    const unset: string[] = [];
    for (const [k, v] of Object.entries(after)) if (!sameJson(before[k], v)) set[k] = v;
    for (const k of Object.keys(before)) if (!(k in after)) unset.push(k);
    if (Object.keys(set).length || unset.length) {
      updates.push({ op: 'update', id: e.id, ...(Object.keys(set).length ? { set } : {}), ...(unset.length ? { unset } : {}) });
    }
  }
  ops.push(...updates);

  // 4. deletes: what was not there then, except what goes with another deleted element
  const gone = [...current.values()].filter((e) => restorable(e) && !past.has(e.id)).map((e) => e.id);
  const goneSet = new Set(gone);
  const covered = new Set<string>();
  for (const id of gone) {
    for (const d of current.dependents(id)) if (d !== id && goneSet.has(d)) covered.add(d);
  }
  for (const id of gone) if (!covered.has(id)) ops.push({ op: 'delete', id });
  return ops;
}
