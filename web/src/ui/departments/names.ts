// Departments and department scopes in words, in the UI language: a department's name, and why a
// lane or stage refuses me. Whether it refuses is the document's answer (BoardDoc.scopeBlock, the
// rule Document.apply enforces); this only puts that answer into a sentence.
import type { Actor } from '../../model/actor';
import type { BoardDoc, ScopeBlock } from '../../model/doc';
import type { BoardElement } from '../../model/types';
import { label } from '../../render/layout';
import { lang, t } from '../i18n';

/** A department's (or stage's, lane's) name in the UI language: its title, else its label, else its id. */
export function nameOf(el: BoardElement): string {
  return label(el, lang(), el.id);
}

export function departmentName(doc: BoardDoc, id: string | null | undefined): string | null {
  if (!id) return null;
  const d = doc.get(id);
  return d && d.type === 'department' ? nameOf(d) : null;
}

/** "The lane “痛点” is open to 客服部 only." */
export function scopeText(block: ScopeBlock): string {
  const depts = block.departments.length ? block.departments.map(nameOf).join(t('scope.sep')) : t('scope.facilitators');
  return t(block.where.type === 'stage' ? 'scope.stage' : 'scope.lane', { name: nameOf(block.where), depts });
}

/** The refusal and where I stand: "… open to 客服部 only. You are in 市场部." */
export function scopeExplanation(doc: BoardDoc, block: ScopeBlock, actor: Actor): string {
  const mine = departmentName(doc, actor.department);
  return t('scope.explain', { why: scopeText(block), mine: mine ? t('scope.yours', { dept: mine }) : t('scope.noDept') });
}

/** Why I may not edit the card where it sits (its lane's or stage's scope), or null. */
export function cardScopeBlock(doc: BoardDoc, card: BoardElement, actor: Actor): ScopeBlock | null {
  if (card.type !== 'card' || card.parent === null || typeof card.props.stage !== 'string') return null;
  return doc.scopeBlock(card.parent, card.props.stage, actor);
}
