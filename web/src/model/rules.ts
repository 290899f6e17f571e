// Who may write what, and what references must name (Java: protocol's `EditRules` and
// `References`), for BoardDoc: structure elements and facilitator-only properties (FORBIDDEN),
// server-only properties (FORBIDDEN for every client), element, lane and stage locks (LOCKED),
// department scopes of lanes and stages (FORBIDDEN), and the elements a property names
// (ELEMENT_NOT_FOUND when missing or another client's private element, INVALID_VALUE when of the
// wrong kind). Messages are Java's, word for word.
import { Actor, isFacilitator } from './actor';
import { FACILITATOR_ONLY, isStructural, SERVER_ONLY } from './props';
import type { BoardElement, ElementType, Json } from './types';
import { OpError } from './types';
import { invalid } from './values';

type Lookup = (id: string) => BoardElement | undefined;

export function checkStructureRole(type: ElementType, actor: Actor, op: string): void {
  if (isStructural(type) && !isFacilitator(actor)) throw new OpError('FORBIDDEN', `${op}: only a facilitator may change ${type}s`);
}

/** Setting or unsetting `prop`: server-only properties are the server's, facilitator-only ones facilitators'. */
export function checkMayWrite(prop: string, actor: Actor, op: string): void {
  if (Object.prototype.hasOwnProperty.call(SERVER_ONLY, prop) && !actor.server) throw new OpError('FORBIDDEN', `${op}: '${prop}' ${SERVER_ONLY[prop]}`);
  if (!isFacilitator(actor) && FACILITATOR_ONLY.includes(prop)) throw new OpError('FORBIDDEN', `${op}: only a facilitator may change '${prop}'`);
}

/** How messages name a stage, lane or department: its title, else its Chinese label, else its English one, else its id. */
export function displayName(e: BoardElement): string {
  const title = e.props.title;
  if (typeof title === 'string' && title !== '') return title;
  const labels = e.props.labels as Record<string, Json> | undefined;
  for (const lang of ['zh', 'en']) {
    const l = labels && typeof labels === 'object' ? labels[lang] : undefined;
    if (typeof l === 'string' && l !== '') return l;
  }
  return e.id;
}

/** A lane or stage whose department scope refuses an actor, and the departments it admits (those that still exist). */
export interface ScopeBlock { readonly where: BoardElement; readonly departments: readonly BoardElement[] }

/** Java's message for a scope refusal, word for word. */
export function scopeMessage(b: ScopeBlock): string {
  const names = b.departments.map(displayName);
  return `the ${b.where.type} '${displayName(b.where)}' is open to ${names.length ? names.join(', ') : 'facilitators'} only`;
}

/** FORBIDDEN by a department scope: the UI explains it in its language from `block`. */
export class ScopeError extends OpError {
  constructor(readonly block: ScopeBlock, message: string) {
    super('FORBIDDEN', message);
  }
}

export class EditRules {
  /** @param all every element by id, private ones included (locks and scopes are never private) */
  constructor(private readonly all: Lookup) {}

  /** The id of what locks the element for this actor (itself, its parent or its stage), or null. */
  lockOf(e: BoardElement, actor: Actor): string | null {
    if (isFacilitator(actor)) return null;
    for (const id of [e.id, e.parent, e.props.stage]) if (this.isLocked(id)) return id as string;
    return null;
  }

  checkUnlocked(e: BoardElement, actor: Actor, op: string): void {
    const lock = this.lockOf(e, actor);
    if (lock !== null) throw new OpError('LOCKED', `${op}: '${lock}' is locked by the facilitator`);
  }

  /** A place an element goes to (a lane, a stage, a frame) must not be locked either. */
  checkNotLocked(id: Json | undefined, actor: Actor, op: string): void {
    if (!isFacilitator(actor) && this.isLocked(id)) throw new OpError('LOCKED', `${op}: '${id}' is locked by the facilitator`);
  }

  private isLocked(id: Json | undefined): boolean {
    return typeof id === 'string' && this.all(id)?.props.locked === true;
  }

  /** What refuses the actor in this lane or stage (it, and the departments its scope admits), or null if its scope admits them. */
  scopeBlock(laneOrStage: Json | undefined, actor: Actor): ScopeBlock | null {
    if (isFacilitator(actor) || typeof laneOrStage !== 'string') return null;
    const where = this.all(laneOrStage);
    const scope = where?.props.scope;
    if (!where || !Array.isArray(scope)) return null;
    if (scope.some((d) => typeof d === 'string' && d === actor.department)) return null;
    const departments: BoardElement[] = [];
    for (const d of scope) {
      const dept = typeof d === 'string' ? this.all(d) : undefined;
      if (dept && dept.type === 'department') departments.push(dept);
    }
    return { where, departments };
  }

  /** The message refusing the actor in this lane or stage, or null if its scope admits them. */
  scopeRefusal(laneOrStage: Json | undefined, actor: Actor): string | null {
    const block = this.scopeBlock(laneOrStage, actor);
    return block && scopeMessage(block);
  }

  /**
   * A lane or stage with a `scope` admits only the departments it lists: a non-facilitator whose
   * department is not among them may not create, change, move or delete cards there.
   */
  checkInScope(laneOrStage: Json | undefined, actor: Actor, op: string): void {
    const block = this.scopeBlock(laneOrStage, actor);
    if (block !== null) throw new ScopeError(block, `${op}: ${scopeMessage(block)}`);
  }
}

/**
 * Checks what property `name` of element `self` names (its value's shape was checked already):
 * each named element must exist for the actor (`visible`: another client's private element does
 * not) and be of the right kind. `stage`, `from` and `to`
 * are dependencies; the others are soft references, checked when set and ignored by readers once
 * their target is gone.
 */
export function checkReferences(op: string, self: string, name: string, v: Json, visible: Lookup, all: Lookup): void {
  const soft = (where: string, id: string, type: ElementType, notSelf: boolean): BoardElement => {
    if (notSelf && id === self) invalid(`${op}: ${where} cannot name the card itself`);
    const t = visible(id);
    if (!t) throw new OpError('ELEMENT_NOT_FOUND', `${op}: ${where} '${id}' does not exist`);
    if (t.type !== type) invalid(`${op}: ${where} '${id}' is not a ${type}`);
    return t;
  };
  switch (name) {
    case 'stage': case 'from': case 'to': {
      const t = visible(v as string);
      if (!t) throw new OpError('ELEMENT_NOT_FOUND', `${op}: ${name} '${v}' does not exist`);
      if (name === 'stage' ? t.type !== 'stage' : t.type === 'connector') invalid(`${op}: ${name} cannot be a ${t.type}`);
      return;
    }
    case 'addresses': for (const id of v as string[]) soft('addresses', id, 'card', true); return;
    case 'scope': for (const id of v as string[]) soft('scope', id, 'department', false); return;
    case 'dept': soft('dept', v as string, 'department', false); return;
    case 'mentions': for (const id of v as string[]) soft('mentions', id, 'department', false); return;
    case 'replyTo':
      if (!visible(v as string)) throw new OpError('ELEMENT_NOT_FOUND', `${op}: replyTo '${v}' does not exist`);
      return;
    case 'measure': soft('measure.touchpoint', (v as Record<string, Json>).touchpoint as string, 'card', false); return;
    case 'persona': {
      const card = soft('persona', v as string, 'card', true);
      const lane = card.parent === null ? undefined : all(card.parent);
      if (!lane || lane.props.kind !== 'persona') invalid(`${op}: persona '${card.id}' is not a card in a persona lane`);
      return;
    }
    default:
  }
}
