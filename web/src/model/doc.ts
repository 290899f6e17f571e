// The board document and the op semantics of PROTOCOL.md ("Ops", "Element model"), re-implemented
// for the browser. The shared JSON vectors in protocol/src/test/resources/vectors keep this in step
// with the Java implementation.
import {
  BoardElement, ElementType, ELEMENT_TYPES, ErrorCode, Json, KANO_VALUES, LANE_KINDS, Op, OpError, Props, Role,
} from './types';

export interface Limits { maxElements: number; maxTextLength: number; maxOpsPerMessage: number }
export const DEFAULT_LIMITS: Limits = { maxElements: 20000, maxTextLength: 10000, maxOpsPerMessage: 500 };

/** Before/after of one element touched by an applied message (null = absent). */
export interface Change { id: string; before: BoardElement | null; after: BoardElement | null }

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const INDEX_RE = /^[0-9A-Za-z]{0,63}[1-9A-Za-z]$/;
const COLOR_RE = /^#[0-9a-fA-F]{6}$/;

export const isValidId = (s: unknown): s is string => typeof s === 'string' && ID_RE.test(s);
export const isValidIndex = (s: unknown): s is string => typeof s === 'string' && INDEX_RE.test(s);

type PropCheck = (v: Json, limits: Limits) => ErrorCode | null;

const isObj = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const codePoints = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
};
const str: PropCheck = (v, l) => (typeof v !== 'string' ? 'INVALID_VALUE' : codePoints(v) > l.maxTextLength ? 'TOO_LARGE' : null);
const int = (min: number, max: number): PropCheck => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : 'INVALID_VALUE';
const finite: PropCheck = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : 'INVALID_VALUE');
const positive: PropCheck = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? null : 'INVALID_VALUE');
const oneOf = (values: readonly string[]): PropCheck => (v) => (typeof v === 'string' && values.includes(v) ? null : 'INVALID_VALUE');
const idRef: PropCheck = (v) => (isValidId(v) ? null : 'INVALID_VALUE');

const PROP_CHECKS: Record<string, PropCheck> = {
  title: str,
  labels: (v, l) => {
    if (!isObj(v)) return 'INVALID_VALUE';
    for (const [k, t] of Object.entries(v)) {
      if (k !== 'zh' && k !== 'en') return 'INVALID_VALUE';
      const code = str(t, l);
      if (code) return code;
    }
    return null;
  },
  kind: oneOf(LANE_KINDS),
  stage: idRef,
  text: str,
  color: (v) => (typeof v === 'string' && COLOR_RE.test(v) ? null : 'INVALID_VALUE'),
  emotion: int(-2, 2),
  mot: (v) => (typeof v === 'boolean' ? null : 'INVALID_VALUE'),
  kano: oneOf(KANO_VALUES),
  csat: int(1, 5),
  nps: int(-100, 100),
  ces: int(1, 7),
  owner: str,
  votes: int(0, 2147483647),
  locked: (v) => (typeof v === 'boolean' ? null : 'INVALID_VALUE'),
  private: idRef,
  x: finite,
  y: finite,
  w: positive,
  h: positive,
  shape: oneOf(['rect', 'ellipse']),
  from: idRef,
  to: idRef,
  points: (v) => {
    if (!Array.isArray(v) || v.length < 2 || v.length > 2000 || v.length % 2 !== 0) return 'INVALID_VALUE';
    for (const p of v) if (typeof p !== 'number' || !Number.isFinite(p)) return 'INVALID_VALUE';
    return null;
  },
  size: (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= 200 ? null : 'INVALID_VALUE'),
};

export const PROPS_BY_TYPE: Record<ElementType, readonly string[]> = {
  stage: ['title', 'labels', 'color', 'locked'],
  lane: ['title', 'labels', 'kind', 'color', 'locked'],
  card: ['stage', 'text', 'color', 'emotion', 'mot', 'kano', 'csat', 'nps', 'ces', 'owner', 'votes', 'locked', 'private'],
  sticky: ['text', 'color', 'votes', 'x', 'y', 'w', 'h', 'locked', 'private'],
  text: ['text', 'color', 'x', 'y', 'w', 'h', 'size', 'locked', 'private'],
  shape: ['text', 'color', 'x', 'y', 'w', 'h', 'shape', 'locked', 'private'],
  connector: ['color', 'from', 'to', 'locked', 'private'],
  ink: ['color', 'x', 'y', 'points', 'size', 'locked', 'private'],
};
/** Properties an element of the type cannot exist without. */
const REQUIRED: Partial<Record<ElementType, readonly string[]>> = {
  card: ['stage'],
  connector: ['from', 'to'],
  lane: ['kind'],
};

