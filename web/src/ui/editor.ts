// The text editor overlay: a textarea over the canvas, placed on the element (or the new card,
// sticky or header) being typed into, following the camera. IME-safe: Enter while composing
// confirms the composition; only a plain Enter commits, Shift+Enter is a new line, Escape cancels.
//
// Nobody's words are lost: typing does not start where a lock would refuse it (a toast says
// why); others see who types into a card (presence `editing`) and a second person is told; if the
// text changed underneath while I typed, my save merges both edits, or lets me choose when they
// overlap; a lock or a delete arriving while I type keeps or shows my text.
import { createCardOps, newCardAt } from '../edit/cards';
import { createFreeTextOps, newFreeTextAt } from '../edit/create';
import { mergeText } from '../edit/merge';
import { updateOp } from '../edit/props';
import { randomId } from '../model/ids';
import type { Op } from '../model/types';
import { elementBounds, G, Rect } from '../render/layout';
import { LANE_STYLE } from '../render/theme';
import type { BoardContext } from './context';
import { h, toast } from './dom';
import { t } from './i18n';
import { cellLockReason, explainLock, lockReason } from './locks';
import { askMerge, bothTexts } from './merge-dialog';
import { refuseCardOutOfScope, refuseCellOutOfScope } from './departments/guard';

interface Draft {
  /** element being edited, or null for a new one made on commit */
  id: string | null;
  rect: Rect;
  text: string;
  /** the element's text when I started (what a concurrent edit is merged against) */
  base: string;
  font: number;
  fill: string;
  prop: 'text' | 'title';
  /** for a new element: its create ops for the typed text */
  build?: (text: string) => Op[];
  /** a new card: its cell, checked for locks again on commit */
  cell?: { lane: string; stage: string };
  /** the new element to select once it is created */
  selectAfter?: string;
}

