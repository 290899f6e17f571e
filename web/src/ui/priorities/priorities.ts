// The Priorities view: the impact × effort matrix of the board's pain points and opportunities,
// placed live (it follows every edit, anyone's). Dragging a chip into a cell sets the card's impact
// and effort (one ops message, snapped to 1..5, so everyone sees it move); dragging it onto the
// "not rated" list clears them; dragging from an opportunity's link handle onto a pain point links them
// (`addresses`). A click selects the card (its side panel edits the rest). The facilitator marks
// the TOP-N key points from here. Viewers see it read-only.
import { addressesOf, addressOps, ratingOps } from '../../edit/plan';
import { priorities, Priorities, Priority } from '../../model/priority';
import type { BoardContext } from '../context';
import { h, toast } from '../dom';
import { SideView } from '../side-view';
import { lang, t } from '../i18n';
import { cardScopeBlock, scopeExplanation } from '../departments/names';
import { cardTitle } from '../plan/words';
import { chip, drawLinks, dropTarget, linkLayer, matrixGrid } from './matrix';
import { openTopDialog } from './top-dialog';

const DRAG_PX = 4;

type Gesture =
  | { kind: 'press'; id: string; x: number; y: number; pointer: number }
  | { kind: 'rate'; id: string; ghost: HTMLElement; pointer: number }
  | { kind: 'link'; from: string; line: SVGLineElement; pointer: number };

export class PrioritiesView extends SideView {
  private showLinks = true;
  private gesture: Gesture | null = null;
  private body: HTMLElement = h('div');
  private svg: SVGSVGElement = linkLayer();
  private model: Priorities | null = null;

  constructor(private readonly ctx: BoardContext) {
    super(h('section', { class: 'pri-view', 'data-testid': 'priorities', 'aria-label': t('pri.title') }), { testId: 'priorities-open', narrow: 'priorities' });
    this.el.addEventListener('pointerdown', (e) => this.down(e));
    this.el.addEventListener('pointermove', (e) => this.move(e));
    this.el.addEventListener('pointerup', (e) => this.up(e));
    this.el.addEventListener('pointercancel', () => this.cancel());
    window.addEventListener('resize', () => { if (this.open) this.links(); });
    this.update();
  }

  /** The document, my role, my department or the language changed. */
  update(): void {
    this.label(t('pri.open'));
    if (!this.open || this.gesture) return; // a drag in progress finishes on the state it started from
    const { ctx } = this;
    const doc = ctx.doc();
    const model = priorities(doc);
    const sel = ctx.selection.list();
    const key = JSON.stringify([lang(), ctx.client.role, ctx.client.department, this.showLinks, sel,
      model.items.map((p) => [p.card.id, p.card.props.text, p.score, p.impact, p.effort, p.top, addressesOf(p.card), ctx.lockedForMe(p.card.id)]),
      doc.toArray().filter((e) => e.type === 'department' || ((e.type === 'lane' || e.type === 'stage') && e.props.scope !== undefined)).map((e) => [e.id, e.props.scope, e.props.labels])]);
    if (key === this.key) return;
    this.key = key;
    this.model = model;
    this.render(model, new Set(sel));
  }

  private refusal(p: Priority): string | null {
    const { ctx } = this;
    if (!ctx.client.canEdit) return null;
    if (ctx.lockedForMe(p.card.id)) return t('locked.item');
    const block = cardScopeBlock(ctx.doc(), p.card, ctx.client.actor);
    return block ? scopeExplanation(ctx.doc(), block, ctx.client.actor) : null;
  }

  private render(model: Priorities, selected: Set<string>): void {
    const { ctx } = this;
    const doc = ctx.doc();
    const canEdit = ctx.client.canEdit;
    const grid = matrixGrid();
    const unrated = h('div', { class: 'pri-chips' });
    const rated = model.items.filter((p) => p.kind !== 'other');
    for (const p of rated) {
      const refusal = this.refusal(p);
      const c = chip(doc, p, { draggable: canEdit && !refusal, linkable: canEdit && !refusal && p.kind === 'opportunity', refusal, selected: selected.has(p.card.id) });
      if (p.impact !== null && p.effort !== null) grid.cell(p.impact, p.effort).append(c);
      else unrated.append(c);
    }
    const links = h('input', { type: 'checkbox', checked: this.showLinks, onchange: () => { this.showLinks = links.checked; this.key = ''; this.update(); } });
    const head = h('div', { class: 'pri-head' },
      h('h3', { text: t('pri.title') }),
      h('span', { class: 'pri-formula', tabindex: 0, title: t('pri.formula'), 'data-testid': 'pri-formula', text: 'ⓘ' }),
      h('span', { class: 'spacer' }),
      h('label', { class: 'fp-check' }, links, h('span', { text: t('pri.links') })),
      ctx.client.role === 'facilitator' ? h('button', { class: 'btn primary', 'data-action': 'mark-top', text: t('pri.markTop'), onclick: () => openTopDialog(ctx) }) : null,
      h('button', { class: 'icon-btn', 'aria-label': t('pri.close'), title: t('pri.close'), text: '×', onclick: () => this.setOpen(false) }));
    const side = h('aside', { class: 'pri-unrated', 'data-testid': 'pri-unrated' },
      h('h4', { text: t('pri.unrated') }),
      h('p', { class: 'fp-note', text: canEdit ? t('pri.unratedHint') : t('pri.viewerHint') }),
      unrated.childElementCount ? unrated : h('p', { class: 'fp-note', text: t('pri.allRated') }),
      canEdit ? h('p', { class: 'fp-note', text: t('pri.linkHint') }) : null);
    this.svg = linkLayer();
    this.body = h('div', { class: 'pri-body' }, grid.el, side, this.svg);
    this.el.replaceChildren(head, h('p', { class: 'pri-formula-text', text: t('pri.formula') }), this.body);
    requestAnimationFrame(() => this.links());
  }

