// Checks a JSON export before anything is created on the server, and says exactly what is wrong:
// which field of which element. The structure is checked first (format, version, the element
// list, each element's id, type, parent, index and props), then the create ops the import would
// send are applied to an empty document as the facilitator will apply them, so every rule of the
// model (values, references, limits) is checked here instead of failing half-way on the server.
// The problems are data (a message key and its values), the page translates them.
import { actor } from '../model/actor';
import { BoardDoc, DEFAULT_LIMITS, isValidId, isValidIndex, Limits } from '../model/doc';
import { randomId } from '../model/ids';
import { BoardElement, ELEMENT_TYPES, Op, OpError } from '../model/types';
import { EXPORT_FORMAT, importOps } from './exchange';

/** What is wrong, as a message key of the UI and its values; `detail` fills the key's {detail}. */
export interface ImportProblem { key: string; vars: Record<string, string | number>; detail?: ImportProblem }

export class ImportError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(`${problem.key} ${JSON.stringify(problem.vars)}`);
  }
}

export interface CheckedImport {
  title: string;
  ops: Op[];
  /** elements left out: they refer to elements that are not in the file */
  leftOut: number;
  /** vote totals (and other props only the server writes) were taken out */
  serverPropsDropped: boolean;
}

/** Properties only the server writes (client ops that set them are FORBIDDEN). */
const SERVER_ONLY = ['votes', 'private', 'feedback', 'emotionRounds'];

const fail = (key: string, vars: Record<string, string | number> = {}, detail?: ImportProblem): never => {
  throw new ImportError({ key, vars, detail });
};
const p = (key: string, vars: Record<string, string | number> = {}): ImportProblem => ({ key, vars });

function describe(e: unknown, i: number): string {
  const el = e as Partial<BoardElement> | null;
  const type = el && typeof el.type === 'string' ? el.type : '?';
  const id = el && typeof el.id === 'string' ? el.id : `#${i + 1}`;
  return `${type} “${id.slice(0, 40)}”`;
}

function checkElement(e: unknown, i: number): asserts e is BoardElement {
  const at = (key: string, vars: Record<string, string | number> = {}) =>
    fail('imp.element', { n: i + 1, what: describe(e, i) }, p(key, vars));
  if (!e || typeof e !== 'object' || Array.isArray(e)) at('imp.notObject');
  const el = e as Record<string, unknown>;
  if (!isValidId(el.id)) at('imp.badId', { field: 'id' });
  if (typeof el.type !== 'string' || !(ELEMENT_TYPES as readonly string[]).includes(el.type)) {
    at('imp.badType', { value: String(el.type).slice(0, 40), list: ELEMENT_TYPES.join(', ') });
  }
  if (el.parent !== null && !isValidId(el.parent)) at('imp.badId', { field: 'parent' });
  if (!isValidIndex(el.index)) at('imp.badIndex');
  if (!el.props || typeof el.props !== 'object' || Array.isArray(el.props)) at('imp.badProps');
}

/** Parses and checks an export; throws ImportError naming the first problem. */
export function checkImport(text: string, limits: Limits = DEFAULT_LIMITS): CheckedImport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    fail('imp.notJson', { detail: (e as Error).message });
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail('imp.notExport', {}, p('imp.notObject'));
  const d = data as Record<string, unknown>;
  if (d.format !== EXPORT_FORMAT) fail('imp.notExport', {}, p('imp.noFormat'));
  if (d.version !== undefined && d.version !== 1) fail('imp.notExport', {}, p('imp.badVersion', { v: String(d.version) }));
  if (!Array.isArray(d.elements)) fail('imp.notExport', {}, p('imp.noElements'));
  const elements = d.elements as unknown[];
  if (elements.length > limits.maxElements) fail('imp.failed', {}, p('imp.tooMany', { n: elements.length, max: limits.maxElements }));
  const seen = new Map<string, number>();
  elements.forEach((e, i) => {
    checkElement(e, i);
    const other = seen.get(e.id);
    if (other !== undefined) fail('imp.element', { n: i + 1, what: describe(e, i) }, p('imp.duplicate', { other: other + 1 }));
    seen.set(e.id, i);
  });

  let serverPropsDropped = false;
  const clean = (elements as BoardElement[]).map((e) => {
    if (!SERVER_ONLY.some((k) => k in e.props)) return e;
    serverPropsDropped = true;
    const props = { ...e.props };
    for (const k of SERVER_ONLY) delete props[k];
    return { ...e, props };
  });
  // the new ids, in the order importOps asks for them, lead back to the file's elements
  const origin = new Map<string, number>();
  let n = 0;
  const ops = importOps(clean, () => { const id = randomId(12); origin.set(id, n++); return id; });

  // apply them one by one as the facilitator of a new blank board will: the first refusal names its element
  const doc = new BoardDoc();
  const me = actor('facilitator', 'import');
  for (const op of ops) {
    try {
      doc.apply([op], me, limits);
    } catch (e) {
      if (!(e instanceof OpError)) throw e;
      const i = (op.op !== 'batch' ? origin.get(op.id) : undefined) ?? 0;
      // the model names the ids the import made up: say the file's ids instead
      const ids = elements as BoardElement[];
      const message = e.message.replace(/'([A-Za-z0-9_-]{12})'/g, (m, id: string) => (origin.has(id) ? `'${ids[origin.get(id)!].id}'` : m));
      fail('imp.element', { n: i + 1, what: describe(elements[i], i) }, p('imp.opRefused', { code: e.code, message }));
    }
  }
  return { title: typeof d.title === 'string' ? d.title : '', ops, leftOut: elements.length - ops.filter((op) => op.op === 'create').length, serverPropsDropped };
}
