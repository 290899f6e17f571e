// The board document and the op semantics of PROTOCOL.md ("Ops", "Element model"), re-implemented
// for the browser: the one place of the client where edit rules live (roles, locks, scopes,
// server-only properties, private invisibility). The shared JSON vectors in
// protocol/src/test/resources/vectors keep this in step with Java's
// `Document.apply(ops, actor, limits)`, messages included.
import { Actor, isFacilitator } from './actor';
import { DEFAULT_LIMITS, DEPENDENCIES, isObj, isValidId, isValidIndex, Limits, ruleOf } from './props';
import { checkMayWrite, checkReferences, checkStructureRole, EditRules } from './rules';
import type { ScopeBlock } from './rules';
import * as Comments from './comments';
import type { BoardElement, CreateOp, DeleteOp, ElementType, ErrorCode, Json, MoveOp, Op, Props, UpdateOp } from './types';
import { ELEMENT_TYPES, FREE_TYPES, isAnnotation, OpError } from './types';
import { invalid } from './values';

export { DEFAULT_LIMITS, isStructural, isValidId, isValidIndex } from './props';
export { ScopeError } from './rules';
export type { ScopeBlock } from './rules';
export type { Limits } from './props';

/** Before/after of one element touched by an applied message (null = absent). */
export interface Change { id: string; before: BoardElement | null; after: BoardElement | null }

function fail(code: ErrorCode, message: string): never {
  throw new OpError(code, message);
}

/** Whether the element exists for the actor: another client's private element does not. */
export function sees(actor: Actor, e: BoardElement | undefined): e is BoardElement {
  if (!e) return false;
  if (actor.server) return true;
  const owner = e.props.private;
  return typeof owner !== 'string' || owner === actor.client;
}

const extOf = (e: BoardElement): string | null => (e.type === 'card' && typeof e.props.ext === 'string' ? e.props.ext : null);

export class BoardDoc {
  private readonly els = new Map<string, BoardElement>();
  /** ext key -> id of the card carrying it: `ext` is unique among a board's cards */
  private readonly byExt = new Map<string, string>();
  private readonly rules = new EditRules((id) => this.els.get(id));
  /** Bumped on every successful apply; lets views cache derived data. */
  version = 0;
  private journal: Map<string, BoardElement | null> | null = null;

