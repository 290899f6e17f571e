// The select tool (V): click to select (Shift / Ctrl / ⌘ to add or remove), drag items and cards
// (cards drop into a cell), drag a stage or lane header to reorder (facilitators), drag on empty
// canvas for a box selection, the resize handle of a selected sticky, text or shape, the "+"
// buttons of the grid, double-click to type. What a lock refuses is not started, and says why.
//
// States: idle → pointing (pressed on an element) → dragging (moved 4 px) or reordering (a
// header), idle → brushing (box selection), idle → resizing.
import { cardDropOps, dropPreview } from '../../edit/cards';
import { normRect, round1 } from '../../edit/geometry';
import { reorderSlot, reorderStructureOps, slotEdge } from '../../edit/structure';
import { dragIds, translateOps } from '../../edit/translate';
import { hitAddButton, hitResizeHandle } from '../../render/hit';
import { cellAt, freeBounds, Rect, rectsIntersect } from '../../render/layout';
import type { BoardElement } from '../../model/types';
import type { BoardContext } from '../context';
import { toast } from '../dom';
import { t } from '../i18n';
import { cellLockReason, explainLock, lockReason } from '../locks';
import { CardTip } from './card-tip';
import { GestureTool, PointerInfo } from './tool';

type State =
  | { kind: 'pointing'; id: string; sx: number; sy: number; wx: number; wy: number; shift: boolean }
  | { kind: 'dragging'; id: string; wx: number; wy: number; ids: Set<string> }
  | { kind: 'reordering'; id: string; what: 'stage' | 'lane'; slot: number }
  | { kind: 'brushing'; wx: number; wy: number; base: Set<string> }
  | { kind: 'resizing'; id: string; r: Rect; size: { w: number; h: number } | null };

/** What a double-click may not do while a dot vote runs (clicks are votes then). */
export interface VoteState { readonly voting: boolean }

const DRAG_THRESHOLD = 4;

export class SelectTool extends GestureTool<State> {
  readonly cursor = 'default';

  private readonly tip: CardTip;
  /** the lock refusal of this gesture was explained already */
  private explained = false;

  constructor(ctx: BoardContext, private readonly vote: VoteState) {
    super(ctx);
    this.tip = new CardTip(ctx);
  }

  down(p: PointerInfo): void {
    const { ctx } = this;
    const { x, y } = p.world;
    const doc = ctx.doc();
    this.tip.hide();
    this.explained = false;
    const handle = ctx.client.canEdit ? hitResizeHandle(doc, ctx.selection.set, x, y, ctx.camera.zoom) : null;
    if (handle) {
      this.state = { kind: 'resizing', id: handle, r: freeBounds(doc.get(handle)!, doc, null)!, size: null };
      return;
    }
    const add = ctx.client.role === 'facilitator' ? hitAddButton(ctx.layout(), x, y, ctx.sticky()) : null;
    if (add) {
      ctx.actions.addStructure(add);
      return;
    }
    const hit = ctx.hit(x, y);
    if (hit) {
      if (p.shiftKey || p.metaKey || p.ctrlKey) ctx.selection.toggle(hit.id);
      else if (!ctx.selection.has(hit.id)) ctx.selection.select([hit.id]);
      this.state = { kind: 'pointing', id: hit.id, sx: p.screen.x, sy: p.screen.y, wx: x, wy: y, shift: p.shiftKey };
      return;
    }
    const base = p.shiftKey ? new Set(ctx.selection.set) : new Set<string>();
    if (!p.shiftKey && ctx.selection.size) ctx.selection.select([]);
    this.state = { kind: 'brushing', wx: x, wy: y, base };
  }

  move(p: PointerInfo): void {
    const s = this.state;
    if (!s) return;
    const { ctx } = this;
    const overlay = ctx.view.overlay;
    const { x, y } = p.world;
    switch (s.kind) {
      case 'reordering': {
        s.slot = reorderSlot(ctx.layout(), s.what, s.what === 'stage' ? x : y);
        this.feedback(this.reorderFeedback(s));
        return;
      }
      case 'pointing': case 'dragging': {
        if (!ctx.client.canEdit) return;
        const el = ctx.doc().get(s.id);
        if (!el || el.type === 'connector') return;
        if (s.kind === 'pointing' && Math.hypot(p.screen.x - s.sx, p.screen.y - s.sy) < DRAG_THRESHOLD) return;
        if (el.type === 'stage' || el.type === 'lane') {
          if (ctx.client.role !== 'facilitator') return this.explainOnce(() => toast(t('structure.onlyFacilitator')));
          this.state = { kind: 'reordering', id: el.id, what: el.type, slot: reorderSlot(ctx.layout(), el.type, el.type === 'stage' ? x : y) };
          this.feedback(this.reorderFeedback(this.state));
          return;
        }
        const locked = lockReason(ctx, s.id);
        if (locked) return this.explainOnce(() => explainLock(locked));
        // what moves along is taken again on every move: remote edits may change it meanwhile
        const ids = dragIds(ctx.doc(), ctx.selection.set, el);
        this.state = { kind: 'dragging', id: s.id, wx: s.wx, wy: s.wy, ids };
        overlay.drag = { ids, dx: x - s.wx, dy: y - s.wy };
        overlay.hoverCell = null;
        if (el.type === 'card') Object.assign(overlay, dropPreview(ctx.layout(), x, y, ids));
        ctx.view.requestRender();
        return;
      }
      case 'brushing': {
        const r = normRect(s.wx, s.wy, x, y);
        overlay.box = r;
        const sel = new Set(s.base);
        const L = ctx.layout();
        for (const b of L.cards) if (rectsIntersect(b, r)) sel.add(b.el.id);
        for (const f of L.free) {
          const fr = freeBounds(f, ctx.doc(), L);
          if (fr && rectsIntersect(fr, r)) sel.add(f.id);
        }
        ctx.selection.preview(sel);
        ctx.view.requestRender();
        return;
      }
      case 'resizing': {
        s.size = { w: Math.max(24, x - s.r.x), h: Math.max(24, y - s.r.y) };
        this.feedback({ resize: { id: s.id, ...s.size } });
        return;
      }
    }
  }