/** The smallest editor font in screen pixels (typing at 30 % zoom stays readable). */
const MIN_FONT_PX = 13;

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
    if (!el || !ctx.client.canEdit) return;
    const locked = lockReason(ctx, id);
    if (locked) { explainLock(locked); return; }
    // a card my department may not edit: say so now, not after the text is typed and refused
    if (el.type === 'card' && refuseCardOutOfScope(ctx, id)) return;
    const L = ctx.layout();
    if (el.type === 'stage' || el.type === 'lane') {
      if (ctx.client.role !== 'facilitator') { toast(t('structure.onlyFacilitator')); return; }
      const r = elementBounds(el, doc, L)!;
      const st = ctx.sticky();
      const cur = el.type === 'stage' ? L.stages.find((s) => s.el.id === id)!.label : L.lanes.find((l) => l.el.id === id)!.label;
      const rect = el.type === 'stage' ? { x: r.x + 6, y: st.top + 26, w: r.w - 12, h: 32 } : { x: st.left + 10, y: r.y + 8, w: G.headerW - 20, h: 60 };
      this.start({ id, rect, text: cur, base: cur, font: 15, fill: '#ffffff', prop: 'title' });
      return;
    }
    const r = elementBounds(el, doc, L);
    if (!r) return;
    const others = ctx.authors.editing(id);
    if (others.length) toast(t('editing.other', { name: others.join(', ') }));
    const fill = (el.props.color as string) ?? (el.type === 'card' ? (LANE_STYLE[L.cardById.get(id)?.kind ?? 'custom']).card : el.type === 'sticky' ? '#fff3bf' : '#ffffff');
    const font = el.type === 'text' ? ((el.props.size as number) ?? 20) : el.type === 'card' ? 14 : 15;
    const text = (el.props.text as string) ?? '';
    this.start({ id, rect: r, text, base: text, font, fill: el.type === 'text' || el.type === 'shape' ? '#ffffff' : fill, prop: 'text' });
  }

  /** Types a new card into the cell at (x, y); it is created on commit (not when empty). */
  newCard(laneId: string, stageId: string, x: number, y: number): void {
    const locked = cellLockReason(this.ctx, laneId, stageId);
    if (locked) { explainLock(locked); return; }
    if (refuseCellOutOfScope(this.ctx, laneId, stageId)) return;
    const card = newCardAt(this.ctx.layout(), laneId, stageId, x, y);
    if (!card) return;
    const id = randomId(12);
    this.start({
      id: null, rect: card.rect, text: '', base: '', font: 14, fill: (LANE_STYLE[card.lane.kind] ?? LANE_STYLE.custom).card, prop: 'text',
      build: (text) => createCardOps(id, card, text), cell: { lane: laneId, stage: stageId }, selectAfter: id,
    });
  }

  /** Types a new sticky or text box with its top-left at (x, y). */
  newFreeText(type: 'sticky' | 'text', x: number, y: number): void {
    const id = randomId(12);
    // a new item is refused only by the board lock: the model's rule for an element not there yet
    if (this.ctx.doc().isLockedFor(id, this.ctx.client.actor)) { explainLock('lock.board'); return; }
    const item = newFreeTextAt(this.ctx.doc(), type, x, y);
    this.start({
      id: null, rect: item.rect, text: '', base: '', font: type === 'sticky' ? 15 : 20, fill: type === 'sticky' ? '#fff3bf' : 'transparent', prop: 'text',
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
    if (d.id && d.prop === 'text') this.ctx.client.setPresence({ editing: d.id });
    this.ctx.view.requestRender();
  }

  /** Places the textarea over the draft's rectangle at the current camera. */
  position(): void {
    const d = this.draft;
    if (!d) return;
    const z = this.ctx.camera.zoom;
    const s = this.ctx.camera.toScreen(d.rect.x, d.rect.y);
    // zoomed out, the editor is bigger than the card: readable text while typing
    const k = Math.max(z, MIN_FONT_PX / d.font);
    const ed = this.el;
    ed.style.left = `${s.x}px`;
    ed.style.top = `${s.y}px`;
    ed.style.width = `${Math.max(80, d.rect.w * k)}px`;
    ed.style.fontSize = `${d.font * k}px`;
    ed.style.lineHeight = `${(d.font === 14 ? G.lineH : d.font * 1.33) * k}px`;
    ed.style.padding = `${(d.prop === 'title' ? 4 : G.cardPad) * k}px`;
    ed.style.borderRadius = `${8 * k}px`;
    ed.style.height = 'auto';
    ed.style.height = `${Math.max(d.rect.h * z, ed.scrollHeight)}px`;
  }

  commit(): void {
    const d = this.draft;
    if (!d) return;
    const { ctx } = this;
    const text = this.el.value.replace(/\s+$/, '');
    // locked while I typed: keep the editor and my text, say why
    const locked = d.id ? lockReason(ctx, d.id) : d.cell ? cellLockReason(ctx, d.cell.lane, d.cell.stage) : null;
    if (locked && (d.build ? text.trim() !== '' : text !== d.base)) {
      toast(t('lock.kept'), 'info', 6000);
      return;
    }
    this.close();
    if (d.build) {
      const ops = d.build(text);
      if (ops.length && ctx.actions.submit(ops) && d.selectAfter) ctx.selection.select([d.selectAfter]);
    } else if (d.id) {
      this.save(d, text);
    }
    ctx.view.focus();
    ctx.view.requestRender();
  }

  /** Saves my text of an existing element, merged with what others saved meanwhile. */
  private save(d: Draft, mine: string): void {
    const { ctx } = this;
    const id = d.id!;
    const el = ctx.doc().get(id);
    if (!el) {
      if (mine !== d.base) toast(t('merge.gone', { text: mine.slice(0, 300) }), 'info', 12000);
      return;
    }
    const cur = (d.prop === 'title' ? (el.props.title as string | undefined) ?? '' : (el.props.text as string | undefined) ?? '');
    const write = (text: string) => {
      // an empty title brings back the template's name
      if (d.prop === 'title' && !text.trim()) ctx.actions.submit([updateOp(id, {}, ['title'])]);
      else if (text !== cur) ctx.actions.submit([updateOp(id, { [d.prop]: text })]);
    };
    if (mine === d.base || d.prop === 'title') {
      // titles start from the shown label, not the prop; last writer wins there
      if (mine !== d.base) write(mine);
      return;
    }
    if (cur === d.base || cur === mine) { write(mine); return; }
    const name = ctx.authors.name(ctx.authors.lastOther(id)) ?? t('someone');
    const merged = mergeText(d.base, mine, cur);
    if (merged.ok) {
      write(merged.text);
      toast(t('merge.done', { name }));
      return;
    }
    askMerge(name, mine, cur, (choice) => {
      const now = ctx.doc().get(id);
      if (!now) { toast(t('merge.gone', { text: mine.slice(0, 300) }), 'info', 12000); return; }
      const theirs = (now.props.text as string | undefined) ?? '';
      if (choice === 'mine') write(mine);
      else if (choice === 'both') write(bothTexts(mine, theirs));
    });
  }

  cancel(): void {
    this.close();
    this.ctx.view.focus();
    this.ctx.view.requestRender();
  }

  private close(): void {
    if (this.draft?.id && this.draft.prop === 'text') this.ctx.client.setPresence({ editing: null });
    this.draft = null;
    this.el.hidden = true;
  }

  /** The document changed: an element deleted under the editor ends the edit (saying what I typed). */
  docChanged(): void {
    const d = this.draft;
    if (!d?.id || this.ctx.doc().has(d.id)) return;
    const mine = this.el.value.replace(/\s+$/, '');
    this.cancel();
    if (mine !== d.base) toast(t('merge.gone', { text: mine.slice(0, 300) }), 'info', 12000);
  }
}
