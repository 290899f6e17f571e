// The DOM of the priority matrix: 5 × 5 cells (impact 1–5 up, effort 1–5 right) tinted by
// quadrant with the four quadrant names, each rated pain point and opportunity as a chip in its
// cell, the unrated ones in a list beside it, and the links of opportunities to the pain points
// they address drawn over both.
import { addressesOf } from '../../edit/plan';
import type { BoardDoc } from '../../model/doc';
import { formatScore, HIGH, Priority, Quadrant, quadrantOf } from '../../model/priority';
import { h, icon } from '../dom';
import { MsgKey, t } from '../i18n';
import { cardTitle, scoreTooltip } from '../plan/words';

const SVG = 'http://www.w3.org/2000/svg';

/** Where each quadrant's name goes: its outer corner cell (impact, effort). */
const CORNER: Record<Quadrant, [number, number]> = { 'quick-wins': [5, 1], 'big-bets': [5, 5], 'fill-ins': [1, 1], 'money-pits': [1, 5] };

export interface ChipOptions {
  /** may I drag it (rate it) / link from it */
  draggable: boolean;
  linkable: boolean;
  /** why I may not change it here (a lock or a scope), for its tooltip */
  refusal: string | null;
  selected: boolean;
}

export function chip(doc: BoardDoc, p: Priority, o: ChipOptions): HTMLElement {
  const el = h('div', {
    class: `pri-chip kind-${p.kind} ${o.draggable ? 'draggable' : ''} ${o.refusal ? 'refused' : ''} ${o.selected ? 'selected' : ''} ${p.top ? 'top' : ''}`,
    'data-card': p.card.id, 'data-kind': p.kind, 'data-score': formatScore(p.score),
    title: `${cardTitle(p.card, 200)}\n${scoreTooltip(doc, p)}${o.refusal ? `\n\n${o.refusal}` : ''}`,
  });
  if (p.top) el.append(h('span', { class: 'pri-top', text: `TOP ${p.top}` }));
  el.append(h('span', { class: 'pri-text', text: cardTitle(p.card, 40) }), h('span', { class: 'pri-score', text: formatScore(p.score) }));
  if (o.linkable) el.append(h('span', { class: 'pri-link-handle', title: t('pri.linkHint'), 'aria-label': t('pri.linkHint'), 'data-link-from': p.card.id }, icon('share', 13, 2)));
  return el;
}

/** The matrix with its cells; chips are placed by `place`. */
export function matrixGrid(): { el: HTMLElement; cell(impact: number, effort: number): HTMLElement } {
  const cells = new Map<string, HTMLElement>();
  const grid = h('div', { class: 'pri-grid' });
  for (let impact = 5; impact >= 1; impact--) {
    grid.append(h('div', { class: 'pri-axis-y', text: String(impact) }));
    for (let effort = 1; effort <= 5; effort++) {
      const q = quadrantOf(impact, effort)!;
      const c = h('div', { class: `pri-cell quad-${q} ${impact === HIGH ? 'edge-impact' : ''} ${effort === HIGH ? 'edge-effort' : ''}`, 'data-impact': impact, 'data-effort': effort });
      const [ci, ce] = CORNER[q];
      if (ci === impact && ce === effort) c.append(h('div', { class: 'pri-quad-name', 'data-quadrant': q, text: t(`quad.${q}` as MsgKey) }));
      c.append(h('div', { class: 'pri-chips' }));
      cells.set(`${impact}|${effort}`, c);
      grid.append(c);
    }
  }
  grid.append(h('div', { class: 'pri-axis-corner' }), ...[1, 2, 3, 4, 5].map((e) => h('div', { class: 'pri-axis-x', text: String(e) })));
  const el = h('div', { class: 'pri-matrix' },
    h('div', { class: 'pri-axis-label y', text: t('pri.axisImpact') }),
    grid,
    h('div', { class: 'pri-axis-label x', text: t('pri.axisEffort') }));
  return { el, cell: (impact, effort) => cells.get(`${impact}|${effort}`)!.querySelector('.pri-chips') as HTMLElement };
}

/** The rating of the matrix cell under a point, or 'unrated' over the list, or null elsewhere. */
export function dropTarget(x: number, y: number): { impact: number; effort: number } | 'unrated' | null {
  const el = document.elementFromPoint(x, y) as HTMLElement | null;
  const cell = el?.closest('.pri-cell') as HTMLElement | null;
  if (cell) return { impact: Number(cell.dataset.impact), effort: Number(cell.dataset.effort) };
  return el?.closest('.pri-unrated') ? 'unrated' : null;
}

/**
 * Lines from each opportunity's chip to the chips of the pain points it addresses, in an SVG laid
 * over `host` (both chips must be shown).
 */
export function drawLinks(host: HTMLElement, svg: SVGSVGElement, doc: BoardDoc, items: readonly Priority[]): void {
  const box = host.getBoundingClientRect();
  svg.setAttribute('width', String(box.width));
  svg.setAttribute('height', String(box.height));
  svg.replaceChildren();
  const centre = (id: string) => {
    const c = host.querySelector(`.pri-chip[data-card="${CSS.escape(id)}"]`);
    if (!c) return null;
    const r = c.getBoundingClientRect();
    return { x: r.left - box.left + r.width / 2, y: r.top - box.top + r.height / 2 };
  };
  for (const p of items) {
    if (p.kind !== 'opportunity') continue;
    const a = centre(p.card.id);
    if (!a) continue;
    for (const target of addressesOf(doc.get(p.card.id))) {
      const b = centre(target);
      if (!b) continue;
      const line = document.createElementNS(SVG, 'line');
      line.setAttribute('x1', String(a.x));
      line.setAttribute('y1', String(a.y));
      line.setAttribute('x2', String(b.x));
      line.setAttribute('y2', String(b.y));
      line.setAttribute('class', 'pri-link');
      line.dataset.from = p.card.id;
      line.dataset.to = target;
      svg.append(line);
    }
  }
}

export function linkLayer(): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'pri-links');
  svg.setAttribute('aria-hidden', 'true');
  return svg;
}