export function isStructural(type: ElementType): boolean {
  return type === 'stage' || type === 'lane';
}

function fail(code: ErrorCode, message: string): never {
  throw new OpError(code, message);
}

export interface ApplyOptions {
  limits?: Limits;
  /** When given, role rules are checked as the server does (viewer: nothing, editor: no stage/lane). */
  role?: Role;
}

export class BoardDoc {
  private readonly els: Map<string, BoardElement>;
  /** Bumped on every successful apply; lets views cache derived data. */
  version = 0;
  private journal: Map<string, BoardElement | null> | null = null;

  constructor(elements?: Iterable<BoardElement> | Map<string, BoardElement>) {
    if (elements instanceof Map) this.els = new Map(elements);
    else {
      this.els = new Map();
      if (elements) for (const e of elements) this.els.set(e.id, e);
    }
  }

  clone(): BoardDoc {
    const d = new BoardDoc(this.els);
    d.version = this.version;
    return d;
  }

  get size(): number { return this.els.size; }
  get(id: string): BoardElement | undefined { return this.els.get(id); }
  has(id: string): boolean { return this.els.has(id); }
  values(): IterableIterator<BoardElement> { return this.els.values(); }
  toArray(): BoardElement[] { return [...this.els.values()]; }

  /**
   * Applies the ops of one message atomically: either all apply, or an OpError is thrown and the
   * document is unchanged. Returns the before/after of every element touched.
   */
  apply(ops: readonly Op[], opts: ApplyOptions = {}): Change[] {
    const limits = opts.limits ?? DEFAULT_LIMITS;
    if (this.journal) throw new Error('re-entrant apply');
    this.journal = new Map();
    try {
      checkShape(ops);
      if (opts.role === 'viewer') fail('FORBIDDEN', 'viewers cannot edit');
      const weight = countOps(ops);
      if (weight > limits.maxOpsPerMessage) fail('TOO_LARGE', `${weight} ops in one message; the limit is ${limits.maxOpsPerMessage}`);
      for (const op of ops) this.applyOne(op, limits, opts.role);
      const changes: Change[] = [];
      for (const [id, before] of this.journal) {
        const after = this.els.get(id) ?? null;
        if (before !== after) changes.push({ id, before, after });
      }
      this.version++;
      return changes;
    } catch (e) {
      for (const [id, before] of this.journal) {
        if (before) this.els.set(id, before);
        else this.els.delete(id);
      }
      throw e;
    } finally {
      this.journal = null;
    }
  }

  /** Like apply, but answers the error code (or null) instead of throwing. */
  tryApply(ops: readonly Op[], opts: ApplyOptions = {}): { changes: Change[]; error: null } | { changes: null; error: OpError } {
    try {
      return { changes: this.apply(ops, opts), error: null };
    } catch (e) {
      if (e instanceof OpError) return { changes: null, error: e };
      throw e;
    }
  }

  private put(id: string, el: BoardElement | null): void {
    const j = this.journal!;
    if (!j.has(id)) j.set(id, this.els.get(id) ?? null);
    if (el) this.els.set(id, el);
    else this.els.delete(id);
  }

  private applyOne(op: Op, limits: Limits, role: Role | undefined): void {
    const o = op as unknown as Record<string, Json>;
    switch (op.op) {
      case 'create': return this.create(o, limits, role);
      case 'update': return this.update(o, limits, role);
      case 'delete': return this.remove(o, role);
      case 'move': return this.move(o, role);
      case 'batch': for (const inner of op.ops) this.applyOne(inner, limits, role); return;
    }
  }

  private target(o: Record<string, Json>, what: string): BoardElement {
    const el = this.els.get(o.id as string);
    if (!el) fail('ELEMENT_NOT_FOUND', `${what}: no element '${o.id}'`);
    return el;
  }

  private checkRole(type: ElementType, role: Role | undefined, what: string): void {
    if (role === 'editor' && isStructural(type)) fail('FORBIDDEN', `${what}: only facilitators change stages and lanes`);
  }

  /** `locked` and `private` are set by facilitators (and the server) only. */
  private checkFacilitatorProp(k: string, role: Role | undefined, what: string): void {
    if (role !== undefined && role !== 'facilitator' && (k === 'locked' || k === 'private')) fail('FORBIDDEN', `${what}: only a facilitator may change '${k}'`);
  }

