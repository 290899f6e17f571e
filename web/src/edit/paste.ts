// Copy and paste of board items: what a copy takes along, the clipboard text format, and the ops
// that paste copies with fresh ids (cards into a cell, free items offset or at the pointer).
import { compareElements } from '../model/doc';
import type { BoardDoc } from '../model/doc';
import { keysBetween } from '../model/fracindex';
import type { BoardElement, Op, Props } from '../model/types';
import { cellAt, GridLayout } from '../render/layout';
import { round1 } from './geometry';
import { deferCardRefs, pastedProps } from './copy-props';
import { lastIndexIn, nextFreeIndex } from './indices';
import { isStructural } from '../model/props';

const CLIP_TAG = 'journey-board/clip';

/**
 * The elements a copy of the selection takes: cards and free items (no stages, lanes or
 * departments), a frame's children, and connectors whose both ends are copied (none with a
 * missing end).
 */
export function clipElements(doc: BoardDoc, selection: Iterable<string>): BoardElement[] {
  const out = new Map<string, BoardElement>();
  for (const id of selection) {
    const el = doc.get(id);
    if (!el || isStructural(el.type)) continue;
    out.set(id, el);
    if (el.type === 'shape') for (const c of doc.values()) if (c.parent === id && c.type !== 'connector') out.set(c.id, c);
  }
  for (const e of doc.values()) {
    if (e.type === 'connector' && out.has(e.props.from as string) && out.has(e.props.to as string)) out.set(e.id, e);
  }
  for (const [id, e] of out) if (e.type === 'connector' && !(out.has(e.props.from as string) && out.has(e.props.to as string))) out.delete(id);
  return [...out.values()];
}

/** The clipboard text of copied elements (JSON, so another tab of the app can paste them). */
export function clipText(els: readonly BoardElement[]): string {
  return JSON.stringify({ type: CLIP_TAG, elements: els });
}

/** Copied elements in clipboard text; null for other JSON, undefined for text that is not JSON. */
export function parseClipText(text: string): BoardElement[] | null | undefined {
  try {
    const data = JSON.parse(text) as { type?: string; elements?: BoardElement[] };
    return data.type === CLIP_TAG && Array.isArray(data.elements) ? data.elements : null;
  } catch {
    return undefined;
  }
}

/**
 * Create ops for copies of els with ids from newId: cards at the end of their own cell (or all in
 * the cell under `at` when they came from one cell), free items 24 px down-right (or with their
 * top-left at `at`), frames before their children, connectors after both ends. Copies carry no
 * server-only props (`votes` are a vote's result, `private` the server's mark) and none of what
 * belongs to the original (`ext`, `top`, `locked`); their soft references point to the copied
 * element where it was copied too, else to the original one if it is still on the board.
 */
export function pasteOps(doc: BoardDoc, L: GridLayout, els: readonly BoardElement[], at: { x: number; y: number } | null, newId: () => string): Op[] {
  const ids = new Map<string, string>();
  for (const e of els) ids.set(e.id, newId());
  const cards = els.filter((e) => e.type === 'card').sort(compareElements);
  const free = els.filter((e) => e.type !== 'card' && !isStructural(e.type));
  const remap = (id: string) => ids.get(id) ?? (doc.has(id) ? id : null);
  const ops: Op[] = [];
  const refs: Op[] = []; // card-to-card references, set once every copy exists
  const cellsOf = new Set(cards.map((c) => `${c.parent}|${c.props.stage}`));
  const hover = at ? cellAt(L, at.x, at.y) : null;
  const byCell = new Map<string, BoardElement[]>();
  for (const c of cards) {
    let key = `${c.parent}|${c.props.stage}`;
    if (hover && cellsOf.size === 1) key = `${hover.lane.el.id}|${hover.stage.el.id}`;
    const [lane, stage] = key.split('|');
    if (!doc.get(lane) || doc.get(stage)?.type !== 'stage') continue;
    (byCell.get(key) ?? byCell.set(key, []).get(key)!).push(c);
  }
  for (const [key, list] of byCell) {
    const [lane, stage] = key.split('|');
    const keys = keysBetween(lastIndexIn(L, lane, stage), null, list.length);
    list.forEach((c, i) => {
      const { props, later } = deferCardRefs({ ...pastedProps(c.props, remap), stage });
      ops.push({ op: 'create', id: ids.get(c.id)!, type: 'card', parent: lane, index: keys[i], props });
      if (later) refs.push({ op: 'update', id: ids.get(c.id)!, set: later });
    });
  }
  // free items: translate as a group
  let dx = 24, dy = 24;
  const pos = free.filter((f) => typeof f.props.x === 'number');
  if (at && pos.length) {
    dx = at.x - Math.min(...pos.map((f) => f.props.x as number));
    dy = at.y - Math.min(...pos.map((f) => f.props.y as number));
  }
  const rank = (e: BoardElement) => (e.type === 'shape' ? 0 : e.type === 'connector' ? 2 : 1);
  const freeKeys = keysBetween(nextFreeIndex(doc), null, free.length);
  [...free].sort((a, b) => rank(a) - rank(b)).forEach((f, i) => {
    const props: Props = pastedProps(f.props, remap);
    if (typeof props.x === 'number') { props.x = round1(props.x + dx); props.y = round1((props.y as number) + dy); }
    if (f.type === 'connector') {
      const from = ids.get(props.from as string), to = ids.get(props.to as string);
      if (!from || !to) return;
      props.from = from;
      props.to = to;
    }
    const parent = f.parent && ids.has(f.parent) ? ids.get(f.parent)! : null;
    ops.push({ op: 'create', id: ids.get(f.id)!, type: f.type, parent, index: parent ? f.index : freeKeys[i], props });
  });
  // connectors must come after both ends
  ops.sort((a, b) => (isConnectorCreate(a) ? 1 : 0) - (isConnectorCreate(b) ? 1 : 0));
  return [...ops, ...refs];
}

function isConnectorCreate(op: Op): boolean { return op.op === 'create' && op.type === 'connector'; }
