// What a copy of an element takes along (paste, duplicate, import, undo's re-creation): never the
// server-only props (vote totals, the private mark, feedback summaries, emotion-round results:
// the server writes those, and a client create naming them is FORBIDDEN), and soft references
// (`addresses`, `dept`, `persona`, `measure.touchpoint`, `scope`) only where they still name an
// element: remapped to the copy's id, kept, or dropped.
import { withoutServerOnly } from '../model/props';
import type { Json, Props } from '../model/types';

/** Where a referenced id points in the copy: a new id, the same id, or null to drop it. */
export type Remap = (id: string) => string | null;

/** The props of a copy that a client may create: server-only props left out, soft references remapped. */
export function copyProps(props: Readonly<Props>, remap: Remap): Props {
  const out = withoutServerOnly(props);
  for (const k of ['addresses', 'scope'] as const) {
    if (!Array.isArray(out[k])) continue;
    const ids = (out[k] as Json[]).map((id) => (typeof id === 'string' ? remap(id) : null)).filter((id): id is string => id !== null);
    if (ids.length) out[k] = [...new Set(ids)];
    else delete out[k];
  }
  for (const k of ['dept', 'persona'] as const) {
    if (typeof out[k] !== 'string') continue;
    const id = remap(out[k] as string);
    if (id === null) delete out[k];
    else out[k] = id;
  }
  const m = out.measure;
  if (m && typeof m === 'object' && !Array.isArray(m) && typeof m.touchpoint === 'string') {
    const id = remap(m.touchpoint);
    if (id === null) delete out.measure;
    else out.measure = { ...m, touchpoint: id };
  }
  return out;
}

/**
 * The props of a pasted or duplicated copy on the same board: what belongs to the original stays
 * with it too (`ext` is unique among cards, `top` is the original's rank, `locked` the
 * facilitator's decision about the original).
 */
export function pastedProps(props: Readonly<Props>, remap: Remap): Props {
  const out = copyProps(props, remap);
  delete out.ext;
  delete out.top;
  delete out.locked;
  return out;
}

/** Soft references from a card to other cards: a copy sets them once every copied card exists. */
const CARD_REFS = ['addresses', 'persona', 'measure'];

/**
 * Splits the props naming other cards off a copy's props, so that the copies are created first
 * and these set afterwards by an update (copies may name each other in any order).
 */
export function deferCardRefs(props: Props): { props: Props; later: Props | null } {
  const now: Props = {};
  const later: Props = {};
  for (const [k, v] of Object.entries(props)) (CARD_REFS.includes(k) ? later : now)[k] = v;
  return { props: now, later: Object.keys(later).length ? later : null };
}