  /** Locks bind everyone but facilitators: the element itself, its lane (parent) or its stage. */
  private checkUnlocked(el: BoardElement, role: Role | undefined, what: string): void {
    if (role === undefined || role === 'facilitator') return;
    this.checkNotLocked(el.id, what);
    this.checkNotLocked(el.parent, what);
    if (el.type === 'card') this.checkNotLocked(el.props.stage as string | undefined, what);
  }

  private checkNotLocked(id: string | null | undefined, what: string): void {
    if (id && this.els.get(id)?.props.locked === true) fail('LOCKED', `${what}: '${id}' is locked by the facilitator`);
  }

  private checkParent(type: ElementType, parent: string | null, what: string): void {
    if (parent === null) {
      if (type === 'card') fail('INVALID_VALUE', `${what}: a card needs a lane as parent`);
      return;
    }
    const p = this.els.get(parent);
    if (!p) fail('ELEMENT_NOT_FOUND', `${what}: no parent '${parent}'`);
    if (isStructural(type)) fail('INVALID_VALUE', `${what}: ${type} must be at the root`);
    if (type === 'card') {
      if (p.type !== 'lane') fail('INVALID_VALUE', `${what}: a card's parent must be a lane`);
    } else if (p.type !== 'shape') fail('INVALID_VALUE', `${what}: parent of a ${type} must be a shape or the root`);
  }

  /** One property: known for the type, a valid value, and an existing target for references. */
  private checkProp(type: ElementType, k: string, v: Json, limits: Limits, what: string): void {
    if (!PROPS_BY_TYPE[type].includes(k)) fail('INVALID_VALUE', `${what}: ${type} has no property '${k}'`);
    if (v === null || v === undefined) fail('INVALID_VALUE', `${what}: null is not a value (use unset)`);
    const code = PROP_CHECKS[k](v, limits);
    if (code) fail(code, `${what}: bad value for '${k}'`);
    if (k === 'stage' || k === 'from' || k === 'to') {
      const t = this.els.get(v as string);
      if (!t) fail('ELEMENT_NOT_FOUND', `${what}: ${k} '${v}' does not exist`);
      if (k === 'stage' ? t.type !== 'stage' : t.type === 'connector') fail('INVALID_VALUE', `${what}: ${k} cannot be a ${t.type}`);
    }
  }

  private checkRequired(type: ElementType, props: Record<string, Json>, what: string): void {
    for (const r of REQUIRED[type] ?? []) if (props[r] === undefined) fail('INVALID_VALUE', `${what}: a ${type} needs '${r}'`);
  }

  private create(o: Record<string, Json>, limits: Limits, role: Role | undefined): void {
    const id = o.id as string;
    const type = o.type as ElementType;
    const what = `create '${id}'`;
    if (!isValidId(id)) fail('INVALID_VALUE', `${what}: bad id`);
    if (this.els.has(id)) fail('ELEMENT_EXISTS', `${what}: id already in use`);
    this.checkRole(type, role, what);
    if (!isValidIndex(o.index)) fail('INVALID_VALUE', `${what}: bad index`);
    if (this.els.size >= limits.maxElements) fail('TOO_LARGE', `the board holds its limit of ${limits.maxElements} elements`);
    const parent = (o.parent ?? null) as string | null;
    const props = (o.props ?? {}) as Record<string, Json>;
    for (const [k, v] of Object.entries(props)) {
      this.checkProp(type, k, v, limits, what);
      this.checkFacilitatorProp(k, role, what);
    }
    this.checkRequired(type, props, what);
    this.checkParent(type, parent, what);
    if (role !== undefined && role !== 'facilitator') {
      this.checkNotLocked(parent, what);
      if (type === 'card') this.checkNotLocked(props.stage as string | undefined, what);
    }
    this.put(id, { id, type, parent, index: o.index as string, props: { ...props } });
  }

  private update(o: Record<string, Json>, limits: Limits, role: Role | undefined): void {
    const el = this.target(o, 'update');
    const what = `update '${el.id}'`;
    this.checkRole(el.type, role, what);
    this.checkUnlocked(el, role, what);
    const set = (o.set ?? {}) as Record<string, Json>;
    const unset = (o.unset ?? []) as string[];
    if (role !== undefined && role !== 'facilitator' && el.type === 'card' && typeof set.stage === 'string') this.checkNotLocked(set.stage, what);
    for (const k of [...Object.keys(set), ...unset]) this.checkFacilitatorProp(k, role, what);
    const props: Props = { ...el.props };
    for (const [k, v] of Object.entries(set)) {
      if (unset.includes(k)) fail('INVALID_VALUE', `${what}: '${k}' both set and unset`);
      this.checkProp(el.type, k, v, limits, what);
      props[k] = v;
    }
    for (const k of unset) {
      if (!PROPS_BY_TYPE[el.type].includes(k)) fail('INVALID_VALUE', `${what}: ${el.type} has no property '${k}'`);
      delete props[k];
    }
    this.checkRequired(el.type, props, what);
    this.put(el.id, { ...el, props });
  }