  private links(): void {
    if (!this.model) return;
    if (this.showLinks) drawLinks(this.body, this.svg, this.ctx.doc(), this.model.items);
    else this.svg.replaceChildren();
  }

  // ------------------------------------------------------------------ gestures

  private down(e: PointerEvent): void {
    if (e.button !== 0 || this.gesture) return;
    const target = e.target as HTMLElement;
    const handle = target.closest('.pri-link-handle') as HTMLElement | null;
    if (handle) {
      e.preventDefault();
      const line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
      line.setAttribute('class', 'pri-link drawing');
      const p = this.local(e);
      for (const [k, v] of [['x1', p.x], ['y1', p.y], ['x2', p.x], ['y2', p.y]] as const) line.setAttribute(k, String(v));
      this.svg.append(line);
      this.gesture = { kind: 'link', from: handle.dataset.linkFrom!, line, pointer: e.pointerId };
      this.el.setPointerCapture(e.pointerId);
      return;
    }
    const c = target.closest('.pri-chip') as HTMLElement | null;
    if (!c) return;
    e.preventDefault();
    this.gesture = { kind: 'press', id: c.dataset.card!, x: e.clientX, y: e.clientY, pointer: e.pointerId };
    this.el.setPointerCapture(e.pointerId);
  }

  private move(e: PointerEvent): void {
    const g = this.gesture;
    if (!g || g.pointer !== e.pointerId) return;
    if (g.kind === 'link') {
      const p = this.local(e);
      g.line.setAttribute('x2', String(p.x));
      g.line.setAttribute('y2', String(p.y));
      return;
    }
    if (g.kind === 'press') {
      if (Math.hypot(e.clientX - g.x, e.clientY - g.y) < DRAG_PX) return;
      const c = this.el.querySelector(`.pri-chip[data-card="${CSS.escape(g.id)}"]`) as HTMLElement | null;
      if (!c?.classList.contains('draggable')) {
        // not mine to change: say why once, instead of letting it look like it moved
        const p = this.model?.get(g.id);
        const why = p ? this.refusal(p) : null;
        if (why) toast(why, 'error');
        this.gesture = null;
        return;
      }
      const ghost = c.cloneNode(true) as HTMLElement;
      ghost.classList.add('ghost');
      ghost.style.width = `${c.getBoundingClientRect().width}px`;
      document.body.append(ghost);
      c.classList.add('lifted');
      this.gesture = { kind: 'rate', id: g.id, ghost, pointer: g.pointer };
    }
    const r = this.gesture as Extract<Gesture, { kind: 'rate' }>;
    r.ghost.style.left = `${e.clientX + 6}px`;
    r.ghost.style.top = `${e.clientY + 6}px`;
    for (const cell of this.el.querySelectorAll('.pri-cell.hover, .pri-unrated.hover')) cell.classList.remove('hover');
    const under = document.elementFromPoint(e.clientX, e.clientY) as HTMLElement | null;
    under?.closest('.pri-cell, .pri-unrated')?.classList.add('hover');
  }

  private up(e: PointerEvent): void {
    const g = this.gesture;
    if (!g || g.pointer !== e.pointerId) return;
    this.gesture = null;
    const { ctx } = this;
    if (g.kind === 'press') {
      ctx.selection.select([g.id]);
    } else if (g.kind === 'rate') {
      g.ghost.remove();
      const card = ctx.doc().get(g.id);
      const to = dropTarget(e.clientX, e.clientY);
      if (card && to) ctx.actions.submit(ratingOps(card, to === 'unrated' ? null : to));
    } else {
      g.line.remove();
      const under = document.elementFromPoint(e.clientX, e.clientY) as HTMLElement | null;
      const target = under?.closest('.pri-chip[data-kind=painpoint]') as HTMLElement | null;
      const opp = ctx.doc().get(g.from);
      if (opp && target) {
        const pain = target.dataset.card!;
        const on = !addressesOf(opp).includes(pain);
        const painEl = ctx.doc().get(pain);
        if (ctx.actions.submit(addressOps(opp, pain, on)) && painEl) {
          toast(t(on ? 'pri.linked' : 'pri.unlinked', { opp: cardTitle(opp, 30), pain: cardTitle(painEl, 30) }));
        }
      }
    }
    this.key = '';
    this.update();
  }

  private cancel(): void {
    const g = this.gesture;
    this.gesture = null;
    if (g?.kind === 'rate') g.ghost.remove();
    if (g?.kind === 'link') g.line.remove();
    this.key = '';
    this.update();
  }

  private local(e: PointerEvent): { x: number; y: number } {
    const r = this.body.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }
}
