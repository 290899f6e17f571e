// Journey grid layout: stage columns, lane rows, cards stacked in their cells (the emotion lane
// places cards by score and draws a curve through them), plus bounds of free canvas items.
import { BoardDoc, compareElements } from '../model/doc';
import { cardDataHeight, metricInRow } from './card-data';
import type { BoardElement, Lang, LaneKind } from '../model/types';
import { isPersonaCard, personaLines } from './persona-card';
import type { PersonaLines } from './persona-card';
import { TextLayout } from './text';

export const FONT_FAMILY = `system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif`;
export const CARD_FONT = `14px ${FONT_FAMILY}`;
export const G = {
  headerW: 200,
  headerH: 64,
  colW: 264,
  cellPad: 12,
  cardGap: 8,
  cardPad: 10,
  lineH: 19,
  badgeH: 24,
  minCardH: 44,
  minRowH: 96,
  emotionLevel: 34,
  maxCardLines: 14,
  emotionCardLines: 3,
};

export interface Rect { x: number; y: number; w: number; h: number }
export interface StageCol extends Rect { el: BoardElement; label: string; i: number }
export interface LaneRow extends Rect { el: BoardElement; label: string; kind: LaneKind; i: number }
export interface CardBox extends Rect {
  el: BoardElement; lines: string[]; badges: boolean; lane: LaneRow; stage: StageCol; kind: LaneKind; slot: number;
  /** a persona lane's profile card (persona-card.ts) */
  persona?: PersonaLines;
}
export interface EmotionCurve { lane: LaneRow; points: { x: number; y: number; e: number }[] }

export interface GridLayout {
  stages: StageCol[];
  lanes: LaneRow[];
  cards: CardBox[];
  cardById: Map<string, CardBox>;
  /** cards per cell key `${laneId}|${stageId}` in order */
  cells: Map<string, CardBox[]>;
  curves: EmotionCurve[];
  grid: Rect; // header included
  free: BoardElement[]; // free canvas items in drawing order
  bounds: Rect; // everything
}

export function label(el: BoardElement, lang: Lang, fallback: string): string {
  const title = el.props.title;
  if (typeof title === 'string' && title.trim()) return title;
  const labels = el.props.labels as { zh?: string; en?: string } | undefined;
  return labels?.[lang] || labels?.en || labels?.zh || fallback;
}

export function hasBadges(el: BoardElement, kind: LaneKind): boolean {
  const p = el.props;
  // a metric with readings or a target has its own row in the card's data block, not a badge
  const badge = (m: 'csat' | 'nps' | 'ces') => p[m] !== undefined && !metricInRow(el, m);
  return p.mot === true || p.kano !== undefined || badge('csat') || badge('nps') || badge('ces')
    || (typeof p.owner === 'string' && p.owner !== '') || (typeof p.votes === 'number' && p.votes > 0)
    || (p.emotion !== undefined && kind !== 'emotions');
}

export function freeBounds(el: BoardElement, doc: BoardDoc, grid: GridLayout | null): Rect | null {
  const p = el.props;
  switch (el.type) {
    case 'sticky': case 'text': case 'shape':
      return { x: (p.x as number) ?? 0, y: (p.y as number) ?? 0, w: (p.w as number) ?? (el.type === 'sticky' ? 180 : 200), h: (p.h as number) ?? (el.type === 'sticky' ? 140 : 40) };
    case 'ink': {
      const pts = (p.points as number[]) ?? [];
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (let i = 0; i + 1 < pts.length; i += 2) {
        x0 = Math.min(x0, pts[i]); x1 = Math.max(x1, pts[i]);
        y0 = Math.min(y0, pts[i + 1]); y1 = Math.max(y1, pts[i + 1]);
      }
      if (!Number.isFinite(x0)) return null;
      const s = ((p.size as number) ?? 3) / 2;
      return { x: ((p.x as number) ?? 0) + x0 - s, y: ((p.y as number) ?? 0) + y0 - s, w: x1 - x0 + 2 * s, h: y1 - y0 + 2 * s };
    }
    case 'connector': {
      const a = elementBounds(doc.get(p.from as string), doc, grid);
      const b = elementBounds(doc.get(p.to as string), doc, grid);
      if (!a || !b) return null;
      const x0 = Math.min(a.x + a.w / 2, b.x + b.w / 2), y0 = Math.min(a.y + a.h / 2, b.y + b.h / 2);
      return { x: x0, y: y0, w: Math.abs(a.x + a.w / 2 - b.x - b.w / 2) + 1, h: Math.abs(a.y + a.h / 2 - b.y - b.h / 2) + 1 };
    }
    default: return null;
  }
}