  private remove(o: Record<string, Json>, role: Role | undefined): void {
    const el = this.target(o, 'delete');
    this.checkRole(el.type, role, `delete '${el.id}'`);
    this.checkUnlocked(el, role, `delete '${el.id}'`);
    for (const id of this.dependents(el.id)) this.put(id, null);
  }

  /** The element and everything deleted with it: children, a stage's cards, attached connectors. */
  dependents(rootId: string): Set<string> {
    const out = new Set<string>([rootId]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const e of this.els.values()) {
        if (out.has(e.id)) continue;
        const p = e.props;
        if ((e.parent !== null && out.has(e.parent))
          || (e.type === 'card' && out.has(p.stage as string))
          || (e.type === 'connector' && (out.has(p.from as string) || out.has(p.to as string)))) {
          out.add(e.id);
          grew = true;
        }
      }
    }
    return out;
  }

  private move(o: Record<string, Json>, role: Role | undefined): void {
    const el = this.target(o, 'move');
    const what = `move '${el.id}'`;
    this.checkRole(el.type, role, what);
    this.checkUnlocked(el, role, what);
    if ('parent' in o && o.parent !== undefined && role !== undefined && role !== 'facilitator') this.checkNotLocked(o.parent as string | null, what);
    if (!isValidIndex(o.index)) fail('INVALID_VALUE', `${what}: bad index`);
    const reparent = 'parent' in o && o.parent !== undefined;
    const parent = reparent ? ((o.parent ?? null) as string | null) : el.parent;
    if (reparent) {
      for (let p: string | null = parent; p !== null; p = this.els.get(p)?.parent ?? null) {
        if (p === el.id) fail('CYCLE', `${what}: would be inside itself`);
      }
      this.checkParent(el.type, parent, what);
    }
    this.put(el.id, { ...el, parent, index: o.index as string });
  }
}

const reqString = (o: Record<string, Json>, f: string): void => {
  if (typeof o[f] !== 'string') fail('BAD_MESSAGE', `'${f}' must be a string`);
};
const nullableString = (o: Record<string, Json>, f: string): void => {
  if (o[f] !== undefined && o[f] !== null && typeof o[f] !== 'string') fail('BAD_MESSAGE', `'${f}' must be a string or null`);
};
const optionalObject = (o: Record<string, Json>, f: string): void => {
  if (o[f] !== undefined && o[f] !== null && !isObj(o[f])) fail('BAD_MESSAGE', `'${f}' must be an object`);
};

/** Shape of the ops (what the server's codec checks before applying anything): BAD_MESSAGE / UNKNOWN_TYPE. */
export function checkShape(ops: unknown): void {
  if (!Array.isArray(ops)) fail('BAD_MESSAGE', "'ops' must be an array");
  for (const op of ops) {
    if (!isObj(op)) fail('BAD_MESSAGE', 'an op must be an object');
    reqString(op, 'op');
    switch (op.op) {
      case 'create':
        reqString(op, 'type');
        if (!(ELEMENT_TYPES as readonly string[]).includes(op.type as string)) fail('UNKNOWN_TYPE', `create: unknown element type '${op.type}'`);
        reqString(op, 'id');
        nullableString(op, 'parent');
        reqString(op, 'index');
        optionalObject(op, 'props');
        break;
      case 'update':
        reqString(op, 'id');
        optionalObject(op, 'set');
        if (op.unset !== undefined && op.unset !== null && (!Array.isArray(op.unset) || op.unset.some((u) => typeof u !== 'string')))
          fail('BAD_MESSAGE', "'unset' must be an array of strings");
        break;
      case 'delete':
        reqString(op, 'id');
        break;
      case 'move':
        reqString(op, 'id');
        nullableString(op, 'parent');
        reqString(op, 'index');
        break;
      case 'batch':
        checkShape(op.ops);
        break;
      default:
        fail('UNKNOWN_TYPE', `unknown op '${op.op}'`);
    }
  }
}

/** Sibling order: plain ASCII comparison of index, ties by id. */
export function compareElements(a: BoardElement, b: BoardElement): number {
  if (a.index !== b.index) return a.index < b.index ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Counts ops the way the server limit does (nested batch ops included). */
export function countOps(ops: readonly Op[]): number {
  let n = 0;
  for (const op of ops) n += op.op === 'batch' ? 1 + countOps(op.ops) : 1;
  return n;
}
