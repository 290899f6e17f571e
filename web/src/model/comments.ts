// The rules of the board's annotations (Java: protocol's `CommentRules`), for BoardDoc: comments
// (threads on cards and free items, with replies) and named versions. Neither is an edit of the
// map: a commenter (and a viewer, where the facilitator allows it) may write comments; element,
// lane and stage locks and department scopes do not apply to them, the board lock does. A comment
// is created with its author's own client id as `by`; only its author changes its text and
// mentions; `author`, `by`, `at` and `replyTo` never change; anyone who may comment resolves and
// reopens a thread; its author or a facilitator deletes it. Versions are created by the server only
// (facilitate `version.save`); facilitators rename and delete them. Messages are Java's.
import { Actor, isFacilitator, mayComment, mayEdit } from './actor';
import type { BoardElement, CreateOp, Op, Props, UpdateOp } from './types';
import { OpError } from './types';
import { codePoints, invalid } from './values';

/** Code points in a comment's text; longer is TOO_LARGE. */
export const MAX_COMMENT_TEXT = 2000;
export const MAX_COMMENT_AUTHOR = 64;
const FIXED_COMMENT = ['author', 'by', 'at', 'replyTo'];
const AUTHOR_ONLY = ['text', 'mentions'];
const FIXED_VERSION = ['seq', 'at', 'author'];
const BLANK = /^[ \t\n\v\f\r]*$/;

type Lookup = (id: string) => BoardElement | undefined;

const forbidden = (message: string): never => { throw new OpError('FORBIDDEN', message); };
const noComments = (a: Actor): never => forbidden(`a ${a.role} may not comment on this board`);

function onlyComments(ops: readonly Op[], all: Lookup): boolean {
  for (const op of ops) {
    if (op.op === 'batch') {
      if (!onlyComments(op.ops, all)) return false;
    } else if (op.op === 'create') {
      if (op.type !== 'comment') return false;
    } else {
      // an id that does not exist is judged by the op itself (ELEMENT_NOT_FOUND)
      const e = all(op.id);
      if (e && e.type !== 'comment') return false;
    }
  }
  return true;
}

/** The first check of a message: commenters (and viewers the facilitator lets comment) send comment ops only. */
export function checkRole(ops: readonly Op[], a: Actor, all: Lookup): void {
  if (a.server || mayEdit(a.role)) return;
  if (!onlyComments(ops, all)) forbidden(`a ${a.role} may not edit this board`);
  if (!mayComment(a)) noComments(a);
}

/** Before anything else of a create: may the actor create this type at all? */
export function checkMayCreate(type: string, a: Actor): void {
  if (a.server) return;
  if (type === 'version') forbidden('create: versions are named with the facilitate action version.save');
  if (type === 'comment' && !mayComment(a)) noComments(a);
  if (type !== 'comment' && !mayEdit(a.role)) forbidden(`a ${a.role} may not edit this board`);
}

/** Only facilitators and editors touch the map. */
export function checkMapRole(e: BoardElement, a: Actor): void {
  if (e.type !== 'comment' && e.type !== 'version' && !a.server && !mayEdit(a.role)) forbidden(`a ${a.role} may not edit this board`);
}

function checkText(v: unknown): void {
  if (typeof v !== 'string') return;
  if (BLANK.test(v)) invalid('comment.text must not be empty');
  if (codePoints(v) > MAX_COMMENT_TEXT) throw new OpError('TOO_LARGE', `comment.text is longer than ${MAX_COMMENT_TEXT} characters`);
}

function checkAuthor(v: unknown): void {
  if (typeof v !== 'string') return;
  if (BLANK.test(v) || codePoints(v) > MAX_COMMENT_AUTHOR) invalid(`comment.author must be a name of 1 to ${MAX_COMMENT_AUTHOR} characters`);
}

/** A new comment, its properties checked one by one already. */
export function checkCreated(o: CreateOp, props: Props, parent: BoardElement | undefined, a: Actor, all: Lookup): void {
  if (o.type !== 'comment') return;
  if (!a.server && props.by !== a.client) forbidden("create: a comment's 'by' must be its author's own client id");
  checkText(props.text);
  checkAuthor(props.author);
  if (parent && parent.props.private !== undefined && parent.props.private !== null) invalid('create: a private item can be commented on once it is revealed');
  if (typeof props.replyTo === 'string') {
    const root = all(props.replyTo)!;
    if (root.type !== 'comment') invalid(`create: replyTo '${root.id}' is not a comment`);
    if (root.props.replyTo !== undefined || root.parent !== (o.parent ?? null)) invalid(`create: replyTo '${root.id}' is not a thread on the same item`);
    if (props.resolved !== undefined) invalid('create: a reply cannot be resolved; resolve its thread');
  }
}

export function checkUpdate(e: BoardElement, o: UpdateOp, a: Actor): void {
  if (a.server) return;
  const touched = [...(o.unset ?? []), ...Object.keys(o.set ?? {})];
  if (e.type === 'version') {
    if (!isFacilitator(a)) forbidden('update: only a facilitator may change versions');
    for (const p of touched) if (FIXED_VERSION.includes(p)) forbidden(`update: a version's '${p}' is fixed when it is named`);
    return;
  }
  if (!mayComment(a)) noComments(a);
  const author = e.props.by === a.client;
  for (const p of touched) {
    if (FIXED_COMMENT.includes(p)) forbidden(`update: a comment's '${p}' is fixed when it is written`);
    if (AUTHOR_ONLY.includes(p) && !author) forbidden(`update: only its author may change a comment's ${p}`);
    if (p === 'resolved' && e.props.replyTo !== undefined) invalid('update: a reply cannot be resolved; resolve its thread');
  }
  if (o.set && 'text' in o.set) checkText(o.set.text);
}

export function checkDelete(e: BoardElement, a: Actor): void {
  if (a.server) return;
  if (e.type === 'version') {
    if (!isFacilitator(a)) forbidden('delete: only a facilitator may change versions');
    return;
  }
  if (!mayComment(a)) noComments(a);
  if (!isFacilitator(a) && e.props.by !== a.client) forbidden('delete: only its author or a facilitator may delete a comment');
}

export function checkMove(e: BoardElement): never {
  return invalid(`move: a ${e.type} stays where it was made`);
}