export function elementBounds(el: BoardElement | undefined, doc: BoardDoc, grid: GridLayout | null): Rect | null {
  if (!el) return null;
  if (el.type === 'card') return grid?.cardById.get(el.id) ?? null;
  if (el.type === 'stage') {
    const s = grid?.stages.find((c) => c.el.id === el.id);
    return s ? { x: s.x, y: s.y, w: s.w, h: G.headerH } : null;
  }
  if (el.type === 'lane') {
    const l = grid?.lanes.find((r) => r.el.id === el.id);
    return l ? { x: l.x, y: l.y, w: G.headerW, h: l.h } : null;
  }
  return freeBounds(el, doc, grid);
}

const FREE_RANK: Record<string, number> = { shape: 0, ink: 1, sticky: 2, text: 2, connector: 3 };

export function layoutBoard(doc: BoardDoc, text: TextLayout, lang: Lang, fallback: { stage: string; lane: string }): GridLayout {
  const stagesEls: BoardElement[] = [];
  const laneEls: BoardElement[] = [];
  const cardEls: BoardElement[] = [];
  const free: BoardElement[] = [];
  for (const e of doc.values()) {
    if (e.type === 'stage') stagesEls.push(e);
    else if (e.type === 'lane') laneEls.push(e);
    else if (e.type === 'card') cardEls.push(e);
    else if (e.type in FREE_RANK) free.push(e); // departments are data, not drawn
  }
  stagesEls.sort(compareElements);
  laneEls.sort(compareElements);
  free.sort((a, b) => FREE_RANK[a.type] - FREE_RANK[b.type] || compareElements(a, b));

  const stages: StageCol[] = stagesEls.map((el, i) => ({
    el, i, label: label(el, lang, `${fallback.stage} ${i + 1}`), x: G.headerW + i * G.colW, y: 0, w: G.colW, h: 0,
  }));
  const stageById = new Map(stages.map((s) => [s.el.id, s]));
  const lanes: LaneRow[] = laneEls.map((el, i) => ({
    el, i, kind: (el.props.kind as LaneKind) ?? 'custom', label: label(el, lang, `${fallback.lane} ${i + 1}`), x: 0, y: 0, w: 0, h: 0,
  }));
  const laneById = new Map(lanes.map((l) => [l.el.id, l]));

  const cells = new Map<string, BoardElement[]>();
  for (const c of cardEls) {
    if (!laneById.has(c.parent!) || !stageById.has(c.props.stage as string)) continue;
    const key = `${c.parent}|${c.props.stage}`;
    let list = cells.get(key);
    if (!list) cells.set(key, (list = []));
    list.push(c);
  }
  for (const list of cells.values()) list.sort(compareElements);

  const cards: CardBox[] = [];
  const cardById = new Map<string, CardBox>();
  const cellBoxes = new Map<string, CardBox[]>();
  const curves: EmotionCurve[] = [];
  const innerW = G.colW - 2 * G.cellPad;
  const textW = innerW - 2 * G.cardPad;
  let y = G.headerH;
  for (const lane of lanes) {
    lane.y = y;
    lane.x = 0;
    const rowBoxes: CardBox[] = [];
    if (lane.kind === 'emotions') {
      // cards side by side, lifted by their score; the curve runs through the scored ones
      let maxH = G.minCardH;
      const pending: { box: CardBox; n: number }[] = [];
      for (const stage of stages) {
        const list = cells.get(`${lane.el.id}|${stage.el.id}`) ?? [];
        const n = list.length;
        const slotW = n ? (innerW - (n - 1) * 6) / n : innerW;
        const w = Math.max(48, Math.min(slotW, 200));
        list.forEach((el, slot) => {
          const lines = text.wrap((el.props.text as string) ?? '', CARD_FONT, w - 2 * G.cardPad, G.emotionCardLines);
          const badges = hasBadges(el, lane.kind);
          const h = Math.max(G.minCardH, lines.length * G.lineH + 2 * G.cardPad + (badges ? G.badgeH : 0));
          maxH = Math.max(maxH, h);
          const box: CardBox = { el, lines, badges, lane, stage, kind: lane.kind, slot, x: stage.x + G.cellPad + slot * (slotW + 6) + (slotW - w) / 2, y: 0, w, h };
          pending.push({ box, n });
        });
      }
      const rowH = 2 * G.cellPad + 4 * G.emotionLevel + maxH;
      const points: EmotionCurve['points'] = [];
      for (const { box } of pending) {
        const e = typeof box.el.props.emotion === 'number' ? (box.el.props.emotion as number) : 0;
        const cy = y + G.cellPad + maxH / 2 + (2 - e) * G.emotionLevel;
        box.y = cy - box.h / 2;
        if (typeof box.el.props.emotion === 'number') points.push({ x: box.x + box.w / 2, y: cy, e });
        rowBoxes.push(box);
      }
      points.sort((a, b) => a.x - b.x);
      curves.push({ lane, points });
      lane.h = Math.max(G.minRowH, rowH);
    } else {
      let rowH = G.minRowH;
      for (const stage of stages) {
        const list = cells.get(`${lane.el.id}|${stage.el.id}`) ?? [];
        let cy = y + G.cellPad;
        list.forEach((el, slot) => {
          const lines = text.wrap((el.props.text as string) ?? '', CARD_FONT, textW, G.maxCardLines);
          const badges = hasBadges(el, lane.kind);
          const persona = isPersonaCard(el, lane.kind) ? personaLines(el, text, innerW) : undefined;
          const h = persona ? persona.h : Math.max(G.minCardH, lines.length * G.lineH + 2 * G.cardPad + (badges ? G.badgeH : 0) + cardDataHeight(el, lane.kind));
          const box: CardBox = { el, lines, badges, lane, stage, kind: lane.kind, slot, x: stage.x + G.cellPad, y: cy, w: innerW, h, ...(persona ? { persona } : {}) };
          rowBoxes.push(box);
          cy += h + G.cardGap;
        });
        // room below the last card for dropping and double-clicking
        rowH = Math.max(rowH, cy - y + G.cellPad + 24);
      }
      lane.h = rowH;
    }
    for (const b of rowBoxes) {
      cards.push(b);
      cardById.set(b.el.id, b);
      const key = `${lane.el.id}|${b.stage.el.id}`;
      let list = cellBoxes.get(key);
      if (!list) cellBoxes.set(key, (list = []));
      list.push(b);
    }
    y += lane.h;
  }
  const gridW = G.headerW + stages.length * G.colW;
  for (const lane of lanes) lane.w = gridW;
  for (const s of stages) s.h = y;
  const grid: Rect = { x: 0, y: 0, w: gridW, h: y };

  const layout: GridLayout = { stages, lanes, cards, cardById, cells: cellBoxes, curves, grid, free, bounds: { ...grid } };
  let { x: bx0, y: by0 } = grid;
  let bx1 = grid.x + grid.w, by1 = grid.y + grid.h;
  for (const f of free) {
    const r = freeBounds(f, doc, layout);
    if (!r) continue;
    bx0 = Math.min(bx0, r.x); by0 = Math.min(by0, r.y);
    bx1 = Math.max(bx1, r.x + r.w); by1 = Math.max(by1, r.y + r.h);
  }
  layout.bounds = { x: bx0, y: by0, w: bx1 - bx0, h: by1 - by0 };
  return layout;
}

