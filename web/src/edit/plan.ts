// Op builders of the action loop (issue 14): ratings from the priority matrix, the TOP-N key
// points, the pain points an opportunity addresses, the board's departments, department scopes of
// lanes and stages, and working stage by stage. Pure: they read the document and answer ops; the
// document's rules judge them when they are submitted.
import type { BoardDoc } from '../model/doc';
import { compareElements } from '../model/doc';
import { keyBetween } from '../model/fracindex';
import type { BoardElement, Json, Op } from '../model/types';
import { updateOp } from './props';
import { moveByOneOps } from './reorder';

const clampRating = (v: number): number => Math.max(1, Math.min(5, Math.round(v)));

/** A card dropped on the matrix: impact and effort snapped to 1..5; null (dropped outside) unrates it. */
export function ratingOps(card: BoardElement, rating: { impact: number; effort: number } | null): Op[] {
  if (rating === null) {
    const unset = ['impact', 'effort'].filter((k) => card.props[k] !== undefined);
    return unset.length ? [updateOp(card.id, {}, unset)] : [];
  }
  const impact = clampRating(rating.impact), effort = clampRating(rating.effort);
  if (card.props.impact === impact && card.props.effort === effort) return [];
  return [updateOp(card.id, { impact, effort })];
}

/**
 * The TOP-N key points as one message: `ids` in rank order get `top` 1..n, every other card that
 * has a `top` loses it (cards already at their rank are left alone).
 */
export function topOps(doc: BoardDoc, ids: readonly string[]): Op[] {
  const rank = new Map(ids.map((id, i) => [id, i + 1]));
  const ops: Op[] = [];
  for (const e of doc.values()) {
    if (e.type !== 'card' || e.props.top === undefined || rank.has(e.id)) continue;
    ops.push(updateOp(e.id, {}, ['top']));
  }
  for (const [id, r] of rank) if (doc.get(id)?.props.top !== r) ops.push(updateOp(id, { top: r }));
  return ops;
}

/** The ids an opportunity addresses (strings only, as the model stores them). */
export function addressesOf(card: BoardElement | undefined): string[] {
  const a = card?.props.addresses;
  return Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : [];
}

/** Links (on) or unlinks an opportunity and a pain point it addresses. */
export function addressOps(opp: BoardElement, pain: string, on: boolean): Op[] {
  const now = addressesOf(opp);
  if (on === now.includes(pain) || pain === opp.id) return [];
  const next = on ? [...now, pain] : now.filter((x) => x !== pain);
  return [next.length ? updateOp(opp.id, { addresses: next }) : updateOp(opp.id, {}, ['addresses'])];
}

/** The board's departments in their order. */
export function departments(doc: BoardDoc): BoardElement[] {
  return doc.toArray().filter((e) => e.type === 'department').sort(compareElements);
}

/** A new department after the last one. */
export function addDepartmentOps(doc: BoardDoc, id: string, labels: { zh: string; en: string }, color?: string): Op[] {
  const list = departments(doc);
  const props: Record<string, Json> = { labels: { zh: labels.zh.trim(), en: labels.en.trim() } };
  if (color) props.color = color;
  return [{ op: 'create', id, type: 'department', parent: null, index: keyBetween(list.length ? list[list.length - 1].index : null, null), props }];
}

/** New names in both languages; a department named by a `title` keeps it only if it is one of them. */
export function renameDepartmentOps(dept: BoardElement, labels: { zh: string; en: string }): Op[] {
  const next = { zh: labels.zh.trim(), en: labels.en.trim() };
  const cur = dept.props.labels as Record<string, Json> | undefined;
  const unset = typeof dept.props.title === 'string' ? ['title'] : [];
  if (cur && cur.zh === next.zh && cur.en === next.en && !unset.length) return [];
  return [updateOp(dept.id, { labels: next }, unset)];
}

/** Moves a department one place up (-1) or down (1) in the list. */
export function moveDepartmentOps(doc: BoardDoc, id: string, dir: -1 | 1): Op[] {
  return moveByOneOps(departments(doc), id, dir);
}

/**
 * Deletes a department and what names it: cards owned by it lose their `dept`, scopes of lanes
 * and stages drop it (a scope left empty stays `[]`, facilitators only, as readers already took it).
 */
export function deleteDepartmentOps(doc: BoardDoc, id: string): Op[] {
  const ops: Op[] = [];
  for (const e of doc.values()) {
    if (e.type === 'card' && e.props.dept === id) ops.push(updateOp(e.id, {}, ['dept']));
    const scope = e.props.scope;
    if ((e.type === 'lane' || e.type === 'stage') && Array.isArray(scope) && scope.includes(id)) ops.push(updateOp(e.id, { scope: scope.filter((d) => d !== id) }));
  }
  ops.push({ op: 'delete', id });
  return ops;
}

/** The departments a lane or stage is open to: null = everyone (no scope), [] = facilitators only. */
export function scopeOf(el: BoardElement | undefined): string[] | null {
  const s = el?.props.scope;
  return Array.isArray(s) ? s.filter((x): x is string => typeof x === 'string') : null;
}

export function scopeOps(el: BoardElement, scope: readonly string[] | null): Op[] {
  const cur = scopeOf(el);
  if (scope === null) return cur === null ? [] : [updateOp(el.id, {}, ['scope'])];
  if (cur !== null && cur.length === scope.length && cur.every((d, i) => d === scope[i])) return [];
  return [updateOp(el.id, { scope: [...scope] })];
}

/**
 * Working stage by stage: every stage but `current` is closed to everyone but facilitators
 * (`scope: []`) and `current` is open to everyone; null ends it (every stage open again).
 */
export function stageByStageOps(doc: BoardDoc, current: string | null): Op[] {
  const ops: Op[] = [];
  for (const s of doc.values()) {
    if (s.type !== 'stage') continue;
    ops.push(...scopeOps(s, current === null || s.id === current ? null : []));
  }
  return ops;
}

/** The stage being worked on, when exactly one stage is open and every other one closed ([]); else null. */
export function stageByStageCurrent(doc: BoardDoc): string | null {
  const stages = doc.toArray().filter((e) => e.type === 'stage');
  if (stages.length < 2) return null;
  const open = stages.filter((s) => scopeOf(s) === null);
  const closed = stages.filter((s) => scopeOf(s)?.length === 0);
  return open.length === 1 && closed.length === stages.length - 1 ? open[0].id : null;
}
