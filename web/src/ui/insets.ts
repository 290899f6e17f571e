// What floats over the canvas along its edges (the tool bar, the session banners and timer, the
// facilitator panel, the zoom bar): the sticky headers stay clear of it and "Fit" fits the board
// into the rest. Which edge an overlay covers follows from where it is, so a phone layout that
// moves the tool bar still gets it right.
import type { Insets } from '../render/sticky';

/** The overlays of the board page that cover part of the canvas. */
const OVERLAYS = '.toolbar, .facil-top, .facil-panel, .zoombar';
const GAP = 6;

export function measureInsets(canvas: HTMLElement): Insets {
  const stage = canvas.parentElement;
  const out = { top: 0, right: 0, bottom: 0, left: 0 };
  if (!stage) return out;
  const c = canvas.getBoundingClientRect();
  if (c.width <= 0 || c.height <= 0) return out;
  for (const el of stage.querySelectorAll<HTMLElement>(OVERLAYS)) {
    if (el.hidden) continue;
    const r = el.getBoundingClientRect();
    // an empty banner area has no height; a hidden panel no box at all
    if (r.width < 4 || r.height < 4) continue;
    const left = r.left - c.left, right = c.right - r.right, top = r.top - c.top, bottom = c.bottom - r.bottom;
    const tall = r.height > r.width;
    if (tall && left < c.width / 3) out.left = Math.max(out.left, r.right - c.left + GAP);
    else if (tall && right < c.width / 3) out.right = Math.max(out.right, c.right - r.left + GAP);
    else if (top <= bottom) out.top = Math.max(out.top, r.bottom - c.top + GAP);
    else out.bottom = Math.max(out.bottom, c.bottom - r.top + GAP);
  }
  // never more than half the view: a tiny window still shows the board
  out.left = Math.min(out.left, c.width / 2);
  out.right = Math.min(out.right, c.width / 2);
  out.top = Math.min(out.top, c.height / 2);
  out.bottom = Math.min(out.bottom, c.height / 2);
  return out;
}
