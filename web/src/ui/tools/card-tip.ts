// The tooltip of the select tool: resting the pointer on a card zoomed out (where it shows only a
// line or two) gives its whole text and every attribute; on anything locked for me it says so.
import { lodFor } from '../../render/lod';
import { cardAttributes } from '../card-text';
import type { BoardContext } from '../context';
import { h, icon } from '../dom';
import { t } from '../i18n';
import { lockReason } from '../locks';

const DELAY_MS = 450;

export class CardTip {
  private el: HTMLElement | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private shownFor: string | null = null;

  constructor(private readonly ctx: BoardContext) {
    ctx.view.canvas.addEventListener('pointerleave', () => this.hide());
    ctx.view.canvas.addEventListener('wheel', () => this.hide(), { passive: true });
  }

  /** The pointer rests at screen point p over element id (or nothing). */
  hover(id: string | null, p: { x: number; y: number }): void {
    if (id !== this.shownFor) this.hide();
    if (!id || this.shownFor === id) return;
    this.timer = setTimeout(() => this.show(id, p), DELAY_MS);
  }

  hide(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.shownFor = null;
    if (this.el) this.el.hidden = true;
  }

  private show(id: string, p: { x: number; y: number }): void {
    this.timer = null;
    const { ctx } = this;
    const doc = ctx.doc();
    const el = doc.get(id);
    if (!el) return;
    const lock = lockReason(ctx, id);
    const low = lodFor(ctx.camera.zoom).level > 0;
    if (!lock && !(low && el.type === 'card')) return;
    const body: HTMLElement[] = [];
    if (lock) body.push(h('div', { class: 'tip-lock' }, icon('lock', 14, 2), h('span', { text: t(lock) })));
    if (el.type === 'card' && low) {
      body.push(h('div', { class: 'tip-text', text: (el.props.text as string) || t('a11y.emptyCard') }));
      for (const a of cardAttributes(el, doc)) body.push(h('div', { class: 'tip-row' }, h('b', { text: a.name }), h('span', { text: a.value })));
    }
    if (!this.el) {
      this.el = h('div', { class: 'card-tip', role: 'tooltip', 'data-testid': 'card-tip' });
      ctx.view.canvas.parentElement?.append(this.el);
    }
    this.el.replaceChildren(...body);
    this.el.hidden = false;
    const maxX = ctx.view.width - 330;
    this.el.style.left = `${Math.max(8, Math.min(maxX, p.x + 14))}px`;
    this.el.style.top = `${Math.max(8, p.y + 18)}px`;
    this.shownFor = id;
  }
}