  up(p: PointerInfo): void {
    const s = this.end();
    if (!s) return;
    const { ctx } = this;
    switch (s.kind) {
      case 'pointing':
        // a click on one of several selected items selects just it
        if (!s.shift && ctx.selection.size > 1 && ctx.selection.has(s.id)) ctx.selection.select([s.id]);
        return;
      case 'reordering':
        ctx.actions.submit(reorderStructureOps(ctx.doc(), ctx.layout(), s.id, s.slot));
        return;
      case 'dragging': {
        const el = ctx.doc().get(s.id);
        if (!el || !ctx.client.canEdit) return;
        const { x, y } = p.world;
        const cell = el.type === 'card' ? cellAt(ctx.layout(), x, y) : null;
        const locked = cell ? cellLockReason(ctx, cell.lane.el.id, cell.stage.el.id) : null;
        if (locked) { explainLock(locked); return; }
        const ops = el.type === 'card' ? cardDropOps(ctx.layout(), x, y, s.ids) : [];
        ops.push(...translateOps(ctx.doc(), s.ids, x - s.wx, y - s.wy));
        ctx.actions.submit(ops);
        return;
      }
      case 'brushing':
        ctx.selection.changed();
        return;
      case 'resizing':
        if (s.size && ctx.client.canEdit) ctx.actions.update(s.id, { w: round1(s.size.w), h: round1(s.size.h) });
        return;
    }
  }

  /**
   * With nothing pressed: highlight the cell under the pointer where a double-click adds a card
   * (not where a lock refuses it), and the tooltip of what the pointer rests on.
   */
  hover(p: PointerInfo): void {
    const { ctx } = this;
    const hit = ctx.hit(p.world.x, p.world.y);
    this.tip.hover(hit?.id ?? null, p.screen);
    if (!ctx.client.canEdit) return;
    const overlay = ctx.view.overlay;
    const cell = hit ? null : cellAt(ctx.layout(), p.world.x, p.world.y);
    const open = cell && !cellLockReason(ctx, cell.lane.el.id, cell.stage.el.id);
    const r = cell && open ? { x: cell.stage.x, y: cell.lane.y, w: cell.stage.w, h: cell.lane.h } : null;
    if (r?.x !== overlay.hoverCell?.x || r?.y !== overlay.hoverCell?.y) {
      overlay.hoverCell = r;
      ctx.view.requestRender();
    }
  }

  /** Double-click: type into the element, a new card into the cell, or a new sticky outside the grid. */
  dblclick(p: PointerInfo): void {
    const { ctx } = this;
    if (!ctx.client.canEdit || this.vote.voting) return;
    const { x, y } = p.world;
    const hit: BoardElement | null = ctx.hit(x, y);
    if (hit) {
      // the editor explains what it refuses (a lock, an editor on a header)
      if (hit.type !== 'connector' && hit.type !== 'ink') ctx.editor.editElement(hit.id);
      return;
    }
    const L = ctx.layout();
    const cell = cellAt(L, x, y);
    if (cell) {
      ctx.editor.newCard(cell.lane.el.id, cell.stage.el.id, x, y);
      return;
    }
    const g = L.grid;
    if (x >= g.x && x <= g.x + g.w && y >= g.y && y <= g.y + g.h) return;
    ctx.editor.newFreeText('sticky', x - 90, y - 70);
  }

  private explainOnce(say: () => void): void {
    if (this.explained) return;
    this.explained = true;
    say();
  }

  /** The header being dragged and the bar where it would go. */
  private reorderFeedback(s: { id: string; what: 'stage' | 'lane'; slot: number }): { reorder: Rect | null; dropBar: Rect } {
    const L = this.ctx.layout();
    const st = this.ctx.sticky();
    const z = this.ctx.camera.zoom;
    const edge = slotEdge(L, s.what, s.slot);
    if (s.what === 'stage') {
      const col = L.stages.find((x) => x.el.id === s.id);
      return { reorder: col ? { x: col.x, y: st.top, w: col.w, h: L.grid.h - st.top } : null, dropBar: { x: edge - 2 / z, y: st.top, w: 4 / z, h: L.grid.h - st.top } };
    }
    const row = L.lanes.find((x) => x.el.id === s.id);
    return { reorder: row ? { x: st.left, y: row.y, w: L.grid.w - st.left, h: row.h } : null, dropBar: { x: st.left, y: edge - 2 / z, w: L.grid.w - st.left, h: 4 / z } };
  }
}
