// JSON export of a board, and import of such an export into a new board as batches of create
// ops that respect the server's per-message limits.
import { BoardDoc, compareElements } from '../model/doc';
import type { BoardElement, Op } from '../model/types';
import { randomId } from '../model/ids';
import { copyProps, deferCardRefs } from '../edit/copy-props';

export const EXPORT_FORMAT = 'journey-board';

export interface BoardExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  title: string;
  exportedAt: string;
  seq: number | null;
  elements: BoardElement[];
}

export function exportBoard(doc: BoardDoc, title: string, seq: number | null): BoardExport {
  const elements = doc.toArray().sort((a, b) => a.type.localeCompare(b.type) || compareElements(a, b));
  return { format: EXPORT_FORMAT, version: 1, title, exportedAt: new Date().toISOString(), seq, elements };
}

export function parseExport(text: string): BoardExport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('not JSON');
  }
  const d = data as Partial<BoardExport>;
  if (!d || typeof d !== 'object' || d.format !== EXPORT_FORMAT || !Array.isArray(d.elements)) throw new Error('not a Journey Board export');
  for (const e of d.elements) {
    if (!e || typeof e.id !== 'string' || typeof e.type !== 'string' || typeof e.index !== 'string') throw new Error('bad element in export');
  }
  return { format: EXPORT_FORMAT, version: 1, title: typeof d.title === 'string' ? d.title : '', exportedAt: d.exportedAt ?? '', seq: d.seq ?? null, elements: d.elements };
}

const RANK: Record<string, number> = { department: 0, stage: 0, lane: 1, shape: 2, card: 3, sticky: 4, text: 4, ink: 4, connector: 5 };

/**
 * Create ops for the elements with fresh ids (references remapped), ordered so that every
 * element comes after what it refers to (parents, stages, connector ends; references between
 * cards are set by updates after every create). Server-only props
 * (vote totals, feedback summaries, emotion-round results, private marks) are left out: a client
 * may not write them, so the imported board starts without them.
 */
export function importOps(elements: readonly BoardElement[], newId: () => string = () => randomId(12)): Op[] {
  const ids = new Map<string, string>();
  for (const e of elements) ids.set(e.id, newId());
  const byId = new Map(elements.map((e) => [e.id, e]));
  const depth = (e: BoardElement): number => {
    let d = 0;
    for (let p = e.parent; p && d < 100; p = byId.get(p)?.parent ?? null) d++;
    return d;
  };
  const sorted = [...elements].sort((a, b) => RANK[a.type] - RANK[b.type] || depth(a) - depth(b));
  const out: Op[] = [];
  const refs: Op[] = []; // card-to-card references, set once every card exists
  for (const e of sorted) {
    const copied = deferCardRefs(copyProps(e.props, (id) => ids.get(id) ?? null));
    const props = copied.props;
    for (const k of ['stage', 'from', 'to'] as const) {
      if (typeof props[k] === 'string') {
        const m = ids.get(props[k] as string);
        if (!m) continue;
        props[k] = m;
      }
    }
    // drop references to elements that are not in the export (they would be rejected)
    if (e.type === 'card' && (typeof props.stage !== 'string' || !byId.has(e.props.stage as string))) continue;
    if (e.type === 'connector' && (!byId.has(e.props.from as string) || !byId.has(e.props.to as string))) continue;
    const parent = e.parent === null ? null : ids.get(e.parent) ?? null;
    if (e.parent !== null && parent === null) continue;
    out.push({ op: 'create', id: ids.get(e.id)!, type: e.type, parent, index: e.index, props });
    if (copied.later) refs.push({ op: 'update', id: ids.get(e.id)!, set: copied.later });
  }
  return [...out, ...refs];
}

/** Splits ops into messages of at most maxOps ops and about maxBytes of JSON each. */
export function chunkOps(ops: readonly Op[], maxOps = 500, maxBytes = 200_000): Op[][] {
  const chunks: Op[][] = [];
  let cur: Op[] = [];
  let bytes = 0;
  for (const op of ops) {
    const size = new TextEncoder().encode(JSON.stringify(op)).length + 1;
    if (cur.length && (cur.length >= maxOps || bytes + size > maxBytes)) {
      chunks.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(op);
    bytes += size;
  }
  if (cur.length) chunks.push(cur);
  return chunks;
}

/** Converts an example journey (shared/examples shape) to create ops: for demos and fixtures. */
export interface ExampleJourney {
  title: { zh: string; en: string };
  stages: { key: string; zh: string; en: string }[];
  lanes: { key: string; kind: string; zh: string; en: string }[];
  cards: ({ stage: string; lane: string; zh: string; en: string } & Record<string, unknown>)[];
}
