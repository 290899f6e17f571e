// Cards in the journey grid: where a new card goes, and the one message that drops dragged cards
// into a cell (a move per card, and an update of stage or emotion where they change).
import { keyBetween, keysBetween } from '../model/fracindex';
import type { Op, Props } from '../model/types';
import { cellAt, emotionAt, emotionTop, G, GridLayout, insertionPoint, LaneRow, Rect, StageCol, subColW } from '../render/layout';

/** The fractional index range between the neighbours a point of the cell falls between. */
function slotAt(L: GridLayout, laneId: string, stageId: string, x: number, y: number, exclude: Set<string>) {
  const { before, after } = insertionPoint(L, laneId, stageId, x, y, exclude);
  const lo = after?.index ?? null;
  let hi = before?.index ?? null;
  if (lo !== null && hi !== null && lo >= hi) hi = null;
  return { before, after, lo, hi };
}

/**
 * What the drop of the cards `ids` at (x, y) highlights: the cell, and where they go: a line
 * across a one-column cell, a bar beside the neighbour in a crowded (several-column) one.
 */
export function dropPreview(L: GridLayout, x: number, y: number, ids: Set<string>): { dropCell: Rect | null; dropLine: { x: number; y: number; w: number } | null; dropBar?: Rect } {
  const cell = cellAt(L, x, y);
  if (!cell) return { dropCell: null, dropLine: null };
  const dropCell = { x: cell.stage.x, y: cell.lane.y, w: cell.stage.w, h: cell.lane.h };
  if (cell.lane.kind === 'emotions') return { dropCell, dropLine: null };
  const { before, after } = insertionPoint(L, cell.lane.el.id, cell.stage.el.id, x, y, ids);
  const ref = after ? L.cardById.get(after.id) : null;
  const nxt = before ? L.cardById.get(before.id) : null;
  if (cell.stage.cols > 1 && (ref || nxt)) {
    const bar = nxt && (!ref || nxt.y === ref.y || nxt.col > 0)
      ? { x: nxt.x - G.colGap / 2 - 1.5, y: nxt.y, w: 3, h: nxt.h }
      : { x: ref!.x + ref!.w + G.colGap / 2 - 1.5, y: ref!.y, w: 3, h: ref!.h };
    return { dropCell, dropLine: null, dropBar: bar };
  }
  const ly = ref ? ref.y + ref.h + G.cardGap / 2 : nxt ? nxt.y - G.cardGap / 2 : cell.lane.y + G.cellPad / 2;
  return { dropCell, dropLine: { x: cell.stage.x + G.cellPad, y: ly, w: cell.stage.w - 2 * G.cellPad } };
}

/**
 * One message for a card drop at (x, y): a move per card into the cell (in their current order),
 * an update of stage when the column changes, and in the emotion lane the score of the drop height
 * (+2 at the top, -2 at the bottom). The only card of a cell dropped back into it gives no op.
 */
export function cardDropOps(L: GridLayout, x: number, y: number, ids: Set<string>): Op[] {
  const cell = cellAt(L, x, y);
  if (!cell) return [];
  const cards = [...ids].map((id) => L.cardById.get(id)).filter((b): b is NonNullable<typeof b> => !!b)
    .sort((a, b) => a.stage.i - b.stage.i || a.lane.i - b.lane.i || a.slot - b.slot);
  if (!cards.length) return [];
  const { lo, hi } = slotAt(L, cell.lane.el.id, cell.stage.el.id, x, y, ids);
  const keys = keysBetween(lo, hi, cards.length);
  const ops: Op[] = [];
  const emotion = cell.lane.kind === 'emotions' ? emotionAt(cell.lane, y) : null;
  cards.forEach((b, i) => {
    const el = b.el;
    const set: Props = {};
    if (el.props.stage !== cell.stage.el.id) set.stage = cell.stage.el.id;
    if (emotion !== null && el.props.emotion !== emotion) set.emotion = emotion;
    // back into its own cell where it is the only card (the neighbours leave out the dragged cards)
    const samePlace = el.parent === cell.lane.el.id && el.props.stage === cell.stage.el.id && cards.length === 1 && lo === null && hi === null;
    if (!samePlace) ops.push({ op: 'move', id: el.id, parent: cell.lane.el.id, index: keys[i] });
    if (Object.keys(set).length) ops.push({ op: 'update', id: el.id, set });
  });
  return ops;
}

export interface NewCard {
  lane: LaneRow;
  stage: StageCol;
  index: string;
  /** where the editor opens, in world coordinates */
  rect: Rect;
  /** props the card gets besides its text (the emotion of the click height in the emotion lane) */
  props: Props;
}

/** A new card created by a double-click at (x, y) in the cell: its index among the cell's cards. */
export function newCardAt(L: GridLayout, laneId: string, stageId: string, x: number, y: number): NewCard | null {
  const lane = L.lanes.find((l) => l.el.id === laneId);
  const stage = L.stages.find((s) => s.el.id === stageId);
  if (!lane || !stage) return null;
  const { before, after, lo, hi } = slotAt(L, laneId, stageId, x, y, new Set());
  const index = keyBetween(lo, hi);
  const ref = after ? L.cardById.get(after.id) : null;
  const top = ref ? ref.y + ref.h + G.cardGap : before ? L.cardById.get(before.id)!.y : lane.y + G.cellPad;
  const cw = subColW(stage);
  const rect = lane.kind === 'emotions'
    ? { x: stage.x + G.cellPad, y: lane.y + lane.h / 2 - 24, w: Math.min(stage.w - 2 * G.cellPad, G.colW - 2 * G.cellPad), h: 48 }
    : stage.cols > 1 && ref && ref.col < stage.cols - 1
      ? { x: ref.x + cw + G.colGap, y: ref.y, w: cw, h: 48 } // next to it in its row
      : { x: stage.x + G.cellPad, y: top, w: cw, h: 48 };
  const props: Props = {};
  if (lane.kind === 'emotions') {
    const emotion = emotionAt(lane, y);
    props.emotion = emotion;
    rect.y = emotionTop(lane) + (2 - emotion) * G.emotionLevel - 24;
  }
  return { lane, stage, index, rect, props };
}

/** The create op of a new card with its text; none for empty text. */
export function createCardOps(id: string, card: NewCard, text: string): Op[] {
  if (!text.trim()) return [];
  return [{ op: 'create', id, type: 'card', parent: card.lane.el.id, index: card.index, props: { stage: card.stage.el.id, text, ...card.props } }];
}
