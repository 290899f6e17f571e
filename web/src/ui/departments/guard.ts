// What department scopes mean on the canvas, for me: the cells I may not edit (dimmed), a tooltip
// naming the departments a cell is open to, and an attempt that explains itself (typing into such a
// cell is refused before any text is typed, so nothing is lost). Every answer comes from the
// document's rule (BoardDoc.scopeBlock); nothing here decides who may edit.
import type { Actor } from '../../model/actor';
import type { BoardDoc } from '../../model/doc';
import { cellAt, GridLayout, Rect } from '../../render/layout';
import type { BoardContext } from '../context';
import { toast } from '../dom';
import { cardScopeBlock, scopeExplanation } from './names';

/** Would typing a new card into the cell be refused? Then say why (and answer true). */
export function refuseCellOutOfScope(ctx: BoardContext, laneId: string, stageId: string): boolean {
  const block = ctx.doc().scopeBlock(laneId, stageId, ctx.client.actor);
  if (!block) return false;
  toast(scopeExplanation(ctx.doc(), block, ctx.client.actor), 'error');
  return true;
}

/** Would editing this card be refused by its lane's or stage's scope? Then say why (and answer true). */
export function refuseCardOutOfScope(ctx: BoardContext, id: string): boolean {
  const el = ctx.doc().get(id);
  const block = el ? cardScopeBlock(ctx.doc(), el, ctx.client.actor) : null;
  if (!block) return false;
  toast(scopeExplanation(ctx.doc(), block, ctx.client.actor), 'error');
  return true;
}

/** The grid cells whose scope refuses the actor (none for facilitators and viewers, who see no dimming). */
export function outOfScopeCells(doc: BoardDoc, L: GridLayout, actor: Actor): Rect[] {
  if (actor.role !== 'editor') return [];
  const out: Rect[] = [];
  for (const lane of L.lanes) {
    for (const stage of L.stages) {
      if (doc.scopeBlock(lane.el.id, stage.el.id, actor)) out.push({ x: stage.x, y: lane.y, w: stage.w, h: lane.h });
    }
  }
  return out;
}

/** The canvas tooltip over a cell I may not edit: which departments it is open to, and mine. */
export function installScopeTooltip(ctx: BoardContext): void {
  const canvas = ctx.view.canvas;
  canvas.addEventListener('pointermove', (e) => {
    let title = '';
    if (ctx.client.role === 'editor') {
      const p = ctx.view.localPoint(e);
      const w = ctx.camera.toWorld(p.x, p.y);
      const cell = cellAt(ctx.layout(), w.x, w.y);
      const block = cell ? ctx.doc().scopeBlock(cell.lane.el.id, cell.stage.el.id, ctx.client.actor) : null;
      if (block) title = scopeExplanation(ctx.doc(), block, ctx.client.actor);
    }
    if (canvas.title !== title) canvas.title = title;
  });
}
