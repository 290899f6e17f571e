// The text editor overlay: a textarea over the canvas, placed on the element (or the new card,
// sticky or header) being typed into, following the camera. IME-safe: Enter while composing
// confirms the composition; only a plain Enter commits, Shift+Enter is a new line, Escape cancels.
import { createCardOps, newCardAt } from '../edit/cards';
import { createFreeTextOps, newFreeTextAt } from '../edit/create';
import { updateOp } from '../edit/props';
import { randomId } from '../model/ids';
import type { Op } from '../model/types';
import { elementBounds, G, Rect } from '../render/layout';
import { LANE_STYLE } from '../render/theme';
import type { BoardContext } from './context';
import { h } from './dom';
import { t } from './i18n';
import { refuseCardOutOfScope, refuseCellOutOfScope } from './departments/guard';

interface Draft {
  /** element being edited, or null for a new one made on commit */
  id: string | null;
  rect: Rect;
  text: string;
  font: number;
  fill: string;
  prop: 'text' | 'title';
  /** for a new element: its create ops for the typed text */
  build?: (text: string) => Op[];
  /** the new element to select once it is created */
  selectAfter?: string;
}

export class TextEditor {
  readonly el: HTMLTextAreaElement;
  private draft: Draft | null = null;

  constructor(private readonly ctx: BoardContext) {
    this.el = h('textarea', { class: 'editor', spellcheck: false, 'aria-label': t('text') });
    this.el.hidden = true;
    this.el.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Escape') { e.preventDefault(); this.cancel(); return; }
      // IME: Enter while composing confirms the composition, it must not commit the card
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        this.commit();
      }
    });
    this.el.addEventListener('input', () => this.position());
    this.el.addEventListener('blur', () => { if (this.draft) this.commit(); });
  }

  get editing(): boolean { return this.draft !== null; }
  /** the element whose text the canvas must not draw (the editor shows it) */
  get editingId(): string | null { return this.draft?.id ?? null; }

  /** Edits an element's text in place (a stage's or lane's title for facilitators). */
  editElement(id: string): void {
    const { ctx } = this;
    const doc = ctx.doc();
    const el = doc.get(id);
    if (!el || !ctx.client.canEdit || ctx.lockedForMe(id)) return;
    // a card my department may not edit: say so now, not after the text is typed and refused
    if (el.type === 'card' && refuseCardOutOfScope(ctx, id)) return;
    const L = ctx.layout();
    if (el.type === 'stage' || el.type === 'lane') {
      if (ctx.client.role !== 'facilitator') return;
      const r = elementBounds(el, doc, L)!;
      const cur = el.type === 'stage' ? L.stages.find((s) => s.el.id === id)!.label : L.lanes.find((l) => l.el.id === id)!.label;
      this.start({ id, rect: el.type === 'stage' ? { x: r.x + 6, y: 26, w: r.w - 12, h: 32 } : { x: 10, y: r.y + 8, w: G.headerW - 20, h: 60 }, text: cur, font: 15, fill: '#ffffff', prop: 'title' });
      return;
    }
    const r = elementBounds(el, doc, L);
    if (!r) return;
    const fill = (el.props.color as string) ?? (el.type === 'card' ? (LANE_STYLE[L.cardById.get(id)?.kind ?? 'custom']).card : el.type === 'sticky' ? '#fff3bf' : '#ffffff');
    const font = el.type === 'text' ? ((el.props.size as number) ?? 20) : el.type === 'card' ? 14 : 15;
    this.start({ id, rect: r, text: (el.props.text as string) ?? '', font, fill: el.type === 'text' || el.type === 'shape' ? '#ffffff' : fill, prop: 'text' });
  }

  /** Types a new card into the cell at (x, y); it is created on commit (not when empty). */
  newCard(laneId: string, stageId: string, x: number, y: number): void {
    if (refuseCellOutOfScope(this.ctx, laneId, stageId)) return;
    const card = newCardAt(this.ctx.layout(), laneId, stageId, x, y);
    if (!card) return;
    const id = randomId(12);
    this.start({
      id: null, rect: card.rect, text: '', font: 14, fill: (LANE_STYLE[card.lane.kind] ?? LANE_STYLE.custom).card, prop: 'text',
      build: (text) => createCardOps(id, card, text), selectAfter: id,
    });
  }

  /** Types a new sticky or text box with its top-left at (x, y). */
  newFreeText(type: 'sticky' | 'text', x: number, y: number): void {
    const id = randomId(12);
    const item = newFreeTextAt(this.ctx.doc(), type, x, y);
    this.start({
      id: null, rect: item.rect, text: '', font: type === 'sticky' ? 15 : 20, fill: type === 'sticky' ? '#fff3bf' : 'transparent', prop: 'text',
      build: (text) => createFreeTextOps(id, item, text), selectAfter: id,
    });
  }

  private start(d: Draft): void {
    this.draft = d;
    const ed = this.el;
    ed.value = d.text;
    ed.hidden = false;
    ed.style.background = d.fill === 'transparent' ? 'rgba(255,255,255,0.9)' : d.fill;
    this.position();
    ed.focus();
    ed.select();
    this.ctx.view.requestRender();
  }

  /** Places the textarea over the draft's rectangle at the current camera. */
  position(): void {
    const d = this.draft;
    if (!d) return;
    const z = this.ctx.camera.zoom;
    const s = this.ctx.camera.toScreen(d.rect.x, d.rect.y);
    const ed = this.el;
    ed.style.left = `${s.x}px`;
    ed.style.top = `${s.y}px`;
    ed.style.width = `${Math.max(80, d.rect.w * z)}px`;
    ed.style.fontSize = `${d.font * z}px`;
    ed.style.lineHeight = `${(d.font === 14 ? G.lineH : d.font * 1.33) * z}px`;
    ed.style.padding = `${(d.prop === 'title' ? 4 : G.cardPad) * z}px`;
    ed.style.borderRadius = `${8 * z}px`;
    ed.style.height = 'auto';
    ed.style.height = `${Math.max(d.rect.h * z, ed.scrollHeight)}px`;
  }

  commit(): void {
    const d = this.draft;
    if (!d) return;
    const { ctx } = this;
    this.draft = null;
    const text = this.el.value.replace(/\s+$/, '');
    this.el.hidden = true;
    if (d.build) {
      const ops = d.build(text);
      if (ops.length && ctx.actions.submit(ops) && d.selectAfter) ctx.selection.select([d.selectAfter]);
    } else if (d.id) {
      const el = ctx.doc().get(d.id);
      if (el && text !== (el.props[d.prop] ?? '')) {
        // an empty title brings back the template's name
        if (d.prop === 'title' && !text.trim()) ctx.actions.submit([updateOp(d.id, {}, ['title'])]);
        else ctx.actions.submit([updateOp(d.id, { [d.prop]: text })]);
      }
    }
    ctx.view.focus();
    ctx.view.requestRender();
  }

  cancel(): void {
    this.draft = null;
    this.el.hidden = true;
    this.ctx.view.focus();
    this.ctx.view.requestRender();
  }

  /** The document changed: an element deleted under the editor ends the edit. */
  docChanged(): void {
    if (this.draft?.id && !this.ctx.doc().has(this.draft.id)) this.cancel();
  }
}
