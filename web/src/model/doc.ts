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
    const keys = Object.keys(v);
    if (keys.length !== 2 || typeof v.zh !== 'string' || typeof v.en !== 'string') return 'INVALID_VALUE';
    return str(v.zh, l) ?? str(v.en, l);
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
  votes: int(0, Number.MAX_SAFE_INTEGER),
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
  stage: ['title', 'labels', 'color'],
  lane: ['title', 'labels', 'kind', 'color'],
  card: ['stage', 'text', 'color', 'emotion', 'mot', 'kano', 'csat', 'nps', 'ces', 'owner', 'votes'],
  sticky: ['text', 'color', 'votes', 'x', 'y', 'w', 'h'],
  text: ['text', 'color', 'x', 'y', 'w', 'h', 'size'],
  shape: ['text', 'color', 'x', 'y', 'w', 'h', 'shape'],
  connector: ['color', 'from', 'to'],
  ink: ['color', 'x', 'y', 'points', 'size'],
};
/** Properties an element of the type cannot exist without. */
const REQUIRED: Partial<Record<ElementType, readonly string[]>> = {
  card: ['stage'],
  connector: ['from', 'to'],
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
      if (opts.role === 'viewer') fail('FORBIDDEN', 'viewers cannot edit');
      if (!Array.isArray(ops)) fail('BAD_MESSAGE', 'ops must be an array');
      for (const op of ops) this.applyOne(op, limits, opts.role);
      if (this.els.size > limits.maxElements) fail('TOO_LARGE', `board exceeds ${limits.maxElements} elements`);
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
    if (!isObj(op)) fail('BAD_MESSAGE', 'an op must be an object');
    const o = op as unknown as Record<string, Json>;
    if (typeof o.op !== 'string') fail('BAD_MESSAGE', 'op needs an "op" field');
    switch (o.op) {
      case 'create': return this.create(o, limits, role);
      case 'update': return this.update(o, limits, role);
      case 'delete': return this.remove(o, role);
      case 'move': return this.move(o, role);
      case 'batch': {
        if (!Array.isArray(o.ops)) fail('BAD_MESSAGE', 'batch needs "ops"');
        for (const inner of o.ops) this.applyOne(inner as unknown as Op, limits, role);
        return;
      }
      default: fail('UNKNOWN_TYPE', `unknown op '${o.op}'`);
    }
  }

  private target(o: Record<string, Json>, what: string): BoardElement {
    if (typeof o.id !== 'string') fail('BAD_MESSAGE', `${what} needs an "id"`);
    const el = this.els.get(o.id);
    if (!el) fail('ELEMENT_NOT_FOUND', `${what}: no element '${o.id}'`);
    return el;
  }

  private checkRole(type: ElementType, role: Role | undefined, what: string): void {
    if (role === 'editor' && isStructural(type)) fail('FORBIDDEN', `${what}: only facilitators change stages and lanes`);
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

  private checkProps(type: ElementType, props: Record<string, Json>, limits: Limits, what: string): void {
    const allowed = PROPS_BY_TYPE[type];
    for (const [k, v] of Object.entries(props)) {
      if (!allowed.includes(k)) fail('INVALID_VALUE', `${what}: ${type} has no property '${k}'`);
      if (v === null) fail('INVALID_VALUE', `${what}: null is not a value (use unset)`);
      const code = PROP_CHECKS[k](v, limits);
      if (code) fail(code, `${what}: bad value for '${k}'`);
    }
  }

  private checkRefs(props: Record<string, Json>, what: string): void {
    if (typeof props.stage === 'string') {
      const s = this.els.get(props.stage);
      if (!s) fail('ELEMENT_NOT_FOUND', `${what}: no stage '${props.stage}'`);
      if (s.type !== 'stage') fail('INVALID_VALUE', `${what}: '${props.stage}' is not a stage`);
    }
    for (const k of ['from', 'to'] as const) {
      const ref = props[k];
      if (typeof ref === 'string') {
        const t = this.els.get(ref);
        if (!t) fail('ELEMENT_NOT_FOUND', `${what}: no element '${ref}'`);
        if (t.type === 'connector') fail('INVALID_VALUE', `${what}: a connector cannot attach to a connector`);
      }
    }
  }

  private create(o: Record<string, Json>, limits: Limits, role: Role | undefined): void {
    if (typeof o.id !== 'string' || typeof o.type !== 'string' || typeof o.index !== 'string')
      fail('BAD_MESSAGE', 'create needs "id", "type" and "index"');
    if (o.parent !== undefined && o.parent !== null && typeof o.parent !== 'string') fail('BAD_MESSAGE', 'create: bad "parent"');
    if (o.props !== undefined && !isObj(o.props)) fail('BAD_MESSAGE', 'create: "props" must be an object');
    const what = `create '${o.id}'`;
    if (!isValidId(o.id)) fail('INVALID_VALUE', `${what}: bad id`);
    if (!(ELEMENT_TYPES as readonly string[]).includes(o.type)) fail('UNKNOWN_TYPE', `${what}: unknown element type '${o.type}'`);
    const type = o.type as ElementType;
    this.checkRole(type, role, what);
    if (this.els.has(o.id)) fail('ELEMENT_EXISTS', `${what}: id already in use`);
    if (!isValidIndex(o.index)) fail('INVALID_VALUE', `${what}: bad index`);
    const parent = (o.parent ?? null) as string | null;
    const props = (o.props ?? {}) as Record<string, Json>;
    this.checkParent(type, parent, what);
    this.checkProps(type, props, limits, what);
    for (const r of REQUIRED[type] ?? []) if (props[r] === undefined) fail('INVALID_VALUE', `${what}: ${type} needs '${r}'`);
    this.checkRefs(props, what);
    this.put(o.id, { id: o.id, type, parent, index: o.index, props: { ...props } });
  }

  private update(o: Record<string, Json>, limits: Limits, role: Role | undefined): void {
    if (o.set !== undefined && !isObj(o.set)) fail('BAD_MESSAGE', 'update: "set" must be an object');
    if (o.unset !== undefined && (!Array.isArray(o.unset) || o.unset.some((u) => typeof u !== 'string')))
      fail('BAD_MESSAGE', 'update: "unset" must be an array of names');
    const el = this.target(o, 'update');
    const what = `update '${el.id}'`;
    this.checkRole(el.type, role, what);
    const set = (o.set ?? {}) as Record<string, Json>;
    const unset = (o.unset ?? []) as string[];
    this.checkProps(el.type, set, limits, what);
    const allowed = PROPS_BY_TYPE[el.type];
    for (const k of unset) {
      if (!allowed.includes(k)) fail('INVALID_VALUE', `${what}: ${el.type} has no property '${k}'`);
      if (k in set) fail('INVALID_VALUE', `${what}: '${k}' both set and unset`);
      if ((REQUIRED[el.type] ?? []).includes(k)) fail('INVALID_VALUE', `${what}: '${k}' cannot be unset`);
    }
    this.checkRefs(set, what);
    const props: Props = { ...el.props, ...set };
    for (const k of unset) delete props[k];
    this.put(el.id, { ...el, props });
  }

  private remove(o: Record<string, Json>, role: Role | undefined): void {
    const el = this.target(o, 'delete');
    this.checkRole(el.type, role, `delete '${el.id}'`);
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
    if (typeof o.index !== 'string') fail('BAD_MESSAGE', 'move needs "index"');
    if (o.parent !== undefined && o.parent !== null && typeof o.parent !== 'string') fail('BAD_MESSAGE', 'move: bad "parent"');
    const el = this.target(o, 'move');
    const what = `move '${el.id}'`;
    this.checkRole(el.type, role, what);
    if (!isValidIndex(o.index)) fail('INVALID_VALUE', `${what}: bad index`);
    const parent = o.parent === undefined ? el.parent : (o.parent as string | null);
    if (parent !== null && !this.els.has(parent)) fail('ELEMENT_NOT_FOUND', `${what}: no parent '${parent}'`);
    for (let p: string | null = parent; p !== null; p = this.els.get(p)?.parent ?? null) {
      if (p === el.id) fail('CYCLE', `${what}: under itself`);
    }
    this.checkParent(el.type, parent, what);
    this.put(el.id, { ...el, parent, index: o.index });
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
