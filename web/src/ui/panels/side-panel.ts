// The side panel: what is selected, editable or read-only (viewers, locked items), rebuilt when
// the selection, its properties, the language or my role changed. A click on one of its buttons
// (emotion +1, then −2) rebuilds it at once and keeps the focus on the same control; only while I
// type into one of its text fields does it wait, until the field loses the focus.
import type { BoardContext } from '../context';
import { h } from '../dom';
import { lang, t } from '../i18n';
import { cardPanel } from './card-panel';
import { colorRow, deleteButton, lockNote } from './fields';
import { freePanel } from './free-panel';
import { structurePanel } from './structure-panel';
import { cardScopeBlock } from '../departments/names';
import { planKey } from '../plan/card-fields';
import { scopeNote } from '../departments/scope-section';

export class SidePanel {
  readonly el: HTMLElement;
  private key = '';

  constructor(private readonly ctx: BoardContext) {
    this.el = h('aside', { class: 'panel', 'aria-label': t('a11y.details') });
    this.el.hidden = true;
    // what changed while I typed shows once I leave the field
    this.el.addEventListener('focusout', () => setTimeout(() => this.render(), 0));
  }

  /** Rebuild on the next render even if nothing seems changed (role or lock state changed). */
  invalidate(): void { this.key = ''; }

  render(): void {
    const { ctx } = this;
    const doc = ctx.doc();
    const ids = ctx.selection.list().filter((id) => doc.has(id));
    const els = ids.map((id) => doc.get(id)!);
    const key = `${ids.join(',')}|${els.map((e) => JSON.stringify(e.props) + e.index).join('|')}|${lang()}|${ctx.client.role}|${els.length === 1 ? planKey(ctx, els[0]) : ''}`;
    if (key === this.key) return;
    const active = document.activeElement as HTMLElement | null;
    const inside = !!active && this.el.contains(active);
    const typing = inside && (active.tagName === 'TEXTAREA' || (active.tagName === 'INPUT' && /^(text|number|search)$/.test((active as HTMLInputElement).type)));
    if (typing && this.key.split('|')[0] === ids.join(',')) return; // don't disturb typing
    const refocus = inside && this.key.split('|')[0] === ids.join(',') ? active.dataset.field ?? null : null;
    this.key = key;
    if (!els.length) {
      this.el.hidden = true;
      this.el.replaceChildren();
      return;
    }
    this.el.hidden = false;
    this.el.setAttribute('aria-label', t('a11y.details'));
    const locked = els.some((e) => ctx.lockedForMe(e.id));
    // a card in a lane or stage my department may not edit: the document's scope rule says so
    const scope = els.map((e) => cardScopeBlock(doc, e, ctx.client.actor)).find((b) => b !== null) ?? null;
    const ro = !ctx.client.canEdit || locked || scope !== null;
    const body: HTMLElement[] = [];
    if (els.length > 1) {
      body.push(h('h3', { text: t('selected', { n: els.length }) }));
      if (!ro) body.push(colorRow(ctx, els), deleteButton(ctx));
    } else {
      const el = els[0];
      if (el.type === 'card') body.push(...cardPanel(ctx, el, ro));
      else if (el.type === 'stage' || el.type === 'lane') body.push(...structurePanel(ctx, el, ro || ctx.client.role !== 'facilitator'));
      else body.push(...freePanel(ctx, el, ro));
    }
    if (ctx.client.canEdit && locked) body.unshift(lockNote());
    else if (ctx.client.canEdit && scope) body.unshift(scopeNote(doc, scope, ctx.client.actor));
    this.el.replaceChildren(...body);
    if (refocus) (this.el.querySelector(`[data-field="${CSS.escape(refocus)}"]`) as HTMLElement | null)?.focus();
  }
}