/** The cell (lane, stage) under a world point, if any. */
export function cellAt(layout: GridLayout, x: number, y: number): { lane: LaneRow; stage: StageCol } | null {
  if (x < G.headerW || y < G.headerH) return null;
  const stage = layout.stages[Math.floor((x - G.headerW) / G.colW)];
  if (!stage) return null;
  const lane = layout.lanes.find((l) => y >= l.y && y < l.y + l.h);
  return lane ? { lane, stage } : null;
}

/** Where a card dropped at world y goes among the cards of a cell: the neighbours to insert between. */
export function insertionPoint(layout: GridLayout, laneId: string, stageId: string, x: number, y: number, exclude: Set<string>): { before: BoardElement | null; after: BoardElement | null } {
  const list = (layout.cells.get(`${laneId}|${stageId}`) ?? []).filter((b) => !exclude.has(b.el.id));
  const emotions = list.length > 0 && list[0].kind === 'emotions';
  let i = 0;
  while (i < list.length && (emotions ? list[i].x + list[i].w / 2 < x : list[i].y + list[i].h / 2 < y)) i++;
  return { after: i > 0 ? list[i - 1].el : null, before: i < list.length ? list[i].el : null };
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The y of the top of the emotion scale (+2) in an emotions lane; each level is G.emotionLevel lower. */
export function emotionTop(lane: { y: number; h: number }): number {
  return lane.y + G.cellPad + (lane.h - 2 * G.cellPad - 4 * G.emotionLevel) / 2;
}

/** The emotion score (+2 at the top … -2 at the bottom) at height y of an emotions lane. */
export function emotionAt(lane: { y: number; h: number }, y: number): number {
  return Math.max(-2, Math.min(2, Math.round(2 - (y - emotionTop(lane)) / G.emotionLevel)));
}
