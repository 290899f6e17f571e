// The board document and the op semantics of PROTOCOL.md ("Ops", "Element model"), re-implemented
// for the browser: the one place of the client where edit rules live, the lock rule included. The
// shared JSON vectors in protocol/src/test/resources/vectors keep this in step with Java's
// `Document.apply(ops, actor, limits)`.
import type { Actor } from './actor';
import {
  DEFAULT_LIMITS, FACILITATOR_ONLY, isObj, isStructural, isValidId, isValidIndex, Limits, PROP_CHECKS, PROPS_BY_TYPE,
  REFERENCES, REQUIRED,
} from './props';
import type { BoardElement, CreateOp, DeleteOp, ElementType, ErrorCode, Json, MoveOp, Op, Props, UpdateOp } from './types';
import { ELEMENT_TYPES, OpError } from './types';

export { DEFAULT_LIMITS, isStructural, isValidId, isValidIndex } from './props';
export type { Limits } from './props';

/** Before/after of one element touched by an applied message (null = absent). */
export interface Change { id: string; before: BoardElement | null; after: BoardElement | null }

function fail(code: ErrorCode, message: string): never {
  throw new OpError(code, message);
}

const bindsLocks = (actor: Actor): boolean => actor.role !== 'facilitator';

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
   * document is unchanged. Returns the before/after of every element touched. Checks in the
   * server's order: the message shape (BAD_MESSAGE, UNKNOWN_TYPE), the role (FORBIDDEN), the board
   * lock (LOCKED, before any op is looked at), the message weight (TOO_LARGE), then each op.
   */
  apply(ops: readonly Op[], actor: Actor, limits: Limits = DEFAULT_LIMITS): Change[] {
    if (this.journal) throw new Error('re-entrant apply');
    checkShape(ops);
    if (actor.role === 'viewer') fail('FORBIDDEN', 'a viewer may not edit this board');
    if (actor.boardLocked && bindsLocks(actor)) fail('LOCKED', 'the board is locked by the facilitator');
    const weight = countOps(ops);
    if (weight > limits.maxOpsPerMessage) fail('TOO_LARGE', `${weight} ops in one message; the limit is ${limits.maxOpsPerMessage}`);
    this.journal = new Map();
    try {
      for (const op of ops) this.applyOne(op, actor, limits);
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

  /** Like apply, but answers the error (or null) instead of throwing. */
  tryApply(ops: readonly Op[], actor: Actor, limits: Limits = DEFAULT_LIMITS): { changes: Change[]; error: null } | { changes: null; error: OpError } {
    try {
      return { changes: this.apply(ops, actor, limits), error: null };
    } catch (e) {
      if (e instanceof OpError) return { changes: null, error: e };
      throw e;
    }
  }

  /**
   * Would an edit of the element by this actor be refused with LOCKED? The same rule apply()
   * enforces: the board lock, or a lock on the element, its lane (parent) or its stage; none of
   * them binds a facilitator. The UI asks this to offer or hide editing.
   */
  isLockedFor(id: string, actor: Actor): boolean {
    if (!bindsLocks(actor)) return false;
    if (actor.boardLocked) return true;
    const el = this.els.get(id);
    return !!el && this.lockOf(el) !== null;
  }

  /** The id of what locks the element (itself, its parent or its stage), or null. */
  private lockOf(el: BoardElement): string | null {
    for (const id of [el.id, el.parent, el.props.stage]) if (this.isLocked(id)) return id as string;
    return null;
  }

  private isLocked(id: Json | undefined): boolean {
    return typeof id === 'string' && this.els.get(id)?.props.locked === true;
  }

  private put(id: string, el: BoardElement | null): void {
    const j = this.journal!;
    if (!j.has(id)) j.set(id, this.els.get(id) ?? null);
    if (el) this.els.set(id, el);
    else this.els.delete(id);
  }

  private applyOne(op: Op, actor: Actor, limits: Limits): void {
    switch (op.op) {
      case 'create': return this.create(op, limits, actor);
      case 'update': return this.update(op, limits, actor);
      case 'delete': return this.remove(op, actor);
      case 'move': return this.move(op, actor);
      case 'batch': for (const inner of op.ops) this.applyOne(inner, actor, limits); return;
    }
  }

  private target(id: string, what: string): BoardElement {
    const el = this.els.get(id);
    if (!el) fail('ELEMENT_NOT_FOUND', `${what}: no element '${id}'`);
    return el;
  }

  private checkRole(type: ElementType, actor: Actor, what: string): void {
    if (actor.role !== 'facilitator' && isStructural(type)) fail('FORBIDDEN', `${what}: only facilitators change stages and lanes`);
  }

  private checkFacilitatorProp(k: string, actor: Actor, what: string): void {
    if (actor.role !== 'facilitator' && FACILITATOR_ONLY.includes(k)) fail('FORBIDDEN', `${what}: only a facilitator may change '${k}'`);
  }

  /** Locks bind everyone but facilitators: the element itself, its lane (parent) or its stage. */
  private checkUnlocked(el: BoardElement, actor: Actor, what: string): void {
    if (!bindsLocks(actor)) return;
    const lock = this.lockOf(el);
    if (lock !== null) fail('LOCKED', `${what}: '${lock}' is locked by the facilitator`);
  }

  /** A place an element goes to (a lane, a stage, a frame) must not be locked either. */
  private checkTargetUnlocked(id: Json | undefined, actor: Actor, what: string): void {
    if (bindsLocks(actor) && this.isLocked(id)) fail('LOCKED', `${what}: '${id}' is locked by the facilitator`);
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
    if (REFERENCES.includes(k)) {
      const t = this.els.get(v as string);
      if (!t) fail('ELEMENT_NOT_FOUND', `${what}: ${k} '${v}' does not exist`);
      if (k === 'stage' ? t.type !== 'stage' : t.type === 'connector') fail('INVALID_VALUE', `${what}: ${k} cannot be a ${t.type}`);
    }
  }

  private checkRequired(type: ElementType, props: Props, what: string): void {
    for (const r of REQUIRED[type] ?? []) if (props[r] === undefined) fail('INVALID_VALUE', `${what}: a ${type} needs '${r}'`);
  }

  private create(o: CreateOp, limits: Limits, actor: Actor): void {
    const { id, type } = o;
    const what = `create '${id}'`;
    if (!isValidId(id)) fail('INVALID_VALUE', `${what}: bad id`);
    if (this.els.has(id)) fail('ELEMENT_EXISTS', `${what}: id already in use`);
    this.checkRole(type, actor, what);
    if (!isValidIndex(o.index)) fail('INVALID_VALUE', `${what}: bad index`);
    if (this.els.size >= limits.maxElements) fail('TOO_LARGE', `the board holds its limit of ${limits.maxElements} elements`);
    const parent = o.parent ?? null;
    const props: Props = o.props ?? {};
    for (const [k, v] of Object.entries(props)) {
      this.checkProp(type, k, v, limits, what);
      this.checkFacilitatorProp(k, actor, what);
    }
    this.checkRequired(type, props, what);
    this.checkParent(type, parent, what);
    this.checkTargetUnlocked(parent, actor, what);
    if (type === 'card') this.checkTargetUnlocked(props.stage, actor, what);
    this.put(id, { id, type, parent, index: o.index, props: { ...props } });
  }

  private update(o: UpdateOp, limits: Limits, actor: Actor): void {
    const el = this.target(o.id, 'update');
    const what = `update '${el.id}'`;
    this.checkRole(el.type, actor, what);
    this.checkUnlocked(el, actor, what);
    const set: Props = o.set ?? {};
    const unset: string[] = o.unset ?? [];
    if (el.type === 'card') this.checkTargetUnlocked(set.stage, actor, what);
    for (const k of [...Object.keys(set), ...unset]) this.checkFacilitatorProp(k, actor, what);
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

  private remove(o: DeleteOp, actor: Actor): void {
    const el = this.target(o.id, 'delete');
    this.checkRole(el.type, actor, `delete '${el.id}'`);
    this.checkUnlocked(el, actor, `delete '${el.id}'`);
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

  private move(o: MoveOp, actor: Actor): void {
    const el = this.target(o.id, 'move');
    const what = `move '${el.id}'`;
    this.checkRole(el.type, actor, what);
    this.checkUnlocked(el, actor, what);
    const reparent = 'parent' in o && o.parent !== undefined;
    if (reparent) this.checkTargetUnlocked(o.parent, actor, what);
    if (!isValidIndex(o.index)) fail('INVALID_VALUE', `${what}: bad index`);
    const parent = reparent ? (o.parent ?? null) : el.parent;
    if (reparent) {
      for (let p: string | null = parent; p !== null; p = this.els.get(p)?.parent ?? null) {
        if (p === el.id) fail('CYCLE', `${what}: would be inside itself`);
      }
      this.checkParent(el.type, parent, what);
    }
    this.put(el.id, { ...el, parent, index: o.index });
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
export function checkShape(ops: unknown): asserts ops is Op[] {
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
