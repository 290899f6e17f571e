// The board camera: world ↔ screen, zoom about a point, pan, fit the board. No DOM here; the
// canvas view tells it its size, listeners hear every change (presence, follow me, zoom label).
import type { Rect } from '../render/layout';
import type { Camera } from '../render/scene';
import { Insets, NO_INSETS } from '../render/sticky';
import type { Viewport } from '../protocol/messages';

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 4;

const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

export class CameraController {
  private cam: Camera = { x: -40, y: -40, zoom: 1 };
  private readonly listeners: (() => void)[] = [];

  /**
   * size answers the viewport's width and height in CSS pixels; insets what floats over its
   * edges (the tool bar, banners, the facilitator panel): "Fit" and scrolling to an item keep
   * clear of it.
   */
  constructor(private readonly size: () => { width: number; height: number }, private readonly insets: () => Insets = () => NO_INSETS) {}

  get current(): Camera { return { ...this.cam }; }
  get zoom(): number { return this.cam.zoom; }

  onChange(fn: () => void): void { this.listeners.push(fn); }

  /** Moves the camera (merged with the current one) and tells the listeners. */
  set(cam: Partial<Camera>): void {
    this.cam = { ...this.cam, ...cam };
    this.notify();
  }

  /** Tells the listeners again (e.g. re-send my viewport to followers at once). */
  notify(): void {
    for (const fn of this.listeners) fn();
  }

  toWorld(sx: number, sy: number): { x: number; y: number } {
    return { x: this.cam.x + sx / this.cam.zoom, y: this.cam.y + sy / this.cam.zoom };
  }

  toScreen(wx: number, wy: number): { x: number; y: number } {
    return { x: (wx - this.cam.x) * this.cam.zoom, y: (wy - this.cam.y) * this.cam.zoom };
  }

  /** Zooms keeping the world point under screen point (sx, sy) in place. */
  zoomAt(sx: number, sy: number, zoom: number): void {
    const z = clampZoom(zoom);
    const w = this.toWorld(sx, sy);
    this.set({ zoom: z, x: w.x - sx / z, y: w.y - sy / z });
  }

  /** Zooms about the centre of the view. */
  zoomBy(f: number): void { this.zoomTo(this.cam.zoom * f); }

  zoomTo(z: number): void {
    const { width, height } = this.size();
    this.zoomAt(width / 2, height / 2, z);
  }

  /** Moves the view by screen pixels. */
  panBy(dx: number, dy: number): void {
    this.set({ x: this.cam.x + dx / this.cam.zoom, y: this.cam.y + dy / this.cam.zoom });
  }

  /**
   * Zoom to fit b into the part of the view nothing covers; the first view fits the width only
   * (readable text, scroll down).
   */
  fit(b: Rect, initial = false): void {
    if (b.w <= 0 || b.h <= 0) return;
    const { width, height } = this.size();
    const ins = this.insets();
    // a margin of 48 px, of which what covers the edge takes up to half
    const pad = (inset: number) => inset + Math.max(24, 48 - inset);
    const left = pad(ins.left), top = pad(ins.top);
    const aw = Math.max(40, width - left - pad(ins.right));
    const ah = Math.max(40, height - top - pad(ins.bottom));
    const zw = aw / b.w;
    const zh = ah / b.h;
    const z = clampZoom(initial ? Math.min(1, Math.max(0.5, zw)) : Math.min(zw, zh));
    const x = b.w * z < aw ? b.x - (left + (aw - b.w * z) / 2) / z : b.x - left / z;
    const y = !initial && b.h * z < ah ? b.y - (top + (ah - b.h * z) / 2) / z : b.y - top / z;
    this.set({ zoom: z, x, y });
  }

  /** Pans as little as needed so that world rectangle r shows clear of the insets (and of `clear`, screen pixels more). */
  reveal(r: Rect, clear: Partial<Insets> = {}): void {
    const { width, height } = this.size();
    const ins = this.insets();
    const z = this.cam.zoom;
    const m = 16;
    const l = ins.left + (clear.left ?? 0) + m, t = ins.top + (clear.top ?? 0) + m;
    const rr = width - ins.right - m, bb = height - ins.bottom - m;
    const s0 = this.toScreen(r.x, r.y);
    const s1 = { x: s0.x + r.w * z, y: s0.y + r.h * z };
    let dx = 0, dy = 0;
    if (s1.x - s0.x > rr - l || s0.x < l) dx = s0.x - l;
    else if (s1.x > rr) dx = s1.x - rr;
    if (s1.y - s0.y > bb - t || s0.y < t) dy = s0.y - t;
    else if (s1.y > bb) dy = s1.y - bb;
    if (dx || dy) this.panBy(dx, dy);
  }

  /** What I see, in world units (sent in presence; followers fit it into their view). */
  viewport(): Viewport {
    const { width, height } = this.size();
    const { x, y, zoom } = this.cam;
    return { x, y, w: width / zoom, h: height / zoom, zoom };
  }
}
