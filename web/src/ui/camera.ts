// The board camera: world ↔ screen, zoom about a point, pan, fit the board. No DOM here; the
// canvas view tells it its size, listeners hear every change (presence, follow me, zoom label).
import type { Rect } from '../render/layout';
import type { Camera } from '../render/scene';
import type { Viewport } from '../protocol/messages';

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 4;

const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

export class CameraController {
  private cam: Camera = { x: -40, y: -40, zoom: 1 };
  private readonly listeners: (() => void)[] = [];

  /** size answers the viewport's width and height in CSS pixels */
  constructor(private readonly size: () => { width: number; height: number }) {}

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

  /** Zoom to fit b; the first view fits the width only (readable text, scroll down). */
  fit(b: Rect, initial = false): void {
    if (b.w <= 0 || b.h <= 0) return;
    const { width, height } = this.size();
    const pad = 48;
    const zw = (width - 2 * pad) / b.w;
    const zh = (height - 2 * pad) / b.h;
    const z = clampZoom(initial ? Math.min(1, Math.max(0.5, zw)) : Math.min(zw, zh));
    const x = b.w * z < width - 2 * pad ? b.x - (width / z - b.w) / 2 : b.x - (pad + 24) / z;
    const y = !initial && b.h * z < height ? b.y - (height / z - b.h) / 2 : b.y - pad / z;
    this.set({ zoom: z, x, y });
  }

  /** What I see, in world units (sent in presence; followers fit it into their view). */
  viewport(): Viewport {
    const { width, height } = this.size();
    const { x, y, zoom } = this.cam;
    return { x, y, w: width / zoom, h: height / zoom, zoom };
  }
}
