// Journey grid layout: stage columns, lane rows, cards in their cells (a crowded cell flows into
// several sub-columns and widens its stage; the emotion lane places cards by score, side by side,
// and draws a curve through them), every card's badges in rows, plus bounds of free canvas items.
import { BoardDoc, compareElements } from '../model/doc';
import { cardDataHeight } from './card-data';
import type { BoardElement, Lang, LaneKind } from '../model/types';
import { isPersonaCard, personaLines } from './persona-card';
import type { PersonaLines } from './persona-card';
import { Badge, BADGE_ROW, BadgeLabels, cardBadges, placeBadges } from './badges';
import type { TextLayout } from './text';
import { FONT_FAMILY } from './theme';

export { FONT_FAMILY } from './theme';
export const CARD_FONT = `14px ${FONT_FAMILY}`;
export const G = {
  /** wide enough for a lane's name in two lines of about 11 screen px at 30 % zoom */
  headerW: 256,
  headerH: 64,
  /** width of one stage sub-column; a stage is 1..MAX_COLS of them */
  colW: 264,
  cellPad: 12,
  cardGap: 8,
  /** between the sub-columns of a crowded cell */
  colGap: 8,
  cardPad: 10,
  lineH: 19,
  badgeH: BADGE_ROW,
  /** one line of text; at 30 % zoom still as tall as a line of screen-sized text */
  minCardH: 48,
  minRowH: 96,
  emotionLevel: 34,
  maxCardLines: 14,
  emotionCardLines: 3,
  /** narrowest card of the emotion lane before its stage widens */
  emotionMinW: 76,
  emotionGap: 6,
};
const MAX_COLS = 8;

