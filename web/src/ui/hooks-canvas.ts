// More of window.__jb for the end-to-end tests: the sticky headers, hit tests at page points,
// the insets, the level of detail and what a card shows at it, and who types where.
import { badgeOrigin } from '../render/cards';
import { elementBounds, G } from '../render/layout';
import { lodFor, lowCard, lowSizes } from '../render/lod';
import type { BoardA11y } from './a11y';
import type { BoardContext } from './context';

export function installCanvasHooks(ctx: BoardContext, a11y: BoardA11y): void {
  const { camera, view } = ctx;
  const toClient = (x: number, y: number, w: number, h: number) => {
    const c = view.canvas.getBoundingClientRect();
    const p = camera.toScreen(x, y);
    return { x: c.left + p.x, y: c.top + p.y, w: w * camera.zoom, h: h * camera.zoom };
  };
  const hooks = {
    /** client rectangles of the stage header row and the lane header column where they are drawn */
    headers: () => {
      const L = ctx.layout(), st = ctx.sticky();
      return { row: toClient(st.left, st.top, L.grid.w - st.left, G.headerH), column: toClient(st.left, st.top, G.headerW, L.grid.h - st.top) };
    },
    /** the client rectangle of a stage's or lane's header where it is drawn */
    headerRect: (id: string) => {
      const L = ctx.layout(), st = ctx.sticky();
      const s = L.stages.find((x) => x.el.id === id);
      if (s) return toClient(s.x, st.top, s.w, G.headerH);
      const l = L.lanes.find((x) => x.el.id === id);
      return l ? toClient(st.left, l.y, G.headerW, l.h) : null;
    },
    /** the element a click at a page point lands on */
    hitAt: (clientX: number, clientY: number) => {
      const p = view.localPoint({ clientX, clientY });
      const w = camera.toWorld(p.x, p.y);
      return ctx.hit(w.x, w.y)?.id ?? null;
    },
    insets: () => ({ ...view.insets }),
    stageCols: () => ctx.layout().stages.map((s) => s.cols),
    /** what a card shows at the current zoom: its lines and chips, and the text size on screen */
    cardView: (id: string) => {
      const b = ctx.layout().cardById.get(id);
      if (!b) return null;
      const lod = lodFor(camera.zoom);
      if (lod.level === 0) return { level: 0, lines: b.lines, chips: b.badges.map((x) => x.text), fontPx: 14 * camera.zoom, rect: toClient(b.x, b.y, b.w, b.h) };
      const sz = lowSizes(lod);
      const c = lowCard(b, sz, view.text);
      return { level: lod.level, lines: c.lines, chips: c.chips.map((x) => x.text), fontPx: sz.fontPx * camera.zoom, rect: toClient(b.x, b.y, b.w, b.h) };
    },
    /** a card's badges as laid out at full detail: text, colour, world rectangle */
    badges: (id: string) => {
      const b = ctx.layout().cardById.get(id);
      if (!b) return [];
      const o = badgeOrigin(b, b.x, b.y);
      return b.badges.map((x) => ({ text: x.text, bg: x.bg, x: o.x + x.x, y: o.y + x.row * G.badgeH, w: x.w, h: 18 }));
    },
    bounds: () => ({ ...ctx.layout().bounds }),
    peersEditing: () => [...ctx.client.peers.values()].filter((p) => p.editing).map((p) => ({ name: p.name, editing: p.editing })),
    describe: (id: string) => a11y.describe(id),
    elementClientRect: (id: string) => {
      const r = elementBounds(ctx.doc().get(id), ctx.doc(), ctx.layout());
      return r ? toClient(r.x, r.y, r.w, r.h) : null;
    },
  };
  const target = (window as unknown as { __jb?: Record<string, unknown> }).__jb;
  if (target) Object.assign(target, hooks);
}