  constructor(elements?: Iterable<BoardElement> | Map<string, BoardElement>) {
    if (elements) for (const e of elements instanceof Map ? elements.values() : elements) this.set(e.id, e);
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

  /** The card whose `ext` is `ext` (how integrations address cards), or undefined. */
  cardByExt(ext: string): BoardElement | undefined {
    const id = this.byExt.get(ext);
    return id === undefined ? undefined : this.els.get(id);
  }

  /**
   * Applies the ops of one message atomically: either all apply, or an OpError is thrown and the
   * document is unchanged. Returns the before/after of every element touched. Checks in the
   * server's order: the message shape (BAD_MESSAGE, UNKNOWN_TYPE), the role (FORBIDDEN), the board
   * lock (LOCKED, before any op is looked at), the message weight (TOO_LARGE), then each op.
   */
  apply(ops: readonly Op[], actor: Actor, limits: Limits = DEFAULT_LIMITS): Change[] {
    if (this.journal) throw new Error('re-entrant apply');
    checkShape(ops);
    Comments.checkRole(ops, actor, (id) => this.els.get(id));
    if (actor.boardLocked && !isFacilitator(actor)) fail('LOCKED', 'the facilitator has locked the board; your edit was not applied');
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
      for (const [id, before] of [...this.journal].reverse()) this.set(id, before);
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
    if (isFacilitator(actor)) return false;
    if (actor.boardLocked) return true;
    const el = this.els.get(id);
    return !!el && this.rules.lockOf(el, actor) !== null;
  }

  /**
   * Why the actor may not create, change, move or delete cards in this cell (the lane's or the
   * stage's department scope), or null if they may: apply() refuses such edits with FORBIDDEN and
   * this text. The UI asks it to show what one can edit.
   */
  scopeRefusal(laneId: string, stageId: string, actor: Actor): string | null {
    return this.rules.scopeRefusal(laneId, actor) ?? this.rules.scopeRefusal(stageId, actor);
  }

  /** The same answer as scopeRefusal, as data: the lane or stage that refuses and the departments it admits. */
  scopeBlock(laneId: string, stageId: string, actor: Actor): ScopeBlock | null {
    return this.rules.scopeBlock(laneId, actor) ?? this.rules.scopeBlock(stageId, actor);
  }

  /** The element as the actor sees it: another client's private element is an id that does not exist. */
  visible(id: string, actor: Actor): BoardElement | undefined {
    const e = this.els.get(id);
    return sees(actor, e) ? e : undefined;
  }

  /** The one mutation point: keeps the ext index in step with the element map. */
  private set(id: string, el: BoardElement | null): void {
    const prev = this.els.get(id);
    const prevExt = prev ? extOf(prev) : null;
    if (prevExt !== null && this.byExt.get(prevExt) === id) this.byExt.delete(prevExt);
    if (el) {
      this.els.set(id, el);
      const ext = extOf(el);
      if (ext !== null) this.byExt.set(ext, id);
    } else this.els.delete(id);
  }

  private put(id: string, el: BoardElement | null): void {
    const j = this.journal!;
    if (!j.has(id)) j.set(id, this.els.get(id) ?? null);
    this.set(id, el);
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

  private existing(id: string, op: string, actor: Actor): BoardElement {
    const el = this.visible(id, actor);
    if (!el) fail('ELEMENT_NOT_FOUND', `${op}: no element '${id}'`);
    return el;
  }

  /** A card may be edited only where both its lane's and its stage's scopes admit the actor. */
  private checkCardInScope(el: BoardElement, actor: Actor, op: string): void {
    if (el.type !== 'card') return;
    this.rules.checkInScope(el.parent, actor, op);
    this.rules.checkInScope(el.props.stage, actor, op);
  }

  private checkParent(type: ElementType, parent: string | null, op: string, actor: Actor): void {
    if (parent === null) {
      if (type === 'card') invalid(`${op}: a card belongs in a lane`);
      if (type === 'comment') invalid(`${op}: a comment belongs on a card or an item`);
      return;
    }
    const p = this.visible(parent, actor);
    if (!p) fail('ELEMENT_NOT_FOUND', `${op}: no parent '${parent}'`);
    const fits = type === 'card' ? p.type === 'lane'
      : type === 'comment' ? p.type === 'card' || (FREE_TYPES as readonly string[]).includes(p.type)
        : type === 'stage' || type === 'lane' || type === 'department' || type === 'version' ? false : p.type === 'shape';
    if (!fits) invalid(`${op}: a ${type} cannot be inside a ${p.type}`);
  }

  /** One property being set: known for the type, the actor's to write, a valid value, what it names exists. */
  private checkProp(self: string, type: ElementType, k: string, v: Json, limits: Limits, op: string, actor: Actor): void {
    const check = ruleOf(type, k);
    checkMayWrite(k, actor, op);
    check(`${type}.${k}`, v, limits);
    checkReferences(op, self, k, v, (id) => this.visible(id, actor), (id) => this.els.get(id));
    if (k === 'ext') {
      const owner = this.byExt.get(v as string);
      if (owner !== undefined && owner !== self) {
        invalid(`${op}: ext '${v}' is already used by ${this.visible(owner, actor) ? `card '${owner}'` : 'another card'}`);
      }
    }
  }

  private static checkRequired(type: ElementType, props: Props, op: string): void {
    const has = (k: string) => props[k] !== undefined;
    if (type === 'card' && !has('stage')) invalid(`${op}: a card needs a stage`);
    if (type === 'connector' && (!has('from') || !has('to'))) invalid(`${op}: a connector needs from and to`);
    if (type === 'lane' && !has('kind')) invalid(`${op}: a lane needs a kind`);
    if (type === 'department' && !has('labels') && !has('title')) invalid(`${op}: a department needs labels or a title`);
    if (type === 'comment' && !(has('text') && has('author') && has('by') && has('at'))) invalid(`${op}: a comment needs text, author, by and at`);
    if (type === 'version' && !(has('name') && has('seq') && has('at'))) invalid(`${op}: a version needs name, seq and at`);
  }

  private create(o: CreateOp, limits: Limits, actor: Actor): void {
    const { id, type } = o;
    if (!isValidId(id)) invalid(`create: bad element id '${id}'`);
    // a private element's id is taken too; ids are random, so this tells nothing about it
    if (this.els.has(id)) fail('ELEMENT_EXISTS', `create: element '${id}' exists`);
    Comments.checkMayCreate(type, actor);
    checkStructureRole(type, actor, 'create');
    if (!isValidIndex(o.index)) invalid(`create: bad fractional index '${o.index}'`);
    if (this.els.size >= limits.maxElements) fail('TOO_LARGE', `the board holds its limit of ${limits.maxElements} elements`);
    const parent = o.parent ?? null;
    const props: Props = o.props ?? {};
    for (const [k, v] of Object.entries(props)) this.checkProp(id, type, k, v, limits, 'create', actor);
    BoardDoc.checkRequired(type, props, 'create');
    this.checkParent(type, parent, 'create', actor);
    if (isAnnotation(type)) {
      // a comment is not an edit of its item: no lock or scope of the item applies
      Comments.checkCreated(o, props, parent === null ? undefined : this.els.get(parent), actor, (x) => this.els.get(x));
      this.put(id, { id, type, parent, index: o.index, props: { ...props } });
      return;
    }
    this.rules.checkNotLocked(parent, actor, 'create');
    if (type === 'card') {
      this.rules.checkNotLocked(props.stage, actor, 'create');
      this.rules.checkInScope(parent, actor, 'create');
      this.rules.checkInScope(props.stage, actor, 'create');
    }
    this.put(id, { id, type, parent, index: o.index, props: { ...props } });
  }

  private update(o: UpdateOp, limits: Limits, actor: Actor): void {
    const el = this.existing(o.id, 'update', actor);
    Comments.checkMapRole(el, actor);
    checkStructureRole(el.type, actor, 'update');
    if (isAnnotation(el.type)) Comments.checkUpdate(el, o, actor);
    else this.rules.checkUnlocked(el, actor, 'update');
    const set: Props = o.set ?? {};
    const unset: string[] = o.unset ?? [];
    const newStage = el.type === 'card' && 'stage' in set ? set.stage : undefined;
    this.rules.checkNotLocked(newStage, actor, 'update');
    this.checkCardInScope(el, actor, 'update');
    this.rules.checkInScope(newStage, actor, 'update');
    for (const k of unset) checkMayWrite(k, actor, 'update');
    const props: Props = { ...el.props };
    for (const [k, v] of Object.entries(set)) {
      if (unset.includes(k)) invalid(`update: '${k}' is both set and unset`);
      this.checkProp(el.id, el.type, k, v, limits, 'update', actor);
      props[k] = v;
    }
    for (const k of unset) {
      ruleOf(el.type, k);
      delete props[k];
    }
    BoardDoc.checkRequired(el.type, props, 'update');
    this.put(el.id, { ...el, props });
  }

  private remove(o: DeleteOp, actor: Actor): void {
    const el = this.existing(o.id, 'delete', actor);
    Comments.checkMapRole(el, actor);
    checkStructureRole(el.type, actor, 'delete');
    if (isAnnotation(el.type)) {
      Comments.checkDelete(el, actor);
    } else {
      this.rules.checkUnlocked(el, actor, 'delete');
      this.checkCardInScope(el, actor, 'delete');
    }
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
        if ((e.parent !== null && out.has(e.parent)) || DEPENDENCIES.some((k) => typeof e.props[k] === 'string' && out.has(e.props[k] as string))) {
          out.add(e.id);
          grew = true;
        }
      }
    }
    return out;
  }

  private move(o: MoveOp, actor: Actor): void {
    const el = this.existing(o.id, 'move', actor);
    Comments.checkMapRole(el, actor);
    if (isAnnotation(el.type)) Comments.checkMove(el);
    checkStructureRole(el.type, actor, 'move');
    this.rules.checkUnlocked(el, actor, 'move');
    const reparent = 'parent' in o && o.parent !== undefined;
    if (reparent) this.rules.checkNotLocked(o.parent, actor, 'move');
    this.checkCardInScope(el, actor, 'move');
    if (reparent && el.type === 'card') this.rules.checkInScope(o.parent, actor, 'move');
    if (!isValidIndex(o.index)) invalid(`move: bad fractional index '${o.index}'`);
    const parent = reparent ? (o.parent ?? null) : el.parent;
    if (reparent) {
      for (let p: string | null = parent; p !== null; p = this.els.get(p)?.parent ?? null) {
        if (p === el.id) fail('CYCLE', `move: '${el.id}' would be inside itself`);
      }
      this.checkParent(el.type, parent, 'move', actor);
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