export interface Rect { x: number; y: number; w: number; h: number }
/** cols: the sub-columns its cells flow into (1 unless a cell of the stage is crowded) */
export interface StageCol extends Rect { el: BoardElement; label: string; i: number; cols: number }
export interface LaneRow extends Rect { el: BoardElement; label: string; kind: LaneKind; i: number }
/** slot: position in the cell; col: its sub-column (the emotion lane: its slot) */
export interface CardBox extends Rect {
  el: BoardElement; lines: string[]; badges: Badge[]; badgeRows: number;
  lane: LaneRow; stage: StageCol; kind: LaneKind; slot: number; col: number;
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

/**
 * A card's badges placed for a width, remembered per element object (elements are immutable)
 * and labels object: a re-layout after one remote edit recomputes the badges of one card.
 */
const badgeCache = new WeakMap<BadgeLabels, WeakMap<BoardElement, { key: string; badges: Badge[]; badgeRows: number }>>();
function badgesOf(el: BoardElement, kind: LaneKind, w: number, doc: BoardDoc, labels: BadgeLabels, text: TextLayout): { badges: Badge[]; badgeRows: number } {
  let byEl = badgeCache.get(labels);
  if (!byEl) badgeCache.set(labels, (byEl = new WeakMap()));
  // a department's name lives in another element: part of the key
  const dept = typeof el.props.dept === 'string' ? doc.get(el.props.dept) : undefined;
  const key = `${kind}|${w}|${dept ? JSON.stringify(dept.props) : ''}`;
  const hit = byEl.get(el);
  if (hit && hit.key === key) return hit;
  const badges = cardBadges(el, kind, doc, labels);
  const entry = { key, badges, badgeRows: placeBadges(badges, w - 2 * G.cardPad + 4, text) };
  byEl.set(el, entry);
  return entry;
}

/** Sub-columns a cell of n cards needs: about as tall as wide once it holds more than six. */
export function cellColumns(n: number): number {
  return n <= 6 ? 1 : Math.max(1, Math.min(MAX_COLS, Math.round(Math.sqrt(n / 4.3))));
}

/** Sub-columns an emotion cell of n cards needs so that none is narrower than G.emotionMinW. */
export function emotionColumns(n: number): number {
  const need = n * G.emotionMinW + Math.max(0, n - 1) * G.emotionGap;
  for (let k = 1; k < MAX_COLS; k++) if (k * G.colW - 2 * G.cellPad >= need) return k;
  return MAX_COLS;
}

/** Width of one sub-column of a stage. */
export function subColW(stage: { w: number; cols: number }): number {
  return (stage.w - 2 * G.cellPad - (stage.cols - 1) * G.colGap) / stage.cols;
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

export function layoutBoard(doc: BoardDoc, text: TextLayout, lang: Lang, fallback: { stage: string; lane: string }, badgeLabels?: BadgeLabels): GridLayout {
  const labels: BadgeLabels = badgeLabels ?? { kano: {} as BadgeLabels['kano'] };
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

  const lanes: LaneRow[] = laneEls.map((el, i) => ({
    el, i, kind: (el.props.kind as LaneKind) ?? 'custom', label: label(el, lang, `${fallback.lane} ${i + 1}`), x: 0, y: 0, w: 0, h: 0,
  }));
  const laneById = new Map(lanes.map((l) => [l.el.id, l]));
  const stageIds = new Set(stagesEls.map((s) => s.id));

  const cells = new Map<string, BoardElement[]>();
  for (const c of cardEls) {
    if (!laneById.has(c.parent!) || !stageIds.has(c.props.stage as string)) continue;
    const key = `${c.parent}|${c.props.stage}`;
    let list = cells.get(key);
    if (!list) cells.set(key, (list = []));
    list.push(c);
  }
  for (const list of cells.values()) list.sort(compareElements);

  // a stage is as wide as its most crowded cell needs
  let x = G.headerW;
  const stages: StageCol[] = stagesEls.map((el, i) => {
    let cols = 1;
    for (const lane of lanes) {
      const n = cells.get(`${lane.el.id}|${el.id}`)?.length ?? 0;
      cols = Math.max(cols, lane.kind === 'emotions' ? emotionColumns(n) : cellColumns(n));
    }
    const st: StageCol = { el, i, cols, label: label(el, lang, `${fallback.stage} ${i + 1}`), x, y: 0, w: cols * G.colW, h: 0 };
    x += st.w;
    return st;
  });

  const cards: CardBox[] = [];
  const cardById = new Map<string, CardBox>();
  const cellBoxes = new Map<string, CardBox[]>();
  const curves: EmotionCurve[] = [];
  const box = (el: BoardElement, lane: LaneRow, stage: StageCol, slot: number, col: number, w: number, maxLines: number): CardBox => {
    const lines = text.wrap((el.props.text as string) ?? '', CARD_FONT, w - 2 * G.cardPad, maxLines);
    const { badges, badgeRows } = badgesOf(el, lane.kind, w, doc, labels, text);
    const persona = isPersonaCard(el, lane.kind) ? personaLines(el, text, w) : undefined;
    const h = persona ? persona.h : Math.max(G.minCardH, lines.length * G.lineH + 2 * G.cardPad + (badgeRows ? badgeRows * G.badgeH + 2 : 0) + cardDataHeight(el, lane.kind));
    return { el, lines, badges, badgeRows, lane, stage, kind: lane.kind, slot, col, x: 0, y: 0, w, h, ...(persona ? { persona } : {}) };
  };
  let y = G.headerH;
  for (const lane of lanes) {
    lane.y = y;
    lane.x = 0;
    const rowBoxes: CardBox[] = [];
    if (lane.kind === 'emotions') {
      // cards side by side, lifted by their score; the curve runs through the scored ones
      let maxH = G.minCardH;
      for (const stage of stages) {
        const list = cells.get(`${lane.el.id}|${stage.el.id}`) ?? [];
        const n = list.length;
        const innerW = stage.w - 2 * G.cellPad;
        const slotW = n ? (innerW - (n - 1) * G.emotionGap) / n : innerW;
        const w = Math.max(48, Math.min(slotW, 200));
        list.forEach((el, slot) => {
          const b = box(el, lane, stage, slot, slot, w, G.emotionCardLines);
          b.x = stage.x + G.cellPad + slot * (slotW + G.emotionGap) + (slotW - w) / 2;
          maxH = Math.max(maxH, b.h);
          rowBoxes.push(b);
        });
      }
      const points: EmotionCurve['points'] = [];
      for (const b of rowBoxes) {
        const e = typeof b.el.props.emotion === 'number' ? (b.el.props.emotion as number) : 0;
        const cy = y + G.cellPad + maxH / 2 + (2 - e) * G.emotionLevel;
        b.y = cy - b.h / 2;
        if (typeof b.el.props.emotion === 'number') points.push({ x: b.x + b.w / 2, y: cy, e });
      }
      points.sort((a, b) => a.x - b.x);
      curves.push({ lane, points });
      lane.h = Math.max(G.minRowH, 2 * G.cellPad + 4 * G.emotionLevel + maxH);
    } else {
      let rowH = G.minRowH;
      for (const stage of stages) {
        const list = cells.get(`${lane.el.id}|${stage.el.id}`) ?? [];
        const cw = subColW(stage);
        // row by row, left to right: reading order is index order
        let top = y + G.cellPad;
        for (let i = 0; i < list.length; i += stage.cols) {
          let tallest = 0;
          for (let col = 0; col < stage.cols && i + col < list.length; col++) {
            const b = box(list[i + col], lane, stage, i + col, col, cw, G.maxCardLines);
            b.x = stage.x + G.cellPad + col * (cw + G.colGap);
            b.y = top;
            tallest = Math.max(tallest, b.h);
            rowBoxes.push(b);
          }
          top += tallest + G.cardGap;
        }
        // room below the last card for dropping and double-clicking
        rowH = Math.max(rowH, top - y + G.cellPad + 24);
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
  const gridW = x;
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

/** The stage column at world x (any height), if any. */
export function stageAtX(layout: GridLayout, x: number): StageCol | null {
  for (const s of layout.stages) if (x >= s.x && x < s.x + s.w) return s;
  return null;
}

/** The cell (lane, stage) under a world point, if any. */
export function cellAt(layout: GridLayout, x: number, y: number): { lane: LaneRow; stage: StageCol } | null {
  if (x < G.headerW || y < G.headerH) return null;
  const stage = stageAtX(layout, x);
  if (!stage) return null;
  const lane = layout.lanes.find((l) => y >= l.y && y < l.y + l.h);
  return lane ? { lane, stage } : null;
}

/**
 * Where a card dropped at (x, y) goes among the cards of a cell: the neighbours to insert between.
 * One column reads top to bottom, the emotion lane left to right, a crowded cell row by row.
 */
export function insertionPoint(layout: GridLayout, laneId: string, stageId: string, x: number, y: number, exclude: Set<string>): { before: BoardElement | null; after: BoardElement | null } {
  const list = (layout.cells.get(`${laneId}|${stageId}`) ?? []).filter((b) => !exclude.has(b.el.id));
  const emotions = list.length > 0 && list[0].kind === 'emotions';
  const grid = list.length > 0 && list[0].stage.cols > 1;
  const pointIsAfter = (b: CardBox) => emotions ? b.x + b.w / 2 < x
    : grid ? y >= b.y && (y > b.y + b.h + G.cardGap || x >= b.x + b.w / 2)
      : b.y + b.h / 2 < y;
  let i = 0;
  while (i < list.length && pointIsAfter(list[i])) i++;
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
