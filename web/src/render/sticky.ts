// Sticky headers: the stage header row and the lane header column stay at the top and left edges
// of the view while the map is panned under them, below whatever covers the canvas there (the
// session banners on top, the tool bar on the left: the view's insets). Everything that draws or
// hit-tests a header asks here where it is.
import { G, GridLayout, Rect } from './layout';
import type { Camera } from './scene';

/** Screen pixels along each edge of the canvas covered by floating UI (banners, tool bar, panels). */
export interface Insets { top: number; right: number; bottom: number; left: number }
export const NO_INSETS: Insets = Object.freeze({ top: 0, right: 0, bottom: 0, left: 0 });

/** World coordinates of the header row's top edge and the header column's left edge. */
export interface Sticky { top: number; left: number }
/** Where the headers are when nothing is panned under them (the PNG export). */
export const NATURAL: Sticky = Object.freeze({ top: 0, left: 0 });

export function stickyHeaders(L: GridLayout, cam: Camera, insets: Insets): Sticky {
  const z = cam.zoom;
  // never below the last lane or right of the last stage: the headers leave with the grid
  const maxTop = Math.max(0, L.grid.h - G.headerH);
  const maxLeft = Math.max(0, L.grid.w - G.headerW);
  return {
    top: Math.min(maxTop, Math.max(0, cam.y + insets.top / z)),
    left: Math.min(maxLeft, Math.max(0, cam.x + insets.left / z)),
  };
}

/** The header of a stage where it is drawn. */
export function stageHeaderRect(st: Rect, sticky: Sticky): Rect {
  return { x: st.x, y: sticky.top, w: st.w, h: G.headerH };
}

/** The header of a lane where it is drawn. */
export function laneHeaderRect(lane: Rect, sticky: Sticky): Rect {
  return { x: sticky.left, y: lane.y, w: G.headerW, h: lane.h };
}

/**
 * What the sticky headers cover at a world point: a stage or lane header, or nothing to hit (the
 * corner, and the bands between the view's edge and headers pushed down or right by its insets,
 * which hide what is under them); null where they cover nothing.
 */
export function headerAt(L: GridLayout, sticky: Sticky, x: number, y: number): { kind: 'stage' | 'lane' | 'covered'; id: string | null } | null {
  if (!L.stages.length && !L.lanes.length) return null;
  const { grid } = L;
  if (x < 0 || x >= grid.w || y < 0 || y >= grid.h) return null;
  if (y < sticky.top || x < sticky.left) return { kind: 'covered', id: null };
  const inRow = y < sticky.top + G.headerH;
  const inCol = x < sticky.left + G.headerW;
  if (inRow && inCol) return { kind: 'covered', id: null };
  if (inRow) {
    const st = L.stages.find((s) => x >= s.x && x < s.x + s.w);
    return { kind: 'stage', id: st?.el.id ?? null };
  }
  if (inCol) {
    const ln = L.lanes.find((l) => y >= l.y && y < l.y + l.h);
    return { kind: 'lane', id: ln?.el.id ?? null };
  }
  return null;
}
