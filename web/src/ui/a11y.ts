// The board for screen readers: the canvas is a picture, so an offscreen copy of its contents
// follows it, in the UI language: a table of lanes × stages whose cells list the cards with
// their attributes (locked ones and who is typing where), then the free notes. It is rebuilt at
// most once a second while the board changes. A polite live region says what I selected (the
// keyboard moves the selection) and, at most every few seconds, that others changed the board.
import './canvas.css';
import type { BoardElement } from '../model/types';
import { describeCard } from './card-text';
import type { BoardContext } from './context';
import { h } from './dom';
import { lang, t } from './i18n';

const REBUILD_MS = 1000;
const ANNOUNCE_CHANGES_MS = 5000;

export class BoardA11y {
  readonly el: HTMLElement;
  private readonly live: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private builtKey = '';
  private changed = 0;
  private changeTimer: ReturnType<typeof setTimeout> | null = null;
  private lastSelected = '';

  constructor(private readonly ctx: BoardContext) {
    this.el = h('section', { class: 'sr-only', 'data-testid': 'a11y-board', 'aria-label': t('a11y.region') });
    this.live = h('div', { class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'a11y-live' });
    ctx.view.canvas.setAttribute('aria-describedby', 'jb-a11y-board');
    this.el.id = 'jb-a11y-board';
  }

  /** The elements to add after the canvas. */
  get nodes(): HTMLElement[] { return [this.el, this.live]; }

  /** The document or who types where changed: rebuild soon; count remote changes for a word. */
  changedSoon(remote = 0): void {
    if (remote > 0) this.countRemote(remote);
    if (this.timer !== null) return;
    this.timer = setTimeout(() => { this.timer = null; this.build(); }, REBUILD_MS);
  }

  /** The language changed: now. */
  rebuild(): void {
    this.builtKey = '';
    this.el.setAttribute('aria-label', t('a11y.region'));
    this.build();
  }

  /** Says what is selected now (the keyboard moves the selection between cards). */
  selectionChanged(): void {
    const ids = this.ctx.selection.list();
    const key = ids.join(',');
    if (key === this.lastSelected) return;
    this.lastSelected = key;
    if (ids.length !== 1) return;
    const what = this.describe(ids[0]);
    if (what) this.say(t('a11y.selected', { what }));
  }

  /** One element in words, with where it is (stage, lane). */
  describe(id: string): string | null {
    const doc = this.ctx.doc();
    const el = doc.get(id);
    if (!el) return null;
    const L = this.ctx.layout();
    if (el.type === 'card') {
      const b = L.cardById.get(id);
      const where = b ? t('a11y.where', { stage: b.stage.label, lane: b.lane.label }) : '';
      return [describeCard(el, doc), where, ...this.flags(el)].filter(Boolean).join('. ');
    }
    if (el.type === 'stage') return `${t('stage')} ${L.stages.find((s) => s.el.id === id)?.label ?? ''}`;
    if (el.type === 'lane') return `${t('lane')} ${L.lanes.find((l) => l.el.id === id)?.label ?? ''}`;
    return [(el.props.text as string) || el.type, ...this.flags(el)].join('. ');
  }

  private flags(el: BoardElement): string[] {
    const out: string[] = [];
    if (this.ctx.lockedForMe(el.id)) out.push(t('a11y.locked'));
    for (const name of this.ctx.authors.editing(el.id)) out.push(t('a11y.editingBy', { name }));
    return out;
  }

  private countRemote(n: number): void {
    this.changed += n;
    if (this.changeTimer !== null) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = null;
      if (this.changed) this.say(t('a11y.changes', { n: this.changed }));
      this.changed = 0;
    }, ANNOUNCE_CHANGES_MS);
  }

  private say(text: string): void {
    // the same words twice must be read twice: clear first
    this.live.textContent = '';
    requestAnimationFrame(() => { this.live.textContent = text; });
  }

  private build(): void {
    const doc = this.ctx.doc();
    const peers = [...this.ctx.client.peers.values()].map((p) => `${p.id}:${p.editing ?? ''}`).join(',');
    const key = `${doc.version}|${lang()}|${peers}|${this.ctx.client.role}|${this.ctx.client.actor.boardLocked}`;
    if (key === this.builtKey) return;
    this.builtKey = key;
    const L = this.ctx.layout();
    const head = h('tr', {}, h('th', { scope: 'col', text: `${t('lane')} \\ ${t('stage')}` }),
      ...L.stages.map((s) => h('th', { scope: 'col', text: `${s.i + 1}. ${s.label}` })));
    const rows = L.lanes.map((lane) => h('tr', {}, h('th', { scope: 'row', text: lane.label }),
      ...L.stages.map((st) => {
        const cards = L.cells.get(`${lane.el.id}|${st.el.id}`) ?? [];
        if (!cards.length) return h('td', { text: t('a11y.noCards') });
        return h('td', {}, h('ul', { 'aria-label': t('a11y.cards', { n: cards.length }) },
          ...cards.map((b) => h('li', { 'data-id': b.el.id, text: [describeCard(b.el, doc), ...this.flags(b.el)].join('. ') }))));
      })));
    const parts: HTMLElement[] = [h('table', {}, h('caption', { text: t('a11y.lanesOf') }), h('thead', {}, head), h('tbody', {}, ...rows))];
    const notes = L.free.filter((f) => typeof f.props.text === 'string' && (f.props.text as string).trim());
    if (notes.length) {
      parts.push(h('h3', { text: t('a11y.free') }), h('ul', {}, ...notes.map((f) => h('li', { 'data-id': f.id, text: [f.props.text as string, ...this.flags(f)].join('. ') }))));
    }
    this.el.replaceChildren(...parts);
  }
}
