// The thread model of the comments UI, pure (no DOM): the threads on an item with their replies,
// the ops that write, resolve and reopen them, @department mentions found in a text and split out
// for highlighting, the search over comment and card texts, and what my role lets me do with
// comments. The rules themselves are the document's (model/comments.ts, Java's CommentRules);
// these helpers only build ops that pass them and explain refusals.
import type { Actor } from '../../model/actor';
import { mayComment } from '../../model/actor';
import type { BoardDoc } from '../../model/doc';
import { keyBetween } from '../../model/fracindex';
import type { BoardElement, CreateOp, ErrorCode, Op, Props, UpdateOp } from '../../model/types';
import type { Lang } from '../../model/types';
import { FREE_TYPES } from '../../model/types';
import { label } from '../../render/layout';

export { openThreadCounts } from '../../render/comment-badges';

export interface Thread {
  root: BoardElement;
  /** oldest first */
  replies: BoardElement[];
  open: boolean;
}

/** A department as a mention target: its id and every name it goes by (zh, en, title). */
export interface MentionTarget { id: string; names: string[]; /** the name in the UI language */ label: string }

const byTime = (a: BoardElement, b: BoardElement): number =>
  ((a.props.at as number) ?? 0) - ((b.props.at as number) ?? 0) || (a.index < b.index ? -1 : a.index > b.index ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Cards and free items (notes, texts, shapes, connectors, ink) take comments; stages, lanes and departments do not. */
export function commentable(el: BoardElement | undefined): boolean {
  return !!el && (el.type === 'card' || (FREE_TYPES as readonly string[]).includes(el.type));
}

/** The threads on an item: open ones first, each group oldest first; replies oldest first. */
export function threadsOn(doc: BoardDoc, itemId: string): Thread[] {
  const roots: BoardElement[] = [];
  const replies = new Map<string, BoardElement[]>();
  for (const e of doc.values()) {
    if (e.type !== 'comment' || e.parent !== itemId) continue;
    const to = e.props.replyTo;
    if (typeof to === 'string') {
      let list = replies.get(to);
      if (!list) replies.set(to, (list = []));
      list.push(e);
    } else roots.push(e);
  }
  const threads = roots.sort(byTime).map((root) => ({ root, replies: (replies.get(root.id) ?? []).sort(byTime), open: root.props.resolved !== true }));
  return [...threads.filter((t) => t.open), ...threads.filter((t) => !t.open)];
}

/** Every item with at least one open thread, with its count. */
export function itemsWithOpenThreads(doc: BoardDoc): { item: BoardElement; open: number }[] {
  const out: { item: BoardElement; open: number }[] = [];
  const counts = new Map<string, number>();
  for (const e of doc.values()) {
    if (e.type === 'comment' && e.parent !== null && e.props.replyTo === undefined && e.props.resolved !== true) counts.set(e.parent, (counts.get(e.parent) ?? 0) + 1);
  }
  for (const [id, open] of counts) {
    const item = doc.get(id);
    if (item) out.push({ item, open });
  }
  return out.sort((a, b) => b.open - a.open || (a.item.id < b.item.id ? -1 : 1));
}

/** Comments in open threads that mention the department, by item, oldest first (what "mentions of my department" lists). */
export function mentionsOf(doc: BoardDoc, department: string): { comment: BoardElement; item: BoardElement }[] {
  const out: { comment: BoardElement; item: BoardElement }[] = [];
  for (const e of doc.values()) {
    if (e.type !== 'comment' || e.parent === null || !Array.isArray(e.props.mentions) || !(e.props.mentions as string[]).includes(department)) continue;
    const root = typeof e.props.replyTo === 'string' ? doc.get(e.props.replyTo) : e;
    const item = doc.get(e.parent);
    if (!root || root.props.resolved === true || !item) continue;
    out.push({ comment: e, item });
  }
  return out.sort((a, b) => (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : byTime(a.comment, b.comment)));
}

/** The mention targets of a board: its departments with all their names. */
export function mentionTargets(doc: BoardDoc, lang: Lang = 'zh'): MentionTarget[] {
  const out: MentionTarget[] = [];
  for (const e of doc.values()) {
    if (e.type !== 'department') continue;
    const labels = (e.props.labels ?? {}) as { zh?: unknown; en?: unknown };
    const names = [e.props.title, labels.zh, labels.en].filter((n): n is string => typeof n === 'string' && n.trim() !== '').map((n) => n.trim());
    if (names.length) out.push({ id: e.id, names: [...new Set(names)], label: label(e, lang, names[0]).trim() });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** "@name" of every target in the text, the longest name first where names overlap ("@客服" vs "@客服部"). */
function mentionMatches(text: string, targets: readonly MentionTarget[]): { start: number; end: number; id: string }[] {
  const names = targets.flatMap((t) => t.names.map((name) => ({ name, id: t.id }))).sort((a, b) => b.name.length - a.name.length);
  const out: { start: number; end: number; id: string }[] = [];
  for (let i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i + 1)) {
    const rest = text.slice(i + 1);
    const m = names.find((n) => rest.toLowerCase().startsWith(n.name.toLowerCase()));
    if (m) out.push({ start: i, end: i + 1 + m.name.length, id: m.id });
  }
  return out;
}

/** The department ids a text mentions, each once, in order (at most 20: the document's limit). */
export function mentionsIn(text: string, targets: readonly MentionTarget[]): string[] {
  return [...new Set(mentionMatches(text, targets).map((m) => m.id))].slice(0, 20);
}

/** The text cut into plain runs and mentions (only of the ids the comment says it mentions), for highlighting. */
export function splitMentions(text: string, targets: readonly MentionTarget[], mentioned: readonly string[]): { text: string; mention?: string }[] {
  const out: { text: string; mention?: string }[] = [];
  let at = 0;
  for (const m of mentionMatches(text, targets)) {
    if (!mentioned.includes(m.id) || m.start < at) continue;
    if (m.start > at) out.push({ text: text.slice(at, m.start) });
    out.push({ text: text.slice(m.start, m.end), mention: m.id });
    at = m.end;
  }
  if (at < text.length || !out.length) out.push({ text: text.slice(at) });
  return out;
}

export interface NewComment {
  id: string;
  /** the card or free item */
  on: string;
  text: string;
  author: string;
  /** my client id (the document's rule) */
  by: string;
  at: number;
  replyTo?: string;
  targets?: readonly MentionTarget[];
}

/** The create op of a new thread or reply, after the last comment on the item (order is by `at`; the index only has to be valid). */
export function commentOp(doc: BoardDoc, c: NewComment): CreateOp {
  let last: string | null = null;
  for (const e of doc.values()) if (e.type === 'comment' && e.parent === c.on && (last === null || e.index > last)) last = e.index;
  const props: Props = { text: c.text, author: c.author, by: c.by, at: c.at };
  if (c.replyTo) props.replyTo = c.replyTo;
  const mentions = c.targets ? mentionsIn(c.text, c.targets) : [];
  if (mentions.length) props.mentions = mentions;
  return { op: 'create', id: c.id, type: 'comment', parent: c.on, index: keyBetween(last, null), props };
}

/** Resolve (true) or reopen (false) a thread. */
export function resolveOp(threadId: string, resolved: boolean): UpdateOp {
  return resolved ? { op: 'update', id: threadId, set: { resolved: true } } : { op: 'update', id: threadId, unset: ['resolved'] };
}

export function deleteCommentOp(id: string): Op {
  return { op: 'delete', id };
}

/** What my role and the session let me do with comments, and why not. */
export type CommentRights = { write: true } | { write: false; reason: 'viewer' | 'locked' };

export function commentRights(a: Actor): CommentRights {
  if (!mayComment(a)) return { write: false, reason: 'viewer' };
  if (a.boardLocked && a.role !== 'facilitator' && !a.server) return { write: false, reason: 'locked' };
  return { write: true };
}

/** The comments UI's words for a refusal of a comment op (the server's or the same local check): a key of i18n-history.ts, or the generic `err.CODE`. */
export function commentErrorKey(code: ErrorCode, message = ''): string {
  switch (code) {
    case 'ELEMENT_NOT_FOUND': return 'comments.err.gone';
    case 'TOO_LARGE': return /comment\.text/.test(message) ? 'comments.err.tooLong' : 'err.TOO_LARGE';
    case 'FORBIDDEN':
      if (/may not comment/.test(message)) return 'comments.err.noRights';
      if (/only its author/.test(message)) return 'comments.err.notAuthor';
      return 'comments.err.forbidden';
    case 'LOCKED': return 'comments.err.locked';
    case 'INVALID_VALUE':
      if (/must not be empty/.test(message)) return 'comments.err.empty';
      if (/private item/.test(message)) return 'comments.err.private';
      return 'err.INVALID_VALUE';
    default: return `err.${code}`;
  }
}

export interface SearchHit {
  /** the card or item to pan to */
  item: string;
  kind: 'comment' | 'card';
  /** the comment that matched (kind comment) */
  comment?: string;
  text: string;
  /** where the query starts in text, for highlighting */
  at: number;
}

/** Comment texts and card (and note) texts containing the query, case-insensitively; comments first, at most `max`. */
export function searchBoard(doc: BoardDoc, query: string, max = 50): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const comments: SearchHit[] = [];
  const items: SearchHit[] = [];
  for (const e of doc.values()) {
    const text = e.props.text;
    if (typeof text !== 'string') continue;
    const at = text.toLowerCase().indexOf(q);
    if (at < 0) continue;
    if (e.type === 'comment' && e.parent !== null && doc.has(e.parent)) comments.push({ item: e.parent, kind: 'comment', comment: e.id, text, at });
    else if (commentable(e) && e.type !== 'connector' && e.type !== 'ink') items.push({ item: e.id, kind: 'card', text, at });
  }
  const at = (h: SearchHit) => (h.comment ? (doc.get(h.comment)?.props.at as number) ?? 0 : 0);
  const order = (a: SearchHit, b: SearchHit) => (a.item < b.item ? -1 : a.item > b.item ? 1 : at(a) - at(b) || ((a.comment ?? '') < (b.comment ?? '') ? -1 : 1));
  return [...comments.sort(order), ...items.sort(order)].slice(0, max);
}
